/**
 * The page's transport: the HTTP API and its change stream. The session is a cookie the browser
 * sends by itself (same origin); when it has ended the server answers 401 and the sync client
 * sends the user to sign in.
 */
import type { ImportReport } from '$lib/domain/formats/run-import';
import type { Op } from '$lib/domain/ops';
import type { HistoryEntry } from '$lib/domain/history';
import type { CausewayDocument } from '$lib/domain/schema';
import { EditError, Unreachable, type Committed, type ImportFileRequest, type StreamListener, type Transport } from './transport';

async function refusal(response: Response): Promise<EditError> {
	const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; issues?: EditError['issues']; current?: unknown } } | null;
	const error = body?.error ?? {};
	return new EditError(response.status, error.code ?? 'error', error.message ?? `the server answered ${response.status}`, error.issues, error.current);
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
	let response: Response;
	try {
		response = await fetch(url, init);
	} catch {
		throw new Unreachable();
	}
	if (!response.ok) throw await refusal(response);
	try {
		return (await response.json()) as T;
	} catch {
		// The answer broke off: whether the server committed is unknown, like a lost answer.
		throw new Unreachable('the answer from the server was cut off');
	}
}

/** Uploads with progress (fetch cannot report an upload's progress). */
function upload(url: string, file: Blob, contentType: string, progress?: (f: number | null) => void): Promise<ImportReport> {
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', contentType);
		xhr.upload.onprogress = (e) => progress?.(e.lengthComputable ? e.loaded / e.total : null);
		xhr.onload = () => {
			progress?.(null);
			let body: unknown = null;
			try {
				body = JSON.parse(xhr.responseText);
			} catch {
				/* not JSON */
			}
			if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as ImportReport);
			const error = (body as { error?: { code?: string; message?: string; issues?: EditError['issues'] } } | null)?.error ?? {};
			reject(new EditError(xhr.status, error.code ?? 'error', error.message ?? `the server answered ${xhr.status}`, error.issues));
		};
		xhr.onerror = () => (progress?.(null), reject(new Unreachable()));
		xhr.send(file);
	});
}

/** The transport to the document whose API is at `base` (`/api` for the default document, `/api/d/{id}` for another). */
export function httpTransport(base = '/api'): Transport {
	return {
		send: (ops: Op[]) =>
			request<Committed>(`${base}/changes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ops }) }),
		load: () => request<CausewayDocument>(`${base}/document`),
		importFile: (file: Blob, { mode, dryRun, contentType, map, graph, skipInvalid }: ImportFileRequest, progress) => {
			const query = new URLSearchParams({ mode, ...(dryRun && { dryRun: 'true' }), ...(map !== undefined && { map }), ...(graph !== undefined && { graph: String(graph) }), ...(skipInvalid && { skipInvalid: 'true' }) });
			return upload(`${base}/import?${query}`, file, contentType, progress);
		},
		follow(since: number, listener: StreamListener) {
			const source = new EventSource(`${base}/changes/stream?since=${since}`);
			source.addEventListener('change', (e) => listener.change(JSON.parse((e as MessageEvent).data) as Committed));
			source.addEventListener('reset', () => listener.reset());
			// EventSource reconnects by itself (sending the last revision it saw); meanwhile the page says the server is unreachable.
			source.addEventListener('error', () => listener.status(source.readyState === EventSource.OPEN));
			source.addEventListener('open', () => listener.status(true));
			return () => source.close();
		},
		signIn: () => globalThis.location?.assign(`/signin?next=${encodeURIComponent(globalThis.location.pathname)}`),
		history: async (collection, id) =>
			(await request<{ entries: HistoryEntry[] }>(`${base}/${collection}/${encodeURIComponent(id)}/history`, { cache: 'no-store' })).entries
	};
}
