/**
 * The change stream as Server-Sent Events. Each committed change is one `change` event whose id is
 * the document revision it made; a tab that reconnects (EventSource sends Last-Event-ID) gets what
 * it missed first. When that cannot be replayed — too old, or the server restarted — it gets a
 * `reset` event and reloads the document. A comment every 20 s keeps proxies from closing it.
 */
import { RECENT_COMMITS } from './store';
import type { Committed, DocumentStore } from './store-contract';

const KEEPALIVE_MS = 20_000;
/** A change this large (an import) is cheaper to reload than to send and apply. */
const LARGEST_EVENT = 2_000;
/** Nor is one whose text is this long (a few large descriptions can make a few MB). */
const LARGEST_EVENT_BYTES = 256 * 1024;
/**
 * How much may wait for one client (bytes queued behind what its connection takes). A client that
 * falls further behind — a tab that stopped reading, a stalled network — is closed rather than
 * buffered for without end; when it reconnects, Last-Event-ID catches it up.
 */
const STREAM_BUFFER = 1024 * 1024;

const encoder = new TextEncoder();

/**
 * Open streams, closed when the server is asked to stop: adapter-node waits for open connections
 * (up to SHUTDOWN_TIMEOUT, 30 s) before it exits, and a stream never ends by itself. Closed, the
 * browsers reconnect to the next server and catch up by revision.
 */
const open = new Set<() => void>();
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		stopping = true;
		for (const close of [...open]) close();
		// Nobody else handles it (not under adapter-node): do what the signal would have done.
		if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
	});
}

function size(c: Committed): number {
	let n = 0;
	for (const diff of Object.values(c.change)) n += (diff?.added?.length ?? 0) + (diff?.updated?.length ?? 0) + (diff?.removed?.length ?? 0);
	return n;
}

const resetEvent = (revision: number) => encoder.encode(`id: ${revision}\nevent: reset\ndata: ${JSON.stringify({ revision })}\n\n`);

/** The latest commit encoded, so that it is encoded once however many clients it goes to. */
let latest: { commit: Committed; bytes: Uint8Array } | null = null;

function event(c: Committed): Uint8Array {
	if (latest?.commit === c) return latest.bytes;
	let bytes = size(c) > LARGEST_EVENT ? resetEvent(c.revision) : encoder.encode(`id: ${c.revision}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`);
	if (bytes.byteLength > LARGEST_EVENT_BYTES) bytes = resetEvent(c.revision);
	latest = { commit: c, bytes };
	return bytes;
}

/**
 * A text/event-stream Response of the store's commits after `since` (null: from now on). What was
 * missed is sent as fast as the client reads it (pulled), never queued all at once; live commits
 * are queued, and a client with more than STREAM_BUFFER waiting is closed.
 */
export function changeStream(store: DocumentStore, since: number | null, signal: AbortSignal): Response {
	let unsubscribe = () => {};
	let keepalive: ReturnType<typeof setInterval> | undefined;
	/** Commits still to send to catch up, oldest first; null once caught up. */
	let backlog: Committed[] | null = null;
	let close = () => {};
	const stream = new ReadableStream<Uint8Array>(
		{
			start(controller) {
				let closed = false;
				const enqueue = (bytes: Uint8Array) => {
					try {
						controller.enqueue(bytes);
					} catch {
						close();
					}
				};
				const stop = (end: () => void) => {
					if (closed) return;
					closed = true;
					open.delete(close);
					unsubscribe();
					clearInterval(keepalive);
					try {
						end();
					} catch {
						/* already closed */
					}
				};
				close = () => stop(() => controller.close());
				const live = (bytes: Uint8Array) => {
					enqueue(bytes);
					// Erroring (not closing) drops what is queued at once: a client that does not read would
					// otherwise hold it until its connection times out.
					if ((controller.desiredSize ?? 0) < 0) stop(() => controller.error(new Error('the client fell too far behind the change stream')));
				};
				// Tell the browser how long to wait before reconnecting.
				enqueue(encoder.encode(`retry: 1000\n: revision ${store.document.revision}\n\n`));
				// Commits made while what was missed is read are kept behind it (the log may be on disk).
				if (since !== null) backlog = [];
				unsubscribe = store.subscribe((c) => {
					if (!backlog) return live(event(c));
					backlog.push(c);
					// Behind by more than the store keeps: what it missed is cheaper to reload.
					if (backlog.length > RECENT_COMMITS) {
						backlog = null;
						live(resetEvent(c.revision));
					}
				});
				keepalive = setInterval(() => live(encoder.encode(': keepalive\n\n')), KEEPALIVE_MS);
				signal.addEventListener('abort', close, { once: true });
				open.add(close);
				if (stopping) close();
				if (since === null) return;
				return store.changesSince(since).then((missed) => {
					if (!backlog) return;
					const during = backlog;
					if (missed === null) {
						const now = store.document.revision;
						enqueue(resetEvent(now));
						backlog = during.filter((c) => c.revision > now);
					} else {
						const last = missed.at(-1)?.revision ?? since;
						backlog = [...missed, ...during.filter((c) => c.revision > last)];
					}
					if (backlog.length === 0) backlog = null;
				});
			},
			pull(controller) {
				while (backlog?.length && (controller.desiredSize ?? 0) > 0) controller.enqueue(event(backlog.shift()!));
				if (backlog?.length === 0) backlog = null;
			},
			cancel() {
				close();
			}
		},
		{ highWaterMark: STREAM_BUFFER, size: (chunk) => chunk.byteLength }
	);
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no'
		}
	});
}
