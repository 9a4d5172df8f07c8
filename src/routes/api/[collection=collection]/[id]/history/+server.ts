import { json } from '@sveltejs/kit';
import { entityHistory } from '$lib/domain/history';
import type { CollectionName } from '$lib/domain/schema';
import { storeFor } from '$lib/server/documents';
import { answer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The entity's history from the change log, newest first: `{entries: [{revision, at, author?, action, fields: [{field, from?, to?}]}]}`. */
export const GET: RequestHandler = (event) =>
	answer(async () => {
		const { params } = event;
		const collection = params.collection as CollectionName;
		const store = await storeFor(event);
		const entries = entityHistory(await store.history(collection, params.id), collection, params.id);
		// A removed entity still has its history; one that never existed has none.
		if (!entries.length) store.get(collection, params.id);
		return json({ collection, id: params.id, entries }, { headers: { 'cache-control': 'no-store' } });
	});

