/**
 * Bounded work per request, over real HTTP against the built server at the bench's size (10,000
 * events): hostile imports and batches are refused with an error that names the bound, the data
 * file is left byte for byte as it was, and the server goes on answering; large legitimate work
 * (a batch of 9,999 link creates and its undo, a 10,000-event import) goes through.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revertOps } from '$lib/domain/revert';
import { makeDocument, makeEvent } from '$lib/test-data/factories';
import { storedBytes } from '../support/stored';
import { startServer, type RunningServer } from '../support/server';

const EVENTS = 10_000;
let dir: string;
let file: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-limits-'));
	file = join(dir, 'causeway.json');
	const events = Array.from({ length: EVENTS }, (_, i) => makeEvent(`e${String(i).padStart(5, '0')}`));
	await writeFile(file, JSON.stringify(makeDocument({ events })));
	server = await startServer({ CAUSEWAY_DATA: file });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

async function send(path: string, body: string | Uint8Array<ArrayBuffer>, type = 'application/json') {
	const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': type }, body });
	return { status: res.status, json: await res.json() };
}
const disk = () => storedBytes(file);
const causeway = (events: unknown[]) =>
	JSON.stringify({ format: 'causeway', schemaVersion: 1, exportedAt: '2026-11-21T10:00:00.000Z', title: 'T', events, actors: [], links: [], sources: [] });

/** Runs `hostile`, then checks the data file is as it was and the server still answers. */
async function unchanged<T>(hostile: () => Promise<T>): Promise<T> {
	const before = await disk();
	const result = await hostile();
	expect(await disk()).toBe(before);
	const doc = await fetch(`${server.url}/api/document`);
	expect(doc.status).toBe(200);
	expect((await doc.json()).events).toHaveLength(EVENTS);
	return result;
}

describe('hostile imports', () => {
	it('a file of 800,000 empty events: refused at the cap, in a dry run and for real', async () => {
		const text = causeway(Array.from({ length: 833_334 }, () => ({})));
		expect(text.length).toBeGreaterThan(2_500_000);
		const message = 'events: the file holds 833,334 events; an import takes at most 100,000';
		await unchanged(async () => {
			const dry = await send('/api/import?mode=merge&dryRun=true', text);
			expect(dry.status).toBe(200);
			expect(dry.json).toMatchObject({ wouldApply: false, problems: [{ path: 'events', message: message.slice('events: '.length) }] });
			const real = await send('/api/import?mode=replace', text);
			expect(real).toEqual({ status: 400, json: { error: { code: 'invalid', message, issues: [{ path: 'events', message: message.slice('events: '.length) }] } } });
		});
	});

	it('a file of 50,000 empty events (under the cap): checking stops after the first 100 problems', async () => {
		const dry = await unchanged(() => send('/api/import?mode=merge&dryRun=true', causeway(Array.from({ length: 50_000 }, () => ({})))));
		expect(dry.status).toBe(200);
		expect(dry.json.problems).toHaveLength(101);
		expect(dry.json.problems[0]).toEqual({ path: 'events[0].title', message: expect.any(String) });
		expect(dry.json.problems[100]).toEqual({ path: '(file)', message: 'and more problems: checking stops after the first 100' });
	});

	it('a 60 KB zip of 31 million one-letter rows: refused while it is unpacked', async () => {
		const bomb = zipSync({ 'events.csv': strToU8('id\r\n' + 'a\r\n'.repeat(31_000_000)) }, { level: 9 });
		expect(bomb.length).toBeLessThan(200 * 1024);
		const res = await unchanged(() => send('/api/import?mode=replace', bomb, 'application/zip'));
		expect(res).toMatchObject({ status: 400, json: { error: { code: 'invalid', message: '(file): the zip unpacks to more than the limit of 64 MB' } } });
	});

	it('a zip of 3 million rows (within the size bound): refused at the row cap', async () => {
		const rows = zipSync({ 'events.csv': strToU8('id\r\n' + 'a\r\n'.repeat(3_000_000)) }, { level: 9 });
		const res = await unchanged(() => send('/api/import?mode=merge&dryRun=false', rows, 'application/zip'));
		expect(res).toMatchObject({ status: 400, json: { error: { code: 'invalid', message: 'events.csv: the file holds more than 100,000 events; an import takes at most 100,000' } } });
	});

	it('a zip of more than 100 entries: refused', async () => {
		const many = zipSync(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}.txt`, strToU8('x')])));
		const res = await unchanged(() => send('/api/import?mode=merge', many, 'application/zip'));
		expect(res).toMatchObject({ status: 400, json: { error: { code: 'invalid', message: '(file): the zip holds more than 100 entries' } } });
	});
});

describe('batches', () => {
	it('one of more than 10,000 operations: refused, naming the cap', async () => {
		const ops = Array.from({ length: 10_001 }, (_, i) => ({ op: 'delete', collection: 'events', id: `e${String(i % EVENTS).padStart(5, '0')}` }));
		const res = await unchanged(() => send('/api/changes', JSON.stringify({ ops })));
		expect(res).toMatchObject({ status: 400, json: { error: { code: 'invalid', message: 'ops: a batch takes at most 10,000 operations (got 10,001)' } } });
	});

	it('9,999 link creates go through, and so does their undo (one batch, as the editor sends it)', async () => {
		const ops = Array.from({ length: 9_999 }, (_, i) => ({
			op: 'create',
			collection: 'links',
			value: { from: `e${String(i).padStart(5, '0')}`, to: `e${String(i + 1).padStart(5, '0')}`, relation: 'causes', note: `note ${i} `.padEnd(100, '.') }
		}));
		// Larger than an ordinary write's 1 MB: a batch has room for its 10,000 operations.
		const body = JSON.stringify({ ops });
		expect(body.length).toBeGreaterThan(1024 * 1024);
		const created = await send('/api/changes', body);
		expect(created.status).toBe(200);
		expect(created.json.change.links.added).toHaveLength(9_999);
		const undo = await send('/api/changes', JSON.stringify({ ops: revertOps(created.json.change) }));
		expect(undo.status).toBe(200);
		expect((await (await fetch(`${server.url}/api/links`)).json()).length).toBe(0);
	});
});

describe('a large import', () => {
	it('10,000 events replaced while other requests are answered', async () => {
		const doc = await (await fetch(`${server.url}/api/document`)).json();
		const text = causeway(doc.events.map((e: { title: string }) => ({ ...e, title: `${e.title} (imported)` })));
		const importing = send('/api/import?mode=replace', text);
		const read = await fetch(`${server.url}/api/events/e00000`);
		expect(read.status).toBe(200);
		const done = await importing;
		expect(done.status).toBe(200);
		expect(done.json.summary.events).toMatchObject({ updated: EVENTS });
	});
});
