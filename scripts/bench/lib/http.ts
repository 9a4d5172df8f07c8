/** A small HTTP client over keep-alive loopback connections (node:http, no fetch overhead). */
import { Agent, request } from 'node:http';

export interface Reply {
	status: number;
	body: Buffer;
}

export class Client {
	readonly base: URL;
	readonly #agent: Agent;
	readonly #timeoutMs: number;

	constructor(base: string, { maxSockets = 256, timeoutMs = 30_000 } = {}) {
		this.base = new URL(base);
		this.#agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
		this.#timeoutMs = timeoutMs;
	}

	/** Sends a request and resolves with the whole reply; rejects on a network error or timeout. */
	send(method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
		return this.sendBytes(method, path, json === undefined ? undefined : Buffer.from(JSON.stringify(json)), headers);
	}

	/**
	 * Sends bytes as they are (JSON unless `headers` give another content-type). A kept-alive socket
	 * the server closed as idle (its keep-alive timeout) just as it was reused fails with
	 * ECONNRESET before the request reached the server: that one is sent again once, as Node's
	 * documentation advises (`request.reusedSocket`); the latency then includes both tries.
	 */
	async sendBytes(method: string, path: string, body?: Uint8Array, headers: Record<string, string> = {}): Promise<Reply> {
		try {
			return await this.#sendOnce(method, path, body, headers);
		} catch (err) {
			if ((err as { reused?: boolean }).reused && (err as NodeJS.ErrnoException).code === 'ECONNRESET') return this.#sendOnce(method, path, body, headers);
			throw err;
		}
	}

	#sendOnce(method: string, path: string, body: Uint8Array | undefined, headers: Record<string, string>): Promise<Reply> {
		return new Promise((resolve, reject) => {
			const req = request(
				{
					host: this.base.hostname,
					port: this.base.port,
					method,
					path,
					agent: this.#agent,
					headers: {
						accept: 'application/json',
						...(body && { 'content-type': 'application/json', 'content-length': String(body.length) }),
						...headers
					}
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
					res.on('error', reject);
				}
			);
			req.setTimeout(this.#timeoutMs, () => req.destroy(new Error(`no answer within ${this.#timeoutMs / 1000} s`)));
			req.on('error', (err) => reject(Object.assign(err, { reused: req.reusedSocket })));
			req.end(body);
		});
	}

	close(): void {
		this.#agent.destroy();
	}
}
