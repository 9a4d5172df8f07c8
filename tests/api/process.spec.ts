/**
 * The server as a process: durability across `kill -9`, one writer per data file, restart after a
 * crash, and the token that guards reads and writes when it listens beyond loopback.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedDocument } from '../support/stored';
import { startRefused, startServer, type RunningServer } from '../support/server';

let dir: string;
let file: string;
const running: RunningServer[] = [];
const start = async (env: Record<string, string> = {}) => {
	const s = await startServer({ CAUSEWAY_DATA: file, ...env });
	running.push(s);
	return s;
};
const post = (s: RunningServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
	fetch(s.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-process-'));
	file = join(dir, 'causeway.json');
});
afterEach(async () => {
	for (const s of running.splice(0)) await s.kill();
	await rm(dir, { recursive: true, force: true });
});

describe('durability', () => {
	it('kill -9 right after acknowledged writes loses nothing and leaves a readable file; the restart is not blocked by the lock', async () => {
		const first = await start();
		const initial = (await (await fetch(`${first.url}/api/document`)).json()).revision;
		// many edits at once, so that several share one group write
		const answers = await Promise.all(
			Array.from({ length: 60 }, (_, i) => post(first, '/api/events', { title: `Edit ${i}`, start: '2025-03', kind: 'other' }))
		);
		expect(answers.map((r) => r.status)).toEqual(Array(60).fill(201));
		const ids = await Promise.all(answers.map(async (r) => (await r.json()).id as string));
		await first.kill(); // SIGKILL: no shutdown code runs, the lock file stays behind

		// each acknowledged edit is in the journal; the snapshot (rewritten in the background) is whole
		const journal = (await readFile(`${file}.journal`, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
		const added = new Set(journal.flatMap((c) => c.change.events?.added?.map((e: { id: string }) => e.id) ?? []));
		for (const id of ids) expect(added.has(id), id).toBe(true);
		expect(JSON.parse(await readFile(file, 'utf8')).schemaVersion).toBeTypeOf('number');
		expect(JSON.parse(await readFile(`${file}.lock`, 'utf8')).pid).toBe(first.process.pid);

		const second = await start();
		const doc = await (await fetch(`${second.url}/api/document`)).json();
		expect(doc.revision).toBe(initial + 60);
		expect(doc.events.filter((e: { title: string }) => e.title.startsWith('Edit '))).toHaveLength(60);
	});
});

describe('one writer per data file', () => {
	it('a second server on the same file refuses to start with a clear message', async () => {
		const first = await start();
		const refused = await startRefused({ CAUSEWAY_DATA: file });
		expect(refused.code).toBe(1);
		expect(refused.output).toContain(`Causeway cannot start: ${file} is in use by another Causeway server (pid ${first.process.pid}`);
		// and the first one is unharmed
		expect((await fetch(`${first.url}/api/document`)).status).toBe(200);
	});

	it('refuses to start on a data file that is not a valid document, leaving it untouched', async () => {
		await writeFile(file, '{"schemaVersion": 1, "events": [}');
		const refused = await startRefused({ CAUSEWAY_DATA: file });
		expect(refused.code).toBe(1);
		expect(refused.output).toMatch(/is not valid JSON .*left as it is/);
		expect(await readFile(file, 'utf8')).toBe('{"schemaVersion": 1, "events": [}');
	});
});

describe('the access token', () => {
	it('will not listen beyond loopback without CAUSEWAY_TOKEN', async () => {
		const refused = await startRefused({ CAUSEWAY_DATA: file, HOST: '0.0.0.0', CAUSEWAY_TOKEN: '' });
		expect(refused.code).toBe(1);
		expect(refused.output).toMatch(/will not listen on 0\.0\.0\.0 without a token/);
	});

	it('with CAUSEWAY_TOKEN set, writes and reads need the bearer token', async () => {
		const s = await start({ CAUSEWAY_TOKEN: 'sesame-0123456789' });
		const event = { title: 'Guarded', start: '2025', kind: 'other' };
		const refused = await post(s, '/api/events', event);
		expect(refused.status).toBe(401);
		expect((await refused.json()).error.code).toBe('unauthorized');
		expect((await post(s, '/api/events', event, { authorization: 'Bearer wrong' })).status).toBe(401);
		expect((await post(s, '/api/events', event, { authorization: 'Bearer sesame-0123456789' })).status).toBe(201);
		expect((await fetch(`${s.url}/api/events`)).status).toBe(401);
		expect((await fetch(`${s.url}/api/events`, { headers: { authorization: 'Bearer sesame-0123456789' } })).status).toBe(200);
		const doc = await storedDocument(file);
		expect(doc.events.filter((e: { title: string }) => e.title === 'Guarded')).toHaveLength(1);
	});
});
