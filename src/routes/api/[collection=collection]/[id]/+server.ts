import { json } from '@sveltejs/kit';
import type { CollectionName } from '$lib/domain/schema';
import { storeFor } from '$lib/server/documents';
import { answer, asObject, ifMatch, readJson, summarize } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	answer(async () => {
		const entity = (await storeFor(event)).get(event.params.collection as CollectionName, event.params.id);
		return json(entity, { headers: { etag: `"${entity.revision}"` } });
	});

export const PATCH: RequestHandler = (event) =>
	answer(async () => {
		const { params, request } = event;
		const collection = params.collection as CollectionName;
		const store = await storeFor(event);
		const patch = asObject(await readJson(request));
		await store.commit([{ op: 'update', collection, id: params.id, patch, ifRevision: ifMatch(request) }], { pathOf: () => '', author: event.locals.user });
		const entity = store.get(collection, params.id);
		return json(entity, { headers: { etag: `"${entity.revision}"` } });
	});

export const DELETE: RequestHandler = (event) =>
	answer(async () => {
		const { params, request } = event;
		const store = await storeFor(event);
		const op = { op: 'delete', collection: params.collection as CollectionName, id: params.id, ifRevision: ifMatch(request) } as const;
		return json(summarize(await store.commit([op], { author: event.locals.user })));
	});
