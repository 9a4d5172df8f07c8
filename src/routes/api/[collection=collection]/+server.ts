import { json } from '@sveltejs/kit';
import type { CollectionName } from '$lib/domain/schema';
import { answer, readJson } from '$lib/server/http';
import { getStore } from '$lib/server/instance';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => json(getStore().list(params.collection as CollectionName));

export const POST: RequestHandler = ({ params, request, url }) =>
	answer(async () => {
		const collection = params.collection as CollectionName;
		const value = await readJson(request);
		const { change } = await getStore().commit([{ op: 'create', collection, value }], { pathOf: () => '' });
		const created = change[collection]!.added![0];
		return json(created, { status: 201, headers: { location: `${url.pathname}/${created.id}`, etag: `"${created.revision}"` } });
	});
