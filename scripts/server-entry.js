/**
 * The built server's entry (`build/index.js`, so `node build` starts here, as does `npm start`).
 * adapter-node reads ORIGIN and BODY_SIZE_LIMIT when its handler loads, before any of the app's
 * code runs; these defaults have to be in place first, whichever way the server is started:
 * - HOST 127.0.0.1 (adapter-node would listen on every interface);
 * - no global body cap (each API route enforces its own limit with a JSON 413; adapter-node's
 *   512 KB default would cut imports off with a 500);
 * - ORIGIN from HOST and PORT, so the app knows it is served over http.
 * The rule that HOST beyond loopback needs CAUSEWAY_TOKEN is the app's own (src/hooks.server.ts).
 * Malformed HTTP that never reaches the app (Node's bare "400 Bad Request") is answered in the
 * API's JSON error shape too, and starting prints one line: where the app is and its data.
 */
import { STATUS_CODES } from 'node:http';

const env = process.env;
env.HOST ||= '127.0.0.1';
env.PORT ||= '3000';
env.BODY_SIZE_LIMIT ||= 'Infinity';
const wildcard = env.HOST === '0.0.0.0' || env.HOST === '::';
if (!env.ORIGIN && !wildcard && !env.SOCKET_PATH) {
	env.ORIGIN = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`;
}

// One line when serving, instead of adapter-node's "Listening on …" and the app's own.
const log = console.log;
console.log = (...args) => {
	if (typeof args[0] === 'string' && args[0].startsWith('Listening on ')) console.log = log;
	else log(...args);
};

const { server } = await import('./server.js');

server.server.once('listening', () => {
	const address = server.server.address();
	const where = typeof address === 'string' ? address : `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${address?.port}`;
	const store = globalThis[Symbol.for('causeway.store')];
	log(`Causeway is at ${where}${store ? ` (data: ${store.file}, revision ${store.revision})` : ''}`);
});

const REASONS = {
	HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'the request headers are too large'],
	ERR_HTTP_REQUEST_TIMEOUT: [408, 'timeout', 'the request took too long to arrive'],
	HPE_INVALID_METHOD: [400, 'bad_request', 'the request method is not valid HTTP'],
	HPE_INVALID_URL: [400, 'bad_request', 'the request path is not a valid URL path']
};

server.server.on('clientError', (err, socket) => {
	if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
	const [status, code, message] = REASONS[err.code] ?? [400, 'bad_request', `the request is not valid HTTP (${err.code ?? err.message})`];
	const body = JSON.stringify({ error: { code, message } });
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
	);
});
