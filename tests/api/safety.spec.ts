/**
 * Safety over real HTTP against the built server (issue: safe to run and to share): no spelling of
 * a path gets around the token, no foreign Host or Origin is answered (DNS rebinding), reads are
 * private when a token is set, and malformed requests get the JSON error shape. Every refused
 * write is checked on disk too: the data file byte for byte unchanged.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawBytes, rawRequest } from '../support/raw-http';
import { storedBytes } from '../support/stored';
import { startServer, type RunningServer } from '../support/server';

const TOKEN = 'sesame-0123456789-abcdef';
let dir: string;
let file: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-safety-'));
	file = join(dir, 'causeway.json');
	server = await startServer({ CAUSEWAY_DATA: file, CAUSEWAY_TOKEN: TOKEN, CAUSEWAY_ALLOWED_HOSTS: 'notes.example, Desk.Example' });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

const json = { 'content-type': 'application/json' };
const replaceWithNothing = JSON.stringify({ schemaVersion: 1, title: 'wiped', events: [], actors: [], links: [], sources: [] });

/** The spellings of an API path that a router may decode or normalise to the same route. */
function spellings(rest: string): string[] {
	return [
		`/api/${rest}`,
		`/%61pi/${rest}`,
		`/%61%70%69/${rest}`,
		`/ap%69/${rest}`,
		`/AP%49/${rest}`,
		`/API/${rest}`,
		`//api/${rest}`,
		`/./api/${rest}`,
		`/api/./${rest}`,
		`/x/../api/${rest}`,
		`/api/%2e/${rest}`,
		`/%2e/api/${rest}`,
		`/api//${rest}`,
		`/api/${rest.replace(/^(\w)/, (c) => `%${c.charCodeAt(0).toString(16)}`)}`
	];
}

describe('the token cannot be routed around', () => {
	const writes: { name: string; method: string; rest: string; body?: string }[] = [
		{ name: 'replace import', method: 'POST', rest: 'import?mode=replace', body: replaceWithNothing },
		{ name: 'create', method: 'POST', rest: 'events', body: JSON.stringify({ title: 'Sneaked in', start: '2025', kind: 'other' }) },
		{ name: 'patch', method: 'PATCH', rest: 'events/first-incursion', body: JSON.stringify({ title: 'Sneaked in' }) },
		{ name: 'delete', method: 'DELETE', rest: 'events/first-incursion' },
		{ name: 'batch', method: 'POST', rest: 'changes', body: JSON.stringify({ ops: [{ op: 'delete', collection: 'events', id: 'first-incursion' }] }) }
	];
	for (const w of writes) {
		it(`${w.name}: every spelling of the path is refused without the token, and nothing is written`, async () => {
			const before = await storedBytes(file);
			for (const path of spellings(w.rest)) {
				const res = await rawRequest(server.url, { method: w.method, path, headers: w.body ? json : {}, body: w.body });
				expect(res.status, `${w.method} ${path}`).toBe(401);
				expect(res.json?.error?.code, `${w.method} ${path}`).toBe('unauthorized');
			}
			expect(await storedBytes(file)).toBe(before);
		});
	}

	it('reads in every spelling are refused too: document, collections, export, the change stream, the page data', async () => {
		for (const rest of ['document', 'events', 'events/first-incursion', 'export?format=csv', 'changes/stream', 'schema']) {
			for (const path of spellings(rest)) {
				const res = await rawRequest(server.url, { path });
				expect(res.status, path).toBeOneOf([401, 303]);
				expect(res.text, path).not.toContain('Kursk');
			}
		}
		for (const path of ['/', '/?select=event:first-incursion', '/%2F', '/signin/../']) {
			const res = await rawRequest(server.url, { path });
			expect(res.status, path).toBeOneOf([303, 401]);
			expect(res.text, path).not.toContain('incursion');
		}
		// The page's data, as client-side navigation asks for it, is a redirect to the sign-in page.
		const data = await rawRequest(server.url, { path: '/__data.json' });
		expect(data.json).toEqual({ type: 'redirect', location: '/signin?next=%2F' });
	});

	it('a wrong or malformed token is refused; the right one is accepted', async () => {
		for (const authorization of ['Bearer wrong', `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`, 'Bearer ']) {
			expect((await rawRequest(server.url, { path: '/api/document', headers: { authorization } })).status, authorization).toBe(401);
		}
		const ok = await rawRequest(server.url, { path: '/api/document', headers: { authorization: `Bearer ${TOKEN}` } });
		expect(ok.status).toBe(200);
		expect(ok.json.events.length).toBeGreaterThan(40);
	});
});

