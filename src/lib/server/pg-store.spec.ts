import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeChain } from '$lib/test-data/factories';
import { startPostgres, type PostgresCluster } from '../../../tests/support/postgres';
import { DATABASE_SCHEMA_VERSION, migrateDatabase } from './pg-schema';
import { pgDocuments } from './pg-documents';
import { PgStore } from './pg-store';
import type { Committed } from './store-contract';
import { storeContractSuite } from './store-suite';

let cluster: PostgresCluster;
let dir: string;
let url = '';
beforeAll(async () => {
	cluster = await startPostgres();
	dir = await mkdtemp(join(tmpdir(), 'causeway-pg-seed-'));
}, 60_000);
afterAll(async () => {
	await cluster?.stop();
	if (dir) await rm(dir, { recursive: true, force: true });
});

storeContractSuite('PostgreSQL', () => ({
	async open(doc) {
		url = await cluster.createDatabase();
		const seedFile = join(dir, 'seed.json');
		await writeFile(seedFile, JSON.stringify(doc));
		return PgStore.open({ url, seedFile });
	},
	reopen: () => PgStore.open({ url })
}));

const until = async (ok: () => boolean) => {
	for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
	return ok();
};

describe('PgStore: several servers on one database', () => {
	const open: PgStore[] = [];
	const two = async () => {
		url = await cluster.createDatabase();
		const seedFile = join(dir, 'chain.json');
		await writeFile(seedFile, JSON.stringify(makeChain()));
		const a = await PgStore.open({ url, seedFile });
		const b = await PgStore.open({ url, seedFile });
		open.push(a, b);
		return [a, b];
	};
	afterEach(async () => {
		for (const s of open.splice(0)) await s.close();
	});

	it('seeds the database once and both see one document', async () => {
		const [a, b] = await two();
		expect(a.document).toEqual(b.document);
		const db = new pg.Client(url);
		await db.connect();
		const { rows } = await db.query('SELECT count(*)::int AS n FROM causeway_entities');
		await db.end();
		const chain = makeChain();
		expect(rows[0].n).toBe(chain.events.length + chain.actors.length + chain.links.length + chain.sources.length + chain.claims.length);
	});

	it('tells the other server’s subscribers about a commit (LISTEN/NOTIFY, change read from the log)', async () => {
		const [a, b] = await two();
		const seen: Committed[] = [];
		b.subscribe((c) => seen.push(c));
		const done = await a.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'From A' } }], { author: 'ana' });
		expect(await until(() => seen.length === 1)).toBe(true);
		expect(seen[0]).toMatchObject({ revision: done.revision, author: 'ana', change: done.change });
		expect(b.get('events', 'a').title).toBe('From A');
		expect(b.document.revision).toBe(1);
	});

	it('refuses a stale revision on the other server, even before it has heard of the change', async () => {
		const [a, b] = await two();
		await a.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'First' }, ifRevision: 1 }]);
		await expect(b.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Second' }, ifRevision: 1 }])).rejects.toMatchObject({ code: 'stale' });
		expect(b.get('events', 'a').title).toBe('First');
	});

	it('gives edits from both servers at once consecutive revisions, all kept and seen by both', async () => {
		const [a, b] = await two();
		const edits = Array.from({ length: 40 }, (_, i) =>
			(i % 2 ? a : b).commit([{ op: 'create', collection: 'events', value: { id: `n${i}`, title: `N${i}`, start: '2025', kind: 'other' } }])
		);
		const revisions = (await Promise.all(edits)).map((c) => c.revision).sort((x, y) => x - y);
		expect(revisions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
		expect(await until(() => a.document.revision === 40 && b.document.revision === 40)).toBe(true);
		expect(a.document).toEqual(b.document);
		expect(a.document.events).toHaveLength(43);
	});
});

