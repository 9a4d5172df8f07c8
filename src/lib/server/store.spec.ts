import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeChain } from '$lib/test-data/factories';
import { CommitQueue } from './commit-queue';
import { LockedError } from './lock';
import { Store, StoreWriteError } from './store';
import { storeContractSuite } from './store-suite';
import type { Committed } from './store-contract';

let dir: string;
let seed: string;
const open: Store[] = [];
const openStore = async (file = join(dir, 'causeway.json')) => {
	const s = await Store.open({ file, seedFile: seed });
	open.push(s);
	return s;
};
const onDisk = async (file = join(dir, 'causeway.json')) => JSON.parse(await readFile(file, 'utf8'));
const journalLines = async (file = join(dir, 'causeway.json.journal')) =>
	(await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Committed);

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-store-'));
	seed = join(dir, 'seed.json');
	await writeFile(seed, JSON.stringify(makeChain()));
});
afterEach(async () => {
	for (const s of open.splice(0)) await s.close();
	await rm(dir, { recursive: true, force: true });
});

storeContractSuite('the data file (lowdb)', () => ({
	async open(doc) {
		await writeFile(seed, JSON.stringify(doc));
		return Store.open({ file: join(dir, 'causeway.json'), seedFile: seed });
	},
	reopen: () => Store.open({ file: join(dir, 'causeway.json') })
}));

describe('Store (the data file)', () => {
	it('creates the data file from the seed when it is absent', async () => {
		const store = await openStore();
		expect(store.document.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
		expect((await onDisk()).events).toHaveLength(3);
	});

	it('has each acknowledged edit on disk, with document and entity revisions', async () => {
		const store = await openStore();
		const { revision } = await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Incursion' } }]);
		expect(revision).toBe(1);
		// acknowledged once in the journal (the snapshot follows in the background)
		const lines = await journalLines();
		expect(lines.at(-1)).toMatchObject({ revision: 1, change: { events: { updated: [[{ title: 'Event a' }, { title: 'Incursion', revision: 2 }]] } } });
		// and a new store on the same file (after closing) reads it back
		await store.close();
		open.splice(0);
		expect((await onDisk()).revision).toBe(1);
		expect((await openStore()).get('events', 'a').title).toBe('Incursion');
	});

	it('groups edits that arrive during a write into one write, answering each after it is on disk', async () => {
		const store = await openStore();
		const before = store.writes;
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => store.commit([{ op: 'create', collection: 'events', value: { title: `E${i}`, start: '2025', kind: 'other' } }]))
		);
		expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		// the first edit starts a write; the other 19 arrive while it is in flight and share the next
		expect(store.writes - before).toBe(2);
		expect((await journalLines()).map((c) => c.revision)).toEqual(results.map((r) => r.revision));
	});

	it('changes nothing, in memory or on disk, when an edit is refused', async () => {
		const store = await openStore();
		const disk = await readFile(join(dir, 'causeway.json'), 'utf8');
		await expect(store.commit([{ op: 'create', collection: 'links', value: { from: 'a', to: 'ghost', relation: 'causes' } }])).rejects.toThrow(/does not exist/);
		expect(store.document.links).toHaveLength(2);
		expect(await readFile(join(dir, 'causeway.json'), 'utf8')).toBe(disk);
	});

	it('leaves no temp files behind', async () => {
		const store = await openStore();
		await store.commit([{ op: 'delete', collection: 'events', id: 'c' }]);
		expect((await readdir(dir)).sort()).toEqual(['causeway.json', 'causeway.json.journal', 'causeway.json.lock', 'seed.json']);
	});

	it('refuses a second store on the same file, naming the holder', async () => {
		await openStore();
		const second = Store.open({ file: join(dir, 'causeway.json'), seedFile: seed });
		await expect(second).rejects.toBeInstanceOf(LockedError);
		await expect(second).rejects.toThrow(/in use by another Causeway server \(pid \d+/);
	});

	it('takes over a stale lock left by a process that no longer runs', async () => {
		const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
		await writeFile(join(dir, 'causeway.json.lock'), JSON.stringify({ pid: Number(dead), host: (await import('node:os')).hostname(), startedAt: 'x' }));
		const store = await openStore();
		expect(JSON.parse(await readFile(join(dir, 'causeway.json.lock'), 'utf8')).pid).toBe(process.pid);
		expect(store.document.events).toHaveLength(3);
	});

	it('refuses to start on a file that is not a valid document, and leaves it as it is', async () => {
		const file = join(dir, 'causeway.json');
		await writeFile(file, '{"events": [');
		await expect(openStore(file)).rejects.toThrow(/not valid JSON.*left as it is/);
		const broken = { ...makeChain(), links: [{ ...makeChain().links[0], to: 'ghost' }] };
		await writeFile(file, JSON.stringify(broken));
		await expect(openStore(file)).rejects.toThrow(/links\[0\]\.to: effect event "ghost" does not exist/);
		expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(broken);
		// and the lock was let go each time
		expect((await readdir(dir)).includes('causeway.json.lock')).toBe(false);
	});
});

describe('Store.commit of a large batch', () => {
	it('lets an edit through while the batch is planned, then plans the batch again on top of it', async () => {
		const store = await openStore();
		const ops = Array.from({ length: 5000 }, (_, i) => ({ op: 'create' as const, collection: 'events' as const, value: { id: `e${i}`, title: `E${i}`, start: '2025', kind: 'other' } }));
		const batch = store.commit(ops);
		const edit = store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Meanwhile' } }]);
		const [batched, edited] = await Promise.all([batch, edit]);
		expect([edited.revision, batched.revision]).toEqual([1, 2]);
		await store.close();
		const disk = await onDisk();
		expect(disk.events).toHaveLength(5003);
		expect(disk.events.find((e: { id: string }) => e.id === 'a').title).toBe('Meanwhile');
	});
});

describe('Store.replaceDocument when the snapshot cannot be written', () => {
	it('still commits (the journal has it), and a restart on the old snapshot replays it', async () => {
		const file = join(dir, 'causeway.json');
		const store = await openStore(file);
		const before = await readFile(file, 'utf8');
		// The data file's name taken by a folder that is not empty: the rename that would put the
		// new snapshot in place fails, as a full disk fails the write before it.
		await rm(file);
		await mkdir(join(file, 'in-the-way'), { recursive: true });
		const { committed } = await store.replaceDocument((current) => ({ document: { ...current, title: 'Replaced' } }), { backup: true });
		expect(committed.revision).toBe(1);
		expect(store.document.title).toBe('Replaced');
		await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'After the import' } }]);
		await store.close(); // its last snapshot fails too
		open.splice(0);

		await rm(file, { recursive: true });
		await writeFile(file, before);
		const again = await openStore(file);
		expect(again.document.title).toBe('Replaced');
		expect(again.get('events', 'a').title).toBe('After the import');
		expect(again.document.revision).toBe(2);
	});
});

describe('CommitQueue', () => {
	it('rejects a failed write and every edit queued behind it, then works again', async () => {
		let fail = true;
		const written: number[] = [];
		const queue = new CommitQueue<number>(async (batch) => {
			await new Promise((r) => setTimeout(r, 10));
			if (fail) throw new Error('disk full');
			written.push(...batch);
		});
		const first = queue.persist(1);
		const second = queue.persist(2);
		await expect(first).rejects.toThrow('disk full');
		await expect(second).rejects.toThrow('disk full');
		fail = false;
		await queue.persist(3);
		expect(written).toEqual([3]);
	});
});
