import type { Handle, ServerInit } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { writeToken } from '$lib/server/config';
import { DataFileError } from '$lib/server/durable-file';
import { errorResponse, HttpError } from '$lib/server/http';
import { openStore } from '$lib/server/instance';
import { LockedError } from '$lib/server/lock';

export const init: ServerInit = async () => {
	try {
		const store = await openStore();
		console.log(`Causeway: data in ${store.file} (revision ${store.document.revision})`);
	} catch (err) {
		if (err instanceof LockedError || err instanceof DataFileError) {
			console.error(`Causeway cannot start: ${err.message}`);
			process.exit(1);
		}
		throw err;
	}
};

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function authorized(request: Request, token: string): boolean {
	const given = Buffer.from(request.headers.get('authorization') ?? '');
	const wanted = Buffer.from(`Bearer ${token}`);
	return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export const handle: Handle = async ({ event, resolve }) => {
	const token = writeToken();
	if (token && event.url.pathname.startsWith('/api/') && !READS.has(event.request.method) && !authorized(event.request, token)) {
		return errorResponse(new HttpError(401, 'unauthorized', 'this server requires Authorization: Bearer <CAUSEWAY_TOKEN> for writes'));
	}
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	return response;
};
