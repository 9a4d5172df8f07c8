import { changeStream } from '$lib/server/change-stream';
import { getStore } from '$lib/server/instance';
import type { RequestHandler } from './$types';

/**
 * Server-Sent Events: every committed change, so other tabs update live. `?since=<revision>` (or
 * the Last-Event-ID an EventSource sends when it reconnects) first replays what was missed.
 */
export const GET: RequestHandler = ({ request, url }) => {
	const since = Number(request.headers.get('last-event-id') ?? url.searchParams.get('since') ?? NaN);
	return changeStream(getStore(), Number.isInteger(since) && since >= 0 ? since : null, request.signal);
};
