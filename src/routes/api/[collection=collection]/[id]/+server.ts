import { json } from '@sveltejs/kit';
import type { CollectionName } from '$lib/domain/schema';
import { answer, asObject, ifMatch, readJson, summarize } from '$lib/server/http';
import { getStore } from '$lib/server/instance';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) =>
	answer(() => {
		const entity = getStore().get(params.collection as CollectionName, params.id);
		return json(entity, { headers: { etag: `"${entity.revision}"` } });
	});

export const PATCH: RequestHandler = ({ params, request }) =>
	answer(async () => {
		const collection = params.collection as CollectionName;
		const patch = asObject(await readJson(request));
		const store = getStore();
		await store.commit([{ op: 'update', collection, id: params.id, patch, ifRevision: ifMatch(request) }], { pathOf: () => '' });
		const entity = store.get(collection, params.id);
		return json(entity, { headers: { etag: `"${entity.revision}"` } });
	});

export const DELETE: RequestHandler = ({ params, request }) =>
	answer(async () => {
		const op = { op: 'delete', collection: params.collection as CollectionName, id: params.id, ifRevision: ifMatch(request) } as const;
		return json(summarize(await getStore().commit([op])));
	});