describe('PgStore: several documents on one database', () => {
	it('share one pool and one LISTEN connection, and each hears only its own document', async () => {
		url = await cluster.createDatabase();
		const one = await PgStore.open({ url, document: 'one' });
		const two = await PgStore.open({ url, document: 'two' });
		const oneAgain = await PgStore.open({ url, document: 'one' });
		try {
			const heard: string[] = [];
			two.subscribe(() => heard.push('two'));
			oneAgain.subscribe(() => heard.push('one'));
			await one.commit([{ op: 'create', collection: 'events', value: { id: 'only-one', title: 'Only in one', start: '2025', kind: 'other' } }]);
			expect(await until(() => oneAgain.document.revision === 1)).toBe(true);
			expect(heard).toEqual(['one']);
			expect(two.document.events).toEqual([]);
			const db = new pg.Client(url);
			await db.connect();
			const { rows } = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`);
			await db.end();
			expect(rows[0].n).toBe(1);
		} finally {
			await Promise.all([one.close(), two.close(), oneAgain.close()]);
		}
	});
});

describe('pgDocuments: the documents of a database for the registry', () => {
	it('makes, finds, lists and deletes documents, keeping a deleted one in causeway_backups', async () => {
		url = await cluster.createDatabase();
		const seedFile = join(dir, 'chain-seed.json');
		await writeFile(seedFile, JSON.stringify(makeChain()));
		const documents = pgDocuments(url, seedFile);
		expect(await documents.ids()).toEqual([]);
		const main = await documents.open('default');
		expect(main.document.events).toHaveLength(3);
		const made = await documents.open('inquiry', { ...makeChain(), title: 'Inquiry' });
		await expect(documents.open('inquiry', makeChain())).rejects.toMatchObject({ code: 'conflict' });
		expect([await documents.exists('inquiry'), await documents.exists('nothing')]).toEqual([true, false]);
		expect(await documents.ids()).toEqual(['inquiry']);
		await made.commit([{ op: 'delete', collection: 'links', id: 'bc' }]);
		await made.close();
		const { backup } = await documents.remove('inquiry');
		expect(backup).toMatch(/^causeway_backups #\d+$/);
		expect(await documents.ids()).toEqual([]);
		const db = new pg.Client(url);
		await db.connect();
		const kept = await db.query(`SELECT data->>'title' AS title, revision FROM causeway_backups WHERE document = 'inquiry'`);
		const left = await db.query(`SELECT count(*)::int AS n FROM causeway_entities WHERE document = 'inquiry'`);
		await db.end();
		expect(kept.rows).toEqual([{ title: 'Inquiry', revision: 1 }]);
		expect(left.rows[0].n).toBe(0);
		expect(main.document.events).toHaveLength(3);
		await main.close();
	});
});

describe('PgStore when the database drops its connections', () => {
	it('answers the next edit, and hears the other server again (the LISTEN connection comes back)', async () => {
		url = await cluster.createDatabase();
		const a = await PgStore.open({ url });
		const b = await PgStore.open({ url });
		try {
			const admin = new pg.Client(cluster.url);
			await admin.connect();
			const name = new URL(url).pathname.slice(1);
			const { rows } = await admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
			await admin.end();
			expect(rows[0].n).toBeGreaterThanOrEqual(2);
			// An edit on a connection that was cut may fail (503) and change nothing; the next one is answered.
			let n = 0;
			const edit = (title: string) => a.commit([{ op: 'create', collection: 'events', value: { id: `cut-${++n}`, title, start: '2025', kind: 'other' } }]);
			const first = await edit('Maybe').catch((e) => e);
			if (first instanceof Error) expect(first.name).toBe('StoreWriteError');
			const seen: number[] = [];
			b.subscribe((c) => seen.push(c.revision));
			const done = await edit('After the cut');
			expect(await until(() => b.document.revision === done.revision)).toBe(true);
			expect(seen).toContain(done.revision);
			expect(b.get('events', `cut-${n}`).title).toBe('After the cut');
		} finally {
			await a.close();
			await b.close();
		}
	});
});

describe('PgStore: the tables’ schema version', () => {
	it('brings a database at an older schema version forward, keeping its document', async () => {
		url = await cluster.createDatabase();
		const db = new pg.Client(url);
		await db.connect();
		await migrateDatabase(db, 1);
		const old = await PgStore.open({ url });
		await old.commit([{ op: 'create', collection: 'events', value: { id: 'kept', title: 'Kept', start: '2025', kind: 'other' } }]);
		await old.close();
		const { rows } = await db.query('SELECT version FROM causeway_schema');
		expect(rows[0].version).toBe(DATABASE_SCHEMA_VERSION);
		// As version 1 left it, with a document in it: no backups table yet.
		await db.query('DROP TABLE causeway_backups');
		await db.query('UPDATE causeway_schema SET version = 1');
		const store = await PgStore.open({ url });
		expect(store.get('events', 'kept').title).toBe('Kept');
		const replaced = await store.replaceDocument((current) => ({ document: { ...current, title: 'After' } }), { backup: true });
		expect(replaced.backupFile).toMatch(/causeway_backups/);
		await store.close();
		expect((await db.query('SELECT version FROM causeway_schema')).rows[0].version).toBe(DATABASE_SCHEMA_VERSION);
		await db.end();
	});

	it('refuses a database from a newer Causeway, saying so, and leaves it as it is', async () => {
		url = await cluster.createDatabase();
		const db = new pg.Client(url);
		await db.connect();
		await migrateDatabase(db);
		await db.query('UPDATE causeway_schema SET version = 99');
		await expect(PgStore.open({ url })).rejects.toThrow(/schema version 99, newer than this Causeway knows/);
		expect((await db.query('SELECT version FROM causeway_schema')).rows[0].version).toBe(99);
		await db.end();
	});

	it('says clearly when the database cannot be reached', async () => {
		await expect(PgStore.open({ url: `postgres://causeway:secret@127.0.0.1:${cluster.port}/no_such_db` })).rejects.toThrow(
			/cannot use the database postgres:\/\/causeway:\*\*\*@127\.0\.0\.1:\d+\/no_such_db: .*does not exist/
		);
	});
});
