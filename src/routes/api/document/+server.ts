import { getStore } from '$lib/server/instance';
import type { RequestHandler } from './$types';

/** The whole document, served from the bytes encoded once per revision (not copied again per request: 74 MB at 50,000 events). */
export const GET: RequestHandler = () =>
	new Response(getStore().documentJson() as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/json' } });
