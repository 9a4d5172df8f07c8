/**
 * The change stream as Server-Sent Events. Each committed change is one `change` event whose id is
 * the document revision it made; a tab that reconnects (EventSource sends Last-Event-ID) gets what
 * it missed first. When that cannot be replayed — too old, or the server restarted — it gets a
 * `reset` event and reloads the document. A comment every 20 s keeps proxies from closing it.
 */
import type { Committed, Store } from './store';

const KEEPALIVE_MS = 20_000;
/** A change this large (an import) is cheaper to reload than to send and apply. */
const LARGEST_EVENT = 2_000;

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

function event(c: Committed): string {
	if (size(c) > LARGEST_EVENT) return `id: ${c.revision}\nevent: reset\ndata: ${JSON.stringify({ revision: c.revision })}\n\n`;
	return `id: ${c.revision}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`;
}

/** A text/event-stream Response of the store's commits after `since` (null: from now on). */
export function changeStream(store: Store, since: number | null, signal: AbortSignal): Response {
	let unsubscribe = () => {};
	let keepalive: ReturnType<typeof setInterval> | undefined;
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					close();
				}
			};
			const close = () => {
				open.delete(close);
				unsubscribe();
				clearInterval(keepalive);
				try {
					controller.close();
				} catch {
					/* already closed */
				}
			};
			// Tell the browser how long to wait before reconnecting.
			send(`retry: 1000\n: revision ${store.document.revision}\n\n`);
			if (since !== null) {
				const missed = store.changesSince(since);
				if (missed === null) send(`id: ${store.document.revision}\nevent: reset\ndata: ${JSON.stringify({ revision: store.document.revision })}\n\n`);
				else for (const c of missed) send(event(c));
			}
			unsubscribe = store.subscribe((c) => send(event(c)));
			keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
			signal.addEventListener('abort', close, { once: true });
			open.add(close);
			if (stopping) close();
		},
		cancel() {
			unsubscribe();
			clearInterval(keepalive);
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no'
		}
	});
}
