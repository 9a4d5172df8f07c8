/**
 * Claims over real HTTP (schemaVersion 2): `/api/claims` like the other collections, what a claim
 * is about must exist, deleting that takes its claims along (and says so), exports carry them, and
 * a version-1 data file is brought forward when the server opens it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedBytes } from '../support/stored';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let file: string;
let server: RunningServer;
const json = { 'content-type': 'application/json' };

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-claims-'));
	file = join(dir, 'causeway.json');
	// A version-1 data file, as every server before claims wrote it.
	const seed = JSON.parse(await readFile('data/seed/kursk.json', 'utf8'));
	const v1 = { ...seed, schemaVersion: 1 };
	delete v1.claims;
	await writeFile(file, JSON.stringify(v1));
	server = await startServer({ CAUSEWAY_DATA: file });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) => fetch(server.url + path, { method: 'POST', headers: json, body: JSON.stringify(body) });

describe('claims', () => {
	it('opens a version-1 data file as version 2', async () => {
		const doc = await (await fetch(`${server.url}/api/document`)).json();
		expect(doc.schemaVersion).toBe(2);
		expect(Array.isArray(doc.claims)).toBe(true);
	});

	it('creates, reads, patches and lists claims; refuses one about nothing', async () => {
		const made = await post('/api/claims', {
			about: { collection: 'events', id: 'first-incursion' },
			property: 'start',
			value: 'the summer of 2023',
			date: '2023',
			sources: [{ sourceId: 'src-002', quote: 'x' }]
		});
		expect(made.status).toBe(201);
		const claim = await made.json();
		expect(claim).toMatchObject({ revision: 1, property: 'start', date: '2023', note: '' });
		expect((await (await fetch(`${server.url}/api/claims/${claim.id}`)).json()).value).toBe('the summer of 2023');
		const patched = await fetch(`${server.url}/api/claims/${claim.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ note: 'an outlier' }) });
		expect((await patched.json()).note).toBe('an outlier');
		expect((await (await fetch(`${server.url}/api/claims`)).json()).some((c: { id: string }) => c.id === claim.id)).toBe(true);

		const before = await storedBytes(file);
		const orphan = await post('/api/claims', { about: { collection: 'events', id: 'no-such-event' }, property: 'p', value: 'v' });
		expect(orphan.status).toBe(409);
		expect((await orphan.json()).error.message).toMatch(/event "no-such-event" does not exist/);
		const both = await post('/api/claims', { about: { collection: 'events', id: 'first-incursion' }, property: 'p', value: 'v', date: '2024', quantity: { amount: 1, unit: 'u' } });
		expect(both.status).toBe(400);
		expect(await storedBytes(file)).toBe(before);
	});

	it('deleting an event takes its claims along and says so', async () => {
		const event = await (await post('/api/events', { title: 'With claims', start: '2025-01', kind: 'other' })).json();
		const claim = await (await post('/api/claims', { about: { collection: 'events', id: event.id }, property: 'troops', value: '12,000', quantity: { amount: 12000, unit: 'soldiers' } })).json();
		const deleted = await (await fetch(`${server.url}/api/events/${event.id}`, { method: 'DELETE' })).json();
		expect(deleted.removed.claims.map((c: { id: string }) => c.id)).toEqual([claim.id]);
		expect((await fetch(`${server.url}/api/claims/${claim.id}`)).status).toBe(404);
	});

	it('exports carry claims: causeway, JGF metadata and claims.csv', async () => {
		const claim = await (await post('/api/claims', { about: { collection: 'events', id: 'first-incursion' }, property: 'area held', value: 'about 1,250 km²', quantity: { amount: 1250, unit: 'km²' } })).json();
		const causeway = await (await fetch(`${server.url}/api/export?format=causeway`)).json();
		expect(causeway.schemaVersion).toBe(2);
		expect(causeway.claims.some((c: { id: string }) => c.id === claim.id)).toBe(true);
		const jgf = await (await fetch(`${server.url}/api/export?format=jgf`)).json();
		expect(jgf.graph.metadata.claims.some((c: { id: string }) => c.id === claim.id)).toBe(true);
		const zip = unzipSync(new Uint8Array(await (await fetch(`${server.url}/api/export?format=csv`)).arrayBuffer()));
		const csv = strFromU8(zip['claims.csv']);
		expect(csv).toContain('id,aboutCollection,aboutId,property,value,amount,unit,date,sourceIds,note');
		expect(csv).toContain(`${claim.id},events,first-incursion,area held,"about 1,250 km²",1250,km²`);
	});
});
