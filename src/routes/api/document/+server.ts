import { storeFor } from '$lib/server/documents';
import { answer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The whole document, served from the bytes last written to disk. */
export const GET: RequestHandler = (event) =>
	answer(async () => new Response(new Uint8Array((await storeFor(event)).documentJson()), { headers: { 'content-type': 'application/json' } }));
