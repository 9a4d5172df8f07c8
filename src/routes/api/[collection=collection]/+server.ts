import { json } from '@sveltejs/kit';
import type { CollectionName } from '$lib/domain/schema';
import { storeFor } from '$lib/server/documents';
import { answer, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => answer(async () => json((await storeFor(event)).list(event.params.collection as CollectionName)));

export const POST: RequestHandler = (event) =>
	answer(async () => {
		const collection = event.params.collection as CollectionName;
		const store = await storeFor(event);
		const value = await readJson(event.request);
		const { change } = await store.commit([{ op: 'create', collection, value }], { pathOf: () => '', author: event.locals.user });
		const created = change[collection]!.added![0];
		return json(created, { status: 201, headers: { location: `${event.url.pathname}/${created.id}`, etag: `"${created.revision}"` } });
	});
