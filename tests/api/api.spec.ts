/**
 * The HTTP API of PRODUCT.md, over real HTTP against the built server and a real data file.
 * Every refused request is checked twice: the answer (status, error shape, message) and the data
 * file on disk, byte for byte unchanged.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedBytes, storedDocument } from '../support/stored';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let file: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-api-'));
	file = join(dir, 'causeway.json');
	server = await startServer({ CAUSEWAY_DATA: file });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

type Init = { method?: string; body?: unknown; raw?: string | Uint8Array<ArrayBuffer>; type?: string | null; headers?: Record<string, string> };
async function call(path: string, init: Init = {}) {
	const headers: Record<string, string> = { ...init.headers };
	const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
	if (body !== undefined && init.type !== null) headers['content-type'] = init.type ?? 'application/json';
	const res = await fetch(server.url + path, { method: init.method ?? 'GET', headers, body });
	const text = await res.text();
	let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: res.status, headers: res.headers, json };
}
const disk = () => storedBytes(file);
const event = (fields: Record<string, unknown> = {}) => ({ title: 'Test event', start: '2025-02', kind: 'military', ...fields });

describe('reading', () => {
	it('GET /api/document gives the whole document', async () => {
		const { status, json } = await call('/api/document');
		expect(status).toBe(200);
		expect(Object.keys(json).sort()).toEqual(['actors', 'claims', 'events', 'links', 'revision', 'schemaVersion', 'sources', 'title']);
		expect(json.schemaVersion).toBe(2);
		expect(json.events.length).toBeGreaterThanOrEqual(30);
	});

	it('GET a collection gives an array; GET one gives the entity with its revision as ETag', async () => {
		for (const c of ['events', 'actors', 'links', 'sources', 'claims']) {
			const { status, json } = await call(`/api/${c}`);
			expect(status, c).toBe(200);
			expect(Array.isArray(json), c).toBe(true);
		}
		const one = await call('/api/events/first-incursion');
		expect(one.json).toMatchObject({ id: 'first-incursion', start: '2024-08-06' });
		expect(one.headers.get('etag')).toBe(`"${one.json.revision}"`);
	});

	it('answers unknown ids and paths with 404 in the error shape', async () => {
		expect(await call('/api/events/no-such-event')).toMatchObject({ status: 404, json: { error: { code: 'not_found', message: 'event "no-such-event" does not exist' } } });
		expect(await call('/api/widgets')).toMatchObject({ status: 404, json: { error: { code: 'not_found' } } });
		expect(await call('/api/widgets', { method: 'POST', body: {} })).toMatchObject({ status: 404 });
	});
});

describe('writing', () => {
	it('POST creates a whole event from title, start and kind: 201, on disk when answered', async () => {
		const { status, json, headers } = await call('/api/events', { method: 'POST', body: event({ title: 'Capture of Guevo' }) });
		expect(status).toBe(201);
		expect(json).toMatchObject({ title: 'Capture of Guevo', description: '', approximate: false, actorIds: [], tags: [], sources: [], revision: 1 });
		expect(json.id).toMatch(/^capture-of-guevo-[a-z0-9]{4}$/);
		expect(headers.get('location')).toBe(`/api/events/${json.id}`);
		const stored = await storedDocument(file);
		expect(stored.events.find((e: { id: string }) => e.id === json.id)).toEqual(json);
	});

	it('PATCH updates with If-Match, bumping the revision; a stale If-Match is 412 with the current entity', async () => {
		const { json: created } = await call('/api/events', { method: 'POST', body: event() });
		const ok = await call(`/api/events/${created.id}`, { method: 'PATCH', body: { title: 'Renamed', end: '2025-03' }, headers: { 'if-match': '"1"' } });
		expect(ok).toMatchObject({ status: 200, json: { title: 'Renamed', end: '2025-03', revision: 2 } });
		const before = await disk();
		const stale = await call(`/api/events/${created.id}`, { method: 'PATCH', body: { title: 'Lost update' }, headers: { 'if-match': '"1"' } });
		expect(stale.status).toBe(412);
		expect(stale.json.error).toMatchObject({ code: 'stale', current: { id: created.id, title: 'Renamed', revision: 2 } });
		expect(await disk()).toBe(before);
		// null clears an optional field
		expect((await call(`/api/events/${created.id}`, { method: 'PATCH', body: { end: null } })).json.end).toBeUndefined();
	});

	it('DELETE of an event answers with the links it took along, and they are gone from disk', async () => {
		const { json: a } = await call('/api/events', { method: 'POST', body: event({ title: 'A' }) });
		const { json: b } = await call('/api/events', { method: 'POST', body: event({ title: 'B' }) });
		const { json: link } = await call('/api/links', { method: 'POST', body: { from: a.id, to: b.id, relation: 'triggers' } });
		expect(link).toMatchObject({ confidence: 'medium', note: '', sources: [] });
		const res = await call(`/api/events/${a.id}`, { method: 'DELETE' });
		expect(res.status).toBe(200);
		expect(res.json.removed.events.map((e: { id: string }) => e.id)).toEqual([a.id]);
		expect(res.json.removed.links.map((l: { id: string }) => l.id)).toEqual([link.id]);
		const stored = await storedDocument(file);
		expect(stored.links.some((l: { id: string }) => l.id === link.id)).toBe(false);
		expect(stored.revision).toBe(res.json.revision);
	});

	it('DELETE of an actor removes it from the events that named it', async () => {
		const { json: actor } = await call('/api/actors', { method: 'POST', body: { name: 'Test brigade', kind: 'armed-force' } });
		const { json: e } = await call('/api/events', { method: 'POST', body: event({ actorIds: [actor.id] }) });
		const res = await call(`/api/actors/${actor.id}`, { method: 'DELETE' });
		expect(res.json.updated.events.map((x: { id: string; actorIds: string[] }) => [x.id, x.actorIds])).toEqual([[e.id, []]]);
	});

	it('POST /api/changes applies several operations atomically', async () => {
		const ok = await call('/api/changes', {
			method: 'POST',
			body: {
				ops: [
					{ op: 'create', collection: 'events', value: event({ id: 'batch-cause', title: 'Cause' }) },
					{ op: 'create', collection: 'events', value: event({ id: 'batch-effect', title: 'Effect', start: '2025-03' }) },
					{ op: 'create', collection: 'links', value: { id: 'batch-link', from: 'batch-cause', to: 'batch-effect', relation: 'causes' } }
				]
			}
		});
		expect(ok.status).toBe(200);
		expect(ok.json.change.events.added.map((e: { id: string }) => e.id)).toEqual(['batch-cause', 'batch-effect']);
		expect(ok.json.change.links.added[0].id).toBe('batch-link');

		const before = await disk();
		const refused = await call('/api/changes', {
			method: 'POST',
			body: {
				ops: [
					{ op: 'update', collection: 'events', id: 'batch-cause', patch: { title: 'Changed' } },
					{ op: 'create', collection: 'links', value: { from: 'batch-cause', to: 'missing', relation: 'causes' } }
				]
			}
		});
		expect(refused.status).toBe(409);
		expect(refused.json.error.message).toMatch(/^ops\[1\]: .*effect event "missing" does not exist/);
		expect(await disk()).toBe(before);
		expect((await call('/api/events/batch-cause')).json.title).toBe('Cause');
	});

	it('stores hostile strings as plain text and serves them as JSON', async () => {
		const title = '<img src=x onerror=alert(1)>';
		const { status, json } = await call('/api/events', { method: 'POST', body: event({ title, description: '<script>alert(1)</script>' }) });
		expect(status).toBe(201);
		const back = await call(`/api/events/${json.id}`);
		expect(back.json.title).toBe(title);
		expect(back.headers.get('content-type')).toMatch(/^application\/json/);
		expect(back.headers.get('x-content-type-options')).toBe('nosniff');
	});
});

describe('bad input gets a clear error and changes nothing', () => {
	const big = JSON.stringify(event({ description: 'x'.repeat(2 * 1024 * 1024) }));
	const cases: [name: string, path: string, init: Init, status: number, code: string, message: RegExp][] = [
		['invalid JSON', '/api/events', { method: 'POST', raw: '{"title": "x",' }, 400, 'invalid_json', /not valid JSON/],
		['an empty body', '/api/events', { method: 'POST', raw: '' }, 400, 'invalid_json', /empty/],
		['bytes that are not UTF-8', '/api/events', { method: 'POST', raw: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }, 400, 'invalid_json', /UTF-8/],
		['a wrong type', '/api/events', { method: 'POST', body: event({ title: 5 }) }, 400, 'invalid', /^title: /],
		['a missing field', '/api/events', { method: 'POST', body: { title: 'x', kind: 'other' } }, 400, 'invalid', /^start: /],
		['an unknown kind', '/api/events', { method: 'POST', body: event({ kind: 'war' }) }, 400, 'invalid', /^kind: /],
		['an unknown field', '/api/events', { method: 'POST', body: event({ colour: 'red' }) }, 400, 'invalid', /unknown field: colour/],
		['a day that does not exist', '/api/events', { method: 'POST', body: event({ start: '2025-02-30' }) }, 400, 'invalid', /^start: not a date/],
		['an end before the start', '/api/events', { method: 'POST', body: event({ start: '2025-02', end: '2025-01' }) }, 400, 'invalid', /^end: end is before start/],
		['an id that could be a path', '/api/events', { method: 'POST', body: event({ id: '../../etc/passwd' }) }, 400, 'invalid', /^id: not an id/],
		['a title over 200 characters', '/api/events', { method: 'POST', body: event({ title: 'x'.repeat(201) }) }, 400, 'invalid', /at most 200/],
		['an array as a patch', '/api/events/first-incursion', { method: 'PATCH', body: [1] }, 400, 'invalid', /must be a JSON object/],
		['changing an id', '/api/events/first-incursion', { method: 'PATCH', body: { id: 'other' } }, 400, 'invalid', /unknown field: id/],
		['a malformed If-Match', '/api/events/first-incursion', { method: 'PATCH', body: { title: 'x' }, headers: { 'if-match': 'yesterday' } }, 400, 'invalid_if_match', /If-Match/],
		['a __proto__ key', '/api/events', { method: 'POST', raw: '{"title":"x","start":"2024","kind":"other","__proto__":{"admin":true}}' }, 400, 'forbidden_key', /__proto__/],
		['a nested constructor key', '/api/events/first-incursion', { method: 'PATCH', raw: '{"location":{"name":"x","constructor":{"prototype":{}}}}' }, 400, 'forbidden_key', /location\.constructor/],
		['text/plain', '/api/events', { method: 'POST', raw: JSON.stringify(event()), type: 'text/plain' }, 415, 'unsupported_media_type', /application\/json/],
		['a form post', '/api/events', { method: 'POST', raw: 'title=x', type: 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type', /application\/json/],
		['no content type', '/api/events', { method: 'POST', raw: new TextEncoder().encode(JSON.stringify(event())), type: null }, 415, 'unsupported_media_type', /got none/],
		['a body over 1 MB', '/api/events', { method: 'POST', raw: big }, 413, 'too_large', /limit of 1 MB/],
		['a link to a missing event', '/api/links', { method: 'POST', body: { from: 'first-incursion', to: 'nowhere', relation: 'causes' } }, 409, 'conflict', /effect event "nowhere" does not exist/],
		['a self-link', '/api/links', { method: 'POST', body: { from: 'first-incursion', to: 'first-incursion', relation: 'causes' } }, 409, 'conflict', /cannot cause itself/],
		['an event naming a missing actor', '/api/events', { method: 'POST', body: event({ actorIds: ['nobody'] }) }, 409, 'conflict', /actor "nobody" does not exist/],
		['a citation of a missing source', '/api/events', { method: 'POST', body: event({ sources: [{ sourceId: 'src-999' }] }) }, 409, 'conflict', /source "src-999" does not exist/],
		['a duplicate id', '/api/events', { method: 'POST', body: event({ id: 'first-incursion' }) }, 409, 'conflict', /already exists/],
		['a PATCH of an unknown id', '/api/events/nope-nope', { method: 'PATCH', body: { title: 'x' } }, 404, 'not_found', /does not exist/],
		['a DELETE of an unknown id', '/api/links/nope-nope', { method: 'DELETE' }, 404, 'not_found', /does not exist/],
		['a stale DELETE', '/api/events/first-incursion', { method: 'DELETE', headers: { 'if-match': '"99"' } }, 412, 'stale', /revision/],
		['an empty batch', '/api/changes', { method: 'POST', body: { ops: [] } }, 400, 'invalid', /^ops: /],
		['an unknown operation', '/api/changes', { method: 'POST', body: { ops: [{ op: 'drop', collection: 'events', id: 'x' }] } }, 400, 'invalid', /ops\[0\]/]
	];

	it.each(cases)('%s', async (_name, path, init, status, code, message) => {
		const before = await disk();
		const revision = (await call('/api/document')).json.revision;
		const res = await call(path, init);
		expect(res.status).toBe(status);
		expect(res.json.error.code).toBe(code);
		expect(res.json.error.message).toMatch(message);
		if (status === 400 && code === 'invalid') expect(res.json.error.issues?.length).toBeGreaterThan(0);
		expect(await disk()).toBe(before);
		expect((await call('/api/document')).json.revision).toBe(revision);
	});

	it('a duplicate link (same cause, effect and relation) is a conflict', async () => {
		const existing = (await call('/api/links')).json[0];
		const before = await disk();
		const res = await call('/api/links', { method: 'POST', body: { from: existing.from, to: existing.to, relation: existing.relation } });
		expect(res.status).toBe(409);
		expect(res.json.error.message).toMatch(/duplicates link/);
		expect(await disk()).toBe(before);
	});

	it('Object.prototype is untouched after a __proto__ body', () => {
		expect(({} as Record<string, unknown>).admin).toBeUndefined();
	});
});
