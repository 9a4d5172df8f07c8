import { getStore } from '$lib/server/instance';
import type { RequestHandler } from './$types';

/** The whole document, served from the bytes last written to disk. */
export const GET: RequestHandler = () =>
	new Response(new Uint8Array(getStore().documentJson()), { headers: { 'content-type': 'application/json' } });
