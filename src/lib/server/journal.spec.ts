import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeChain } from '$lib/test-data/factories';
import { SNAPSHOT_POLICY, Store } from './store';

let dir: string;
let file: string;
let seed: string;
const open: Store[] = [];
const openStore = async () => {
	const s = await Store.open({ file, seedFile: seed });
	open.push(s);
	return s;
};
/** A crash: the store is dropped without close (no final snapshot), its lock let go. */
const crash = (s: Store) => {
	s.releaseLock();
	open.splice(open.indexOf(s), 1);
};
const rename = (s: Store, id: string, title: string) => s.commit([{ op: 'update', collection: 'events', id, patch: { title } }]);
const snapshot = async () => JSON.parse(await readFile(file, 'utf8'));

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-journal-'));
	file = join(dir, 'causeway.json');
	seed = join(dir, 'seed.json');
	await writeFile(seed, JSON.stringify(makeChain()));
});
afterEach(async () => {
	for (const s of open.splice(0)) await s.close();
	await rm(dir, { recursive: true, force: true });
});

describe('the journal', () => {
	it('acknowledges a commit before the snapshot is rewritten; a restart replays what the snapshot lacks', async () => {
		const store = await openStore();
		for (let i = 1; i <= 5; i++) await rename(store, 'a', `Title ${i}`);
		expect((await snapshot()).revision).toBe(0);
		crash(store);
		const again = await openStore();
		expect(again.document.revision).toBe(5);
		expect(again.get('events', 'a').title).toBe('Title 5');
		expect(again.snapshotRevision).toBe(0);
	});

	it('rewrites the snapshot in the background once commits stop', async () => {
		const idle = SNAPSHOT_POLICY.idleMs;
		SNAPSHOT_POLICY.idleMs = 20;
		try {
			const store = await openStore();
			await rename(store, 'a', 'Settled');
			for (let i = 0; i < 100 && store.snapshotRevision < 1; i++) await new Promise((r) => setTimeout(r, 10));
			expect(store.snapshotRevision).toBe(1);
			expect((await snapshot()).events.find((e: { id: string }) => e.id === 'a').title).toBe('Settled');
		} finally {
			SNAPSHOT_POLICY.idleMs = idle;
		}
	});

	it('drops a torn last line (a write cut short by a kill) and goes on from the line before', async () => {
		const store = await openStore();
		await rename(store, 'a', 'Kept');
		crash(store);
		await appendFile(`${file}.journal`, '{"revision":2,"at":"2026-01-01T00:00:00.000Z","change":{"events":{"upd');
		const again = await openStore();
		expect(again.document.revision).toBe(1);
		expect(again.get('events', 'a').title).toBe('Kept');
		await rename(again, 'b', 'Next');
		crash(again);
		const lines = (await readFile(`${file}.journal`, 'utf8')).split('\n');
		expect(lines.filter(Boolean).map((l) => JSON.parse(l).revision)).toEqual([1, 2]);
		expect((await openStore()).get('events', 'b').title).toBe('Next');
	});

	it('refuses to start on a journal damaged before its last line, saying where, and leaves it as it is', async () => {
		const store = await openStore();
		for (let i = 1; i <= 3; i++) await rename(store, 'a', `Title ${i}`);
		crash(store);
		const lines = (await readFile(`${file}.journal`, 'utf8')).split('\n');
		lines[1] = lines[1].slice(0, 30);
		const damaged = lines.join('\n');
		await writeFile(`${file}.journal`, damaged);
		await expect(openStore()).rejects.toThrow(/journal .*causeway\.json\.journal is damaged at line 2 .*Nothing was changed/);
		expect(await readFile(`${file}.journal`, 'utf8')).toBe(damaged);
	});

	it('catches up from the journal after a restart, and keeps each entity\'s history', async () => {
		const store = await openStore();
		await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'First' } }], { author: 'ana' });
		await rename(store, 'b', 'Other');
		await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Second' } }], { author: 'ben' });
		await store.close();
		open.splice(0);
		const again = await openStore();
		expect((await again.changesSince(0))?.map((c) => c.revision)).toEqual([1, 2, 3]);
		expect((await again.changesSince(1))?.map((c) => c.revision)).toEqual([2, 3]);
		const history = await again.history('events', 'a');
		expect(history.map((c) => [c.revision, c.author])).toEqual([
			[1, 'ana'],
			[3, 'ben']
		]);
	});
});