describe("another document's paths are guarded as the default document's", () => {
	it('every spelling of /api/d/{id}/… and of /api/documents is refused without the token, and nothing is written', async () => {
		const auth = { authorization: `Bearer ${TOKEN}` };
		const made = await rawRequest(server.url, { method: 'POST', path: '/api/documents', headers: { ...auth, ...json }, body: JSON.stringify({ title: 'Guarded' }) });
		expect(made.status).toBe(201);
		const id = made.json.id as string;
		const docFile = join(dir, 'documents', `${id}.json`);
		const before = await readFile(docFile);
		const listing = await readdir(join(dir, 'documents'));
		const event = JSON.stringify({ title: 'Sneaked in', start: '2025', kind: 'other' });
		const attempts: { method: string; rest: string; body?: string }[] = [
			{ method: 'POST', rest: `d/${id}/events`, body: event },
			{ method: 'POST', rest: `d/${id}/import?mode=replace`, body: replaceWithNothing },
			{ method: 'POST', rest: `d/${id}/changes`, body: JSON.stringify({ ops: [{ op: 'create', collection: 'events', value: JSON.parse(event) }] }) },
			{ method: 'POST', rest: 'documents', body: JSON.stringify({ title: 'Sneaked in' }) },
			{ method: 'PATCH', rest: `documents/${id}`, body: JSON.stringify({ title: 'Sneaked in' }) },
			{ method: 'DELETE', rest: `documents/${id}` },
			{ method: 'GET', rest: `d/${id}/document` },
			{ method: 'GET', rest: `d/${id}/changes/stream` },
			{ method: 'GET', rest: 'documents' }
		];
		for (const a of attempts) {
			for (const path of spellings(a.rest)) {
				const res = await rawRequest(server.url, { method: a.method, path, headers: a.body ? json : {}, body: a.body });
				// A read of a path the guard cannot tell is the API's is sent to sign in, as for the default document.
				expect(res.status, `${a.method} ${path}`).toBeOneOf(a.method === 'GET' ? [401, 303] : [401]);
				expect(res.text, `${a.method} ${path}`).not.toContain('Guarded');
			}
		}
		for (const path of [`/d/${id}`, `/%64/${id}`, `//d/${id}`, `/x/../d/${id}`]) expect((await rawRequest(server.url, { path })).status, path).toBeOneOf([303, 401]);
		expect((await readFile(docFile)).equals(before)).toBe(true);
		expect(await readdir(join(dir, 'documents'))).toEqual(listing);
	});
});

describe('DNS rebinding: a foreign Host or Origin is refused', () => {
	const auth = { authorization: `Bearer ${TOKEN}` };

	it('answers 421 to a Host name that is not its own, for reads and writes, and writes nothing', async () => {
		const before = await storedBytes(file);
		const port = new URL(server.url).port;
		for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `localhost.evil.example:${port}`, '']) {
			const read = await rawRequest(server.url, { path: '/api/document', headers: { ...auth, host } });
			expect(read.status, host).toBe(421);
			expect(read.json.error.code).toBe('unknown_host');
			const write = await rawRequest(server.url, { method: 'POST', path: '/api/import?mode=replace', headers: { ...auth, ...json, host }, body: replaceWithNothing });
			expect(write.status, host).toBe(421);
		}
		expect(await storedBytes(file)).toBe(before);
	});

	it('answers to loopback names, its own address and CAUSEWAY_ALLOWED_HOSTS; not to another address', async () => {
		const port = new URL(server.url).port;
		for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `notes.example:${port}`, `desk.example`, `LOCALHOST:${port}`]) {
			expect((await rawRequest(server.url, { path: '/api/document', headers: { ...auth, host } })).status, host).toBe(200);
		}
		expect((await rawRequest(server.url, { path: '/api/document', headers: { ...auth, host: `10.1.2.3:${port}` } })).status).toBe(421);
	});

	it('refuses a write whose Origin is another site (even with the token), and accepts its own', async () => {
		const before = await storedBytes(file);
		const event = JSON.stringify({ title: 'From elsewhere', start: '2025', kind: 'other' });
		for (const origin of ['http://evil.example', `http://evil.example:${new URL(server.url).port}`, 'null', 'file://', 'http://127.0.0.1:1']) {
			const res = await rawRequest(server.url, { method: 'POST', path: '/api/events', headers: { ...auth, ...json, origin }, body: event });
			expect(res.status, origin).toBe(403);
			expect(res.json.error.code).toBe('foreign_origin');
		}
		expect(await storedBytes(file)).toBe(before);
		const own = await rawRequest(server.url, { method: 'POST', path: '/api/events', headers: { ...auth, ...json, origin: server.url }, body: event });
		expect(own.status).toBe(201);
	});
});

