/**
 * HTTP requests sent exactly as written: `fetch` (WHATWG URL) resolves `/./` and `/../` and sets
 * Host itself, which is what an attacker's client does not have to do.
 */
import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One request to `base` (http://127.0.0.1:port) with the path and headers as given. */
export function rawRequest(base: string, init: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawAnswer> {
	const { hostname, port } = new URL(base);
	return new Promise((ok, fail) => {
		const req = request({ host: hostname, port, method: init.method ?? 'GET', path: init.path, headers: init.headers, setHost: !(init.headers && 'host' in init.headers) }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: unknown = undefined;
				try {
					json = JSON.parse(text);
				} catch {
					/* not JSON */
				}
				ok({ status: res.statusCode!, headers: res.headers, text, json });
			});
			res.on('error', fail);
		});
		req.on('error', fail);
		// An event stream never ends: its status and headers are all a test needs.
		req.on('response', (res) => {
			if (String(res.headers['content-type']).startsWith('text/event-stream')) {
				ok({ status: res.statusCode!, headers: res.headers, text: '', json: undefined });
				req.destroy();
			}
		});
		req.end(init.body);
	});
}

/** Bytes sent on a bare socket (malformed HTTP no client library would send); resolves with what came back. */
export function rawBytes(base: string, bytes: string): Promise<string> {
	const { hostname, port } = new URL(base);
	return new Promise((ok, fail) => {
		const socket = connect(Number(port), hostname, () => socket.end(bytes));
		let text = '';
		socket.on('data', (d) => (text += d));
		socket.on('end', () => ok(text));
		socket.on('error', fail);
		socket.setTimeout(5000, () => (socket.destroy(), ok(text)));
	});
}
