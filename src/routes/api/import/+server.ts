import { json } from '@sveltejs/kit';
import { IMPORT_MEDIA_TYPES } from '$lib/domain/formats';
import { importQuery } from '$lib/domain/formats/query';
import { runImport } from '$lib/domain/formats/run-import';
import { storeFor } from '$lib/server/documents';
import { answer, IMPORT_LIMIT, readBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * `?mode=merge|replace&dryRun=true&format=…&map=…&graph=…&skipInvalid=true` (query.ts) with a file
 * in any format Causeway imports, told from its content; the media type only has to be one a file
 * is sent as (never text/plain or a form's, which a foreign page could send).
 */
export const POST: RequestHandler = (event) =>
	answer(async () => {
		const { request, url } = event;
		// The body is read (within its limit) before the query is judged: answering while the client
		// is still sending would reset the connection, and it would see no answer at all.
		const { type, bytes } = await readBody(request, { limit: IMPORT_LIMIT, types: IMPORT_MEDIA_TYPES });
		const query = importQuery(url.searchParams);
		return json(await runImport(await storeFor(event), bytes, { ...query, mediaType: type, author: event.locals.user }));
	});