describe('private reads: the sign-in form and its session cookie', () => {
	const form = { 'content-type': 'application/x-www-form-urlencoded' };

	it('sends a visitor without a session to the sign-in page, which is all they can see', async () => {
		const page = await rawRequest(server.url, { path: '/?select=event:first-incursion' });
		expect(page.status).toBe(303);
		expect(page.headers.location).toBe('/signin?next=%2F%3Fselect%3Devent%3Afirst-incursion');
		const signin = await rawRequest(server.url, { path: '/signin' });
		expect(signin.status).toBe(200);
		expect(signin.text).toContain('Access token');
		expect(signin.text).not.toContain('incursion');
	});

	it('a wrong token gets no cookie; the right one gets an HttpOnly, SameSite=Strict session that opens reads, writes and the page', async () => {
		const wrong = await rawRequest(server.url, { method: 'POST', path: '/api/session', headers: form, body: 'token=nope&next=%2F' });
		expect(wrong.status).toBe(303);
		expect(wrong.headers.location).toBe('/signin?error=wrong&next=%2F');
		expect(wrong.headers['set-cookie']).toBeUndefined();

		const right = await rawRequest(server.url, { method: 'POST', path: '/api/session', headers: form, body: `token=${TOKEN}&next=${encodeURIComponent('//evil.example/')}` });
		expect(right.status).toBe(303);
		expect(right.headers.location).toBe('/');
		const cookie = String(right.headers['set-cookie']);
		expect(cookie).toMatch(/^causeway_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
		expect(cookie).not.toContain(TOKEN);
		const session = { cookie: cookie.split(';')[0] };

		expect((await rawRequest(server.url, { path: '/api/document', headers: session })).status).toBe(200);
		expect((await rawRequest(server.url, { path: '/api/changes/stream', headers: session })).status).toBe(200);
		const page = await rawRequest(server.url, { path: '/', headers: session });
		expect(page.status).toBe(200);
		expect(page.text).toContain('first-incursion');
		const created = await rawRequest(server.url, { method: 'POST', path: '/api/events', headers: { ...session, ...json }, body: JSON.stringify({ title: 'With a cookie', start: '2025', kind: 'other' }) });
		expect(created.status).toBe(201);

		// A forged or expired session is no session.
		const [name, value] = session.cookie.split('=');
		const forged = `${name}=${Number(value.split('.')[0]) + 1}.${value.split('.')[1]}`;
		expect((await rawRequest(server.url, { path: '/api/document', headers: { cookie: forged } })).status).toBe(401);
		const signedOut = await rawRequest(server.url, { method: 'DELETE', path: '/api/session', headers: session });
		expect(String(signedOut.headers['set-cookie'])).toMatch(/causeway_session=; .*Max-Age=0/);
	});

	it('a script signs in with JSON; guessing is throttled', async () => {
		const ok = await rawRequest(server.url, { method: 'POST', path: '/api/session', headers: json, body: JSON.stringify({ token: TOKEN }) });
		expect(ok.status).toBe(200);
		expect(String(ok.headers['set-cookie'])).toContain('HttpOnly');
		let status = 0;
		for (let i = 0; i < 12; i++) status = (await rawRequest(server.url, { method: 'POST', path: '/api/session', headers: json, body: JSON.stringify({ token: `guess-${i}` }) })).status;
		expect(status).toBe(429);
		// Even the right token waits out the window once it is throttled.
		expect((await rawRequest(server.url, { method: 'POST', path: '/api/session', headers: json, body: JSON.stringify({ token: TOKEN }) })).status).toBe(429);
	});
});

describe('odd requests get the JSON error shape', () => {
	const auth = { authorization: `Bearer ${TOKEN}` };

	it('JSON nested 10,000 deep is a 400, and the server stays up', async () => {
		const before = await storedBytes(file);
		const deep = '['.repeat(10_000) + ']'.repeat(10_000);
		const res = await rawRequest(server.url, { method: 'POST', path: '/api/changes', headers: { ...auth, ...json }, body: deep });
		expect(res.status).toBe(400);
		expect(res.json.error.code).toBe('too_deep');
		const objects = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
		expect((await rawRequest(server.url, { method: 'POST', path: '/api/events', headers: { ...auth, ...json }, body: objects })).status).toBe(400);
		expect(await storedBytes(file)).toBe(before);
		expect((await rawRequest(server.url, { path: '/api/document', headers: auth })).status).toBe(200);
	});

	it('an unsupported method is a JSON 405 that says what is allowed', async () => {
		const res = await rawRequest(server.url, { method: 'PUT', path: '/api/events', headers: { ...auth, ...json }, body: '{}' });
		expect(res.status).toBe(405);
		expect(res.headers['content-type']).toContain('application/json');
		expect(res.json.error.code).toBe('method_not_allowed');
		expect(res.json.error.message).toMatch(/PUT is not allowed on \/api\/events; use GET, POST/);
		expect(res.headers.allow).toMatch(/GET/);
	});

	it('a trailing slash or an empty segment is a JSON 404, not a bare redirect', async () => {
		for (const path of ['/api/events/', '/api/events//first-incursion', '/api/document/']) {
			const res = await rawRequest(server.url, { path, headers: auth });
			expect(res.status, path).toBe(404);
			expect(res.json.error.code, path).toBe('not_found');
		}
	});

	it('a path that is not valid percent-encoding is a JSON 400', async () => {
		const res = await rawRequest(server.url, { path: '/api/events/%E0%A4%A', headers: auth });
		expect(res.status).toBe(400);
		expect(res.json.error.code).toBe('invalid_path');
	});

	it('HTTP that Node itself refuses is answered in JSON too', async () => {
		const answer = await rawBytes(server.url, 'GET /api/document HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n');
		expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
		expect(answer).toContain('content-type: application/json');
		expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.code).toBe('bad_request');
		expect((await rawRequest(server.url, { path: '/api/document', headers: auth })).status).toBe(200);
	});
});
