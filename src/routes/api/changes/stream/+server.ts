import { changeStream } from '$lib/server/change-stream';
import { storeFor } from '$lib/server/documents';
import { answer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * Server-Sent Events: every committed change, so other tabs update live. `?since=<revision>` (or
 * the Last-Event-ID an EventSource sends when it reconnects) first replays what was missed.
 */
export const GET: RequestHandler = (event) =>
	answer(async () => {
		const { request, url } = event;
		const since = Number(request.headers.get('last-event-id') ?? url.searchParams.get('since') ?? NaN);
		return changeStream(await storeFor(event), Number.isInteger(since) && since >= 0 ? since : null, request.signal);
	});
