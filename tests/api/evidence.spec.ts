/**
 * "What was known on date D" over real HTTP: `GET /api/export?asOf=YYYY-MM-DD` downloads only what
 * sources published by then support — a sound document that imports again — and a day that is
 * not one is refused with the usual error shape.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocument, makeEvent, makeLink, makeSource } from '$lib/test-data/factories';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let server: RunningServer;

const cite = (...ids: string[]) => ids.map((sourceId) => ({ sourceId, quote: 'as the article says' }));
const doc = makeDocument({
	sources: [makeSource('early', { publisher: 'AP', publishedAt: '2024-09' }), makeSource('late', { publisher: 'BBC', publishedAt: '2025-03-10' })],
	events: [
		makeEvent('incursion', { start: '2024-08-06', sources: cite('early', 'late') }),
		makeEvent('sudzha', { start: '2024-08', sources: cite('early') }),
		makeEvent('talks', { start: '2025-03', sources: cite('late') }),
		makeEvent('rumour', { start: '2024-10' })
	],
	links: [
		makeLink('incursion--sudzha', 'incursion', 'sudzha', { sources: cite('early') }),
		makeLink('incursion--talks', 'incursion', 'talks', { sources: cite('late') })
	]
});
const claim = (id: string, about: string, source: string) => ({
	id,
	about: { collection: 'events', id: about },
	property: 'start',
	value: id,
	sources: cite(source),
	note: '',
	revision: 1,
	createdAt: doc.events[0].createdAt,
	updatedAt: doc.events[0].updatedAt
});

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-evidence-'));
	const file = join(dir, 'causeway.json');
	await writeFile(file, JSON.stringify({ ...doc, claims: [claim('early-start', 'incursion', 'early'), claim('late-start', 'incursion', 'late')] }));
	server = await startServer({ CAUSEWAY_DATA: file });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

const get = (path: string) => fetch(server.url + path);
const ids = (list: { id: string }[]) => list.map((x) => x.id).sort();

describe('GET /api/export?asOf=', () => {
	it('exports only what sources published by that day support', async () => {
		const res = await get('/api/export?asOf=2024-12-31');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
		const known = await res.json();
		expect(ids(known.events)).toEqual(['incursion', 'sudzha']);
		expect(ids(known.links)).toEqual(['incursion--sudzha']);
		expect(ids(known.sources)).toEqual(['early']);
		expect(ids(known.claims)).toEqual(['early-start']);
		// the incursion cites the later article too: not as of then
		expect(known.events.find((e: { id: string }) => e.id === 'incursion').sources.map((c: { sourceId: string }) => c.sourceId)).toEqual(['early']);

		const all = await (await get('/api/export')).json();
		expect(ids(all.events)).toEqual(['incursion', 'rumour', 'sudzha', 'talks']);
		const later = await (await get('/api/export?asOf=2025-03-10&format=jgf')).json();
		expect(Object.keys(later.graph.nodes).sort()).toEqual(['incursion', 'sudzha', 'talks']);
	});

	it('is a sound document: it imports again', async () => {
		const body = await (await get('/api/export?asOf=2024-12-31')).text();
		const res = await fetch(`${server.url}/api/import?mode=replace&dryRun=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		expect(res.status).toBe(200);
	});

	it('refuses a day that is not one, with the usual error shape', async () => {
		for (const bad of ['2024-13-01', '2024-12', 'yesterday', '2025-02-30', '']) {
			const res = await get(`/api/export?asOf=${encodeURIComponent(bad)}`);
			expect(res.status, bad).toBe(400);
			const { error } = await res.json();
			expect(error.code).toBe('invalid');
			expect(error.issues[0].path).toBe('asOf');
		}
		expect((await get('/api/export?asOf=2024-12-31&asOf=2025-01-01')).status).toBe(400);
	});
});
