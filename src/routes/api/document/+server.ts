import { storeFor } from '$lib/server/documents';
import { answer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The whole document, served from the bytes encoded once per revision (not copied again per request: 74 MB at 50,000 events). */
export const GET: RequestHandler = (event) =>
	answer(async () => new Response((await storeFor(event)).documentJson() as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/json' } }));
