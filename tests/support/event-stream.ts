/**
 * A change stream (GET /api/changes/stream) held open while a spec acts elsewhere: the events
 * gather as they come, and `waitFor` resolves once one matches.
 */
export interface StreamEvent {
	id?: string;
	event: string;
	data: unknown;
	/** When it arrived (performance.now()). */
	at: number;
}

export interface OpenStream {
	readonly events: StreamEvent[];
	waitFor(match: (e: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
	close(): void;
}

function parseBlock(block: string): Omit<StreamEvent, 'at'> | null {
	const fields: Record<string, string> = {};
	for (const line of block.split('\n')) {
		if (!line || line.startsWith(':')) continue;
		const colon = line.indexOf(':');
		fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
	}
	return fields.event ? { id: fields.id, event: fields.event, data: JSON.parse(fields.data) } : null;
}

/** Opens the stream and resolves once the server has answered (from then on nothing is missed). */
export async function openStream(url: string, headers?: Record<string, string>): Promise<OpenStream> {
	const controller = new AbortController();
	const res = await fetch(url, { signal: controller.signal, headers });
	if (!res.ok) throw new Error(`the stream answered ${res.status}`);
	const events: StreamEvent[] = [];
	const waiting = new Set<() => void>();
	void (async () => {
		const reader = res.body!.getReader();
		const decoder = new TextDecoder();
		let buffer = '';
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				buffer += decoder.decode(value, { stream: true });
				for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
					const parsed = parseBlock(buffer.slice(0, end));
					buffer = buffer.slice(end + 2);
					if (parsed) events.push({ ...parsed, at: performance.now() });
				}
				for (const wake of waiting) wake();
			}
		} catch {
			// aborted
		}
	})();
	return {
		events,
		waitFor(match, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = events.find(match);
					if (!found) return;
					waiting.delete(check);
					clearTimeout(timer);
					resolve(found);
				};
				const timer = setTimeout(() => {
					waiting.delete(check);
					reject(new Error(`no matching event within ${timeoutMs} ms (got ${events.map((e) => `${e.event} ${e.id}`).join(', ') || 'none'})`));
				}, timeoutMs);
				waiting.add(check);
				check();
			});
		},
		close: () => controller.abort()
	};
}
