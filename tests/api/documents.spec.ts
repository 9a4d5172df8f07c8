/**
 * Several documents over real HTTP (issue 15): the documents API, every document route under
 * /api/d/{id}/… with today's contract, and ids that cannot name anything outside the folder.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-http';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let server: RunningServer;
const json = { 'content-type': 'application/json' };

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-documents-'));
	server = await startServer({ CAUSEWAY_DATA_DIR: dir });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

const api = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
const post = (path: string, body: unknown) => api(path, { method: 'POST', headers: json, body: JSON.stringify(body) });
const files = async () => (await readdir(dir)).sort();

describe('the documents API', () => {
	it('lists the default document (the bundled dataset, in CAUSEWAY_DATA_DIR as default.json) with its counts', async () => {
		const list = await (await api('/api/documents')).json();
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ id: 'default', title: expect.stringContaining('Kursk') });
		expect(list[0].counts.events).toBeGreaterThan(10);
		expect(await files()).toContain('default.json');
	});

	it('creates an empty document from a title: its id is made from the title, its file is in the folder', async () => {
		const res = await post('/api/documents', { title: 'Bakhmut, 2023' });
		expect(res.status).toBe(201);
		const made = await res.json();
		expect(made.id).toMatch(/^bakhmut-2023-[a-z0-9]{4}$/);
		expect(made).toMatchObject({ title: 'Bakhmut, 2023', revision: 0, api: `/api/d/${made.id}` });
		expect(made.counts).toEqual({ events: 0, actors: 0, links: 0, sources: 0, claims: 0 });
		expect(await files()).toContain(`${made.id}.json`);
		const list = await (await api('/api/documents')).json();
		expect(list.map((d: { id: string }) => d.id)).toEqual(['default', made.id]);
	});

	it('serves every route of a document under /api/d/{id}/… with the same contract, apart from the default document', async () => {
		const { id } = await (await post('/api/documents', { title: 'Separate' })).json();
		const before = await (await api('/api/document')).text();
		const created = await post(`/api/d/${id}/events`, { title: 'Only here', start: '2024-05', kind: 'other' });
		expect(created.status).toBe(201);
		const event = await created.json();
		expect(created.headers.get('location')).toBe(`/api/d/${id}/events/${event.id}`);
		expect((await api(`/api/d/${id}/events/${event.id}`)).status).toBe(200);
		expect((await api(`/api/events/${event.id}`)).status).toBe(404);
		const patched = await api(`/api/d/${id}/events/${event.id}`, { method: 'PATCH', headers: { ...json, 'if-match': '"1"' }, body: JSON.stringify({ title: 'Renamed' }) });
		expect((await patched.json()).title).toBe('Renamed');
		const batch = await post(`/api/d/${id}/changes`, { ops: [{ op: 'create', collection: 'actors', value: { name: 'Someone', kind: 'person' } }] });
		expect((await batch.json()).revision).toBe(3);
		const doc = await (await api(`/api/d/${id}/document`)).json();
		expect(doc).toMatchObject({ title: 'Separate', revision: 3 });
		expect(doc.events.map((e: { title: string }) => e.title)).toEqual(['Renamed']);
		const exported = await api(`/api/d/${id}/export?format=causeway`);
		expect(exported.headers.get('content-disposition')).toContain('attachment');
		expect((await exported.json()).events).toHaveLength(1);
		const imported = await api(`/api/d/${id}/import?mode=merge`, { method: 'POST', headers: json, body: await (await api('/api/export?format=causeway')).text() });
		expect(imported.status).toBe(200);
		expect((await (await api(`/api/d/${id}/document`)).json()).events.length).toBeGreaterThan(10);
		// The default document did not change.
		expect(await (await api('/api/document')).text()).toBe(before);
		// And /api/d/default is the default document.
		expect(await (await api('/api/d/default/document')).text()).toBe(before);
	});

	it('streams each document its own changes', async () => {
		const { id } = await (await post('/api/documents', { title: 'Streamed' })).json();
		const controller = new AbortController();
		const stream = await api(`/api/d/${id}/changes/stream?since=0`, { signal: controller.signal });
		expect(stream.headers.get('content-type')).toContain('text/event-stream');
		await post('/api/events', { title: 'In the default document', start: '2024', kind: 'other' });
		await post(`/api/d/${id}/events`, { title: 'In this one', start: '2024', kind: 'other' });
		const reader = stream.body!.getReader();
		let text = '';
		while (!text.includes('In this one')) text += new TextDecoder().decode((await reader.read()).value);
		controller.abort();
		expect(text).not.toContain('In the default document');
	});

	it('renames a document (a commit: the revision goes up) and deletes it into the backups folder', async () => {
		const { id } = await (await post('/api/documents', { title: 'Draft' })).json();
		await post(`/api/d/${id}/events`, { title: 'Kept in the backup', start: '2024', kind: 'other' });
		const renamed = await api(`/api/documents/${id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ title: 'Final' }) });
		expect(await renamed.json()).toMatchObject({ id, title: 'Final', revision: 2 });
		expect((await (await api(`/api/d/${id}/document`)).json()).title).toBe('Final');
		const deleted = await api(`/api/documents/${id}`, { method: 'DELETE' });
		expect(deleted.status).toBe(200);
		const { backup } = await deleted.json();
		expect(backup).toContain(join(dir, 'backups'));
		expect(JSON.parse(await readFile(backup, 'utf8')).events[0].title).toBe('Kept in the backup');
		expect(await files()).not.toContain(`${id}.json`);
		expect((await api(`/api/d/${id}/document`)).status).toBe(404);
		expect((await api(`/api/documents/${id}`, { method: 'DELETE' })).status).toBe(404);
	});

	it('says a document that cannot be opened is unavailable (503), and still lists the others', async () => {
		await writeFile(join(dir, 'broken-notes.json'), '{"this is": "not a document"');
		const res = await api('/api/d/broken-notes/document');
		expect(res.status).toBe(503);
		expect((await res.json()).error.code).toBe('document_unavailable');
		const list = await (await api('/api/documents')).json();
		expect(list.find((d: { id: string }) => d.id === 'broken-notes')).toMatchObject({ problem: expect.stringContaining('broken-notes.json') });
		expect(list[0].id).toBe('default');
		await rm(join(dir, 'broken-notes.json'));
	});

	it('gives each document its own lock: a second server on the folder cannot open one the first holds', async () => {
		const { id } = await (await post('/api/documents', { title: 'Held' })).json();
		const other = await mkdtemp(join(tmpdir(), 'causeway-documents-other-'));
		const second = await startServer({ CAUSEWAY_DATA: join(other, 'causeway.json'), CAUSEWAY_DATA_DIR: dir });
		try {
			const res = await fetch(`${second.url}/api/d/${id}/events`, { method: 'POST', headers: json, body: JSON.stringify({ title: 'x', start: '2024', kind: 'other' }) });
			expect(res.status).toBe(503);
			expect((await res.json()).error.message).toMatch(/lock|held|another/i);
		} finally {
			await second.stop();
			await rm(other, { recursive: true, force: true });
		}
		expect((await (await api(`/api/d/${id}/document`)).json()).events).toEqual([]);
	});

	it('lists a CAUSEWAY_DATA inside the folder once, as the default document', async () => {
		const other = await mkdtemp(join(tmpdir(), 'causeway-documents-inside-'));
		const server2 = await startServer({ CAUSEWAY_DATA: join(other, 'kursk.json'), CAUSEWAY_DATA_DIR: other });
		try {
			const list = await (await fetch(`${server2.url}/api/documents`)).json();
			expect(list.map((d: { id: string }) => d.id)).toEqual(['default']);
			expect((await fetch(`${server2.url}/api/d/kursk/document`)).status).toBe(404);
		} finally {
			await server2.stop();
			await rm(other, { recursive: true, force: true });
		}
	});

	it('makes distinct ids for documents created at once with one title', async () => {
		const made = await Promise.all([1, 2, 3, 4].map(() => post('/api/documents', { title: 'Same title' }).then((r) => r.json())));
		expect(new Set(made.map((d) => d.id)).size).toBe(4);
		for (const d of made) expect(await files()).toContain(`${d.id}.json`);
	});

	it('refuses to delete the default document', async () => {
		const res = await api('/api/documents/default', { method: 'DELETE' });
		expect(res.status).toBe(409);
		expect(await files()).toContain('default.json');
	});

	it('creates a document from an uploaded causeway file, validated whole first', async () => {
		const file = await (await api('/api/export?format=causeway')).text();
		const res = await api('/api/documents?from=file&title=Copy%20of%20Kursk', { method: 'POST', headers: json, body: file });
		expect(res.status).toBe(201);
		const made = await res.json();
		expect(made).toMatchObject({ title: 'Copy of Kursk', import: { format: 'causeway' } });
		expect(made.counts.events).toBe(JSON.parse(file).events.length);
		const before = await files();
		const broken = JSON.stringify({ ...JSON.parse(file), links: [{ id: 'l', from: 'ghost', to: 'ghost-2', relation: 'causes' }] });
		const refused = await api('/api/documents?from=file', { method: 'POST', headers: json, body: broken });
		expect(refused.status).toBeOneOf([400, 409]);
		expect(await files()).toEqual(before);
	});

	it('refuses a title that is missing or too long, and creates nothing', async () => {
		const before = await files();
		for (const body of [{}, { title: '' }, { title: '   ' }, { title: 'x'.repeat(201) }, { title: 7 }]) {
			const res = await post('/api/documents', body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect((await res.json()).error.issues[0].path).toBe('title');
		}
		expect(await files()).toEqual(before);
	});
});

describe('a document id cannot name anything outside the folder', () => {
	const invalid = ['%2e%2e%2fdefault', '..%2fdefault', '..%5cdefault', 'a%2fb', 'a%5cb', 'a%00b', 'A', 'K%C3%BCrsk', 'k%E2%80%8Bursk', 'x'.repeat(65), '-lead', 'default.json'];
	it('answers 400 for an id that is not an id, in every route, and creates nothing', async () => {
		const before = await files();
		for (const id of invalid) {
			for (const [method, rest, body] of [
				['GET', 'document', undefined],
				['POST', 'events', JSON.stringify({ title: 'x', start: '2024', kind: 'other' })],
				['GET', 'changes/stream', undefined]
			] as const) {
				const res = await rawRequest(server.url, { method, path: `/api/d/${id}/${rest}`, headers: body ? json : {}, body });
				expect(res.status, `${method} ${id}/${rest}`).toBe(400);
				expect(res.json?.error?.code, `${method} ${id}/${rest}`).toBe('invalid_document_id');
			}
			const doc = await rawRequest(server.url, { method: 'PATCH', path: `/api/documents/${id}`, headers: json, body: JSON.stringify({ title: 'x' }) });
			expect(doc.status, `PATCH /api/documents/${id}`).toBeOneOf([400, 404, 405]);
		}
		expect(await files()).toEqual(before);
	});

	it('resolves `..` and `.` segments (also encoded) before routing, as URLs do: they reach another route, never a file', async () => {
		const before = await files();
		const own = await (await api('/api/document')).text();
		for (const path of ['/api/d/../document', '/api/d/%2e%2e/document', '/api/d/%2E%2E/document']) {
			const res = await rawRequest(server.url, { path });
			expect(res.text, path).toBe(own);
		}
		for (const path of ['/api/d/./document', '/api/d/%2e/document']) expect((await rawRequest(server.url, { path })).status, path).toBe(404);
		expect(await files()).toEqual(before);
	});

	it('answers 404 for a valid id that is not a document, and creates nothing', async () => {
		const before = await files();
		expect((await api('/api/d/no-such-document/document')).status).toBe(404);
		expect((await post('/api/d/no-such-document/events', { title: 'x', start: '2024', kind: 'other' })).status).toBe(404);
		expect((await api('/api/documents/no-such-document', { method: 'PATCH', headers: json, body: JSON.stringify({ title: 'x' }) })).status).toBe(404);
		expect((await api('/d/no-such-document')).status).toBe(404);
		expect(await files()).toEqual(before);
	});

	it('has no registry under a document, and no sign-in there', async () => {
		expect((await api('/api/d/default/documents')).status).toBe(404);
		expect((await post('/api/d/default/session', { token: 'x' })).status).toBe(404);
	});
});
