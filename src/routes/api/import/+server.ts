import { json } from '@sveltejs/kit';
import { JSON_TYPE, ZIP_TYPE } from '$lib/domain/formats';
import { importQuery } from '$lib/domain/formats/query';
import { runImport } from '$lib/domain/formats/run-import';
import { storeFor } from '$lib/server/documents';
import { answer, IMPORT_LIMIT, readBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** `?mode=merge|replace&dryRun=true&format=…` with a causeway, Cytoscape or JGF file (JSON) or a zip of CSV files. */
export const POST: RequestHandler = (event) =>
	answer(async () => {
		const { request, url } = event;
		// The body is read (within its limit) before the query is judged: answering while the client
		// is still sending would reset the connection, and it would see no answer at all.
		const { type, bytes } = await readBody(request, { limit: IMPORT_LIMIT, types: [JSON_TYPE, ZIP_TYPE] });
		const query = importQuery(url.searchParams);
		return json(await runImport(await storeFor(event), bytes, { ...query, mediaType: type, author: event.locals.user }));
	});
