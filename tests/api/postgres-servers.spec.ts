/**
 * Several app servers (the built server, `node build`) on one PostgreSQL database
 * (CAUSEWAY_DATABASE_URL): an edit on one reaches the other's change stream; a stale If-Match is
 * refused whichever server it reaches; kill -9 of one during 200 edits/s loses no acknowledged
 * edit; an older schema is brought forward, a newer one refused with a clear message.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStream } from '../support/event-stream';
import { startPostgres, type PostgresCluster } from '../support/postgres';
import { freePort, startRefused, startServer, type RunningServer } from '../support/server';

let cluster: PostgresCluster;
const running: RunningServer[] = [];
beforeAll(async () => {
	cluster = await startPostgres();
}, 60_000);
afterEach(async () => {
	for (const s of running.splice(0)) await s.kill();
});
afterAll(async () => {
	await cluster?.stop();
});

const start = async (url: string) => {
	const s = await startServer({ CAUSEWAY_DATABASE_URL: url });
	running.push(s);
	return s;
};
const json = { 'content-type': 'application/json' };
const createEvent = (s: RunningServer, id: string) =>
	fetch(`${s.url}/api/events`, { method: 'POST', headers: json, body: JSON.stringify({ id, title: `Event ${id}`, start: '2025', kind: 'other' }) });
const query = async (url: string, sql: string) => {
	const db = new pg.Client(url);
	await db.connect();
	try {
		return (await db.query(sql)).rows;
	} finally {
		await db.end();
	}
};

describe('two app servers on one database', { timeout: 120_000 }, () => {
	it('sends an edit made on one to the change stream of the other', async () => {
		const url = await cluster.createDatabase();
		const [a, b] = [await start(url), await start(url)];
		const stream = await openStream(`${b.url}/api/changes/stream`);
		try {
			const sent = performance.now();
			expect((await createEvent(a, 'from-a')).status).toBe(201);
			const event = await stream.waitFor((e) => e.event === 'change');
			const data = event.data as { revision: number; change: { events: { added: { id: string }[] } } };
			expect(data.change.events.added[0].id).toBe('from-a');
			console.log(`an edit on one server reached the other's stream after ${Math.round(event.at - sent)} ms`);
			expect((await (await fetch(`${b.url}/api/events/from-a`)).json()).title).toBe('Event from-a');
		} finally {
			stream.close();
		}
	});

	it('refuses a stale If-Match whichever server it reaches', async () => {
		const url = await cluster.createDatabase();
		const [a, b] = [await start(url), await start(url)];
		expect((await createEvent(a, 'contested')).status).toBe(201);
		// read on A, written through B (which may not have heard of the event yet: it catches up in the transaction)
		const etag = (await fetch(`${a.url}/api/events/contested`)).headers.get('etag')!;
		const patch = (s: RunningServer, title: string) =>
			fetch(`${s.url}/api/events/contested`, { method: 'PATCH', headers: { ...json, 'if-match': etag }, body: JSON.stringify({ title }) });
		expect((await patch(b, 'From B')).status).toBe(200);
		// both servers now refuse the same stale revision, the one that made the edit and the other
		expect((await patch(a, 'From A')).status).toBe(412);
		expect((await patch(b, 'From B again')).status).toBe(412);
		expect((await (await fetch(`${a.url}/api/events/contested`)).json()).title).toBe('From B');
	});

	it('loses no acknowledged edit when one server is killed (-9) during 200 edits/s', async () => {
		const url = await cluster.createDatabase();
		const [a, b] = [await start(url), await start(url)];
		// warmed up, so that A is answering at full pace when it is killed
		for (let i = 0; i < 10; i++) expect((await createEvent(i % 2 ? a : b, `warm${i}`)).status).toBe(201);
		const acknowledged: string[] = [];
		const sends: Promise<void>[] = [];
		const RATE = 200;
		const SECONDS = 4;
		let byA = 0;
		let killed = false;
		const begin = performance.now();
		for (let i = 0; i < RATE * SECONDS; i++) {
			const due = begin + (i * 1000) / RATE;
			const wait = due - performance.now();
			if (wait > 0) await new Promise((r) => setTimeout(r, wait));
			const id = `k${i}`;
			const target = i % 2 ? a : b;
			sends.push(
				createEvent(target, id).then(
					(r) => {
						if (r.status !== 201) return;
						acknowledged.push(id);
						// killed in the middle of its work: with edits of its own still in flight
						if (target === a && ++byA === 100 && !killed) {
							killed = true;
							void a.kill();
						}
					},
					() => {}
				)
			);
		}
		await Promise.all(sends);
		const stored = new Set((await query(url, `SELECT id FROM causeway_entities WHERE collection = 'events'`)).map((r) => r.id as string));
		const lost = acknowledged.filter((id) => !stored.has(id));
		expect(lost).toEqual([]);
		// A was killed while it worked (not after the last edit), and the survivor answered all of its own
		expect(killed).toBe(true);
		expect(acknowledged.filter((id) => Number(id.slice(1)) % 2 === 1).length).toBeLessThan((RATE * SECONDS) / 2);
		expect(acknowledged.filter((id) => Number(id.slice(1)) % 2 === 0)).toHaveLength((RATE * SECONDS) / 2);
		// and the survivor serves every stored edit
		const served = new Set(((await (await fetch(`${b.url}/api/events`)).json()) as { id: string }[]).map((e) => e.id));
		expect([...stored].filter((id) => !served.has(id))).toEqual([]);
	});
});

describe('the tables’ schema version at start-up', { timeout: 120_000 }, () => {
	it('brings a database at an older schema version forward and serves its document', async () => {
		const url = await cluster.createDatabase();
		const first = await start(url);
		expect((await createEvent(first, 'before-upgrade')).status).toBe(201);
		await first.stop();
		running.splice(0);
		// what version 1 of the tables was: no backups table
		await query(url, 'DROP TABLE causeway_backups; UPDATE causeway_schema SET version = 1');
		const upgraded = await start(url);
		expect((await fetch(`${upgraded.url}/api/events/before-upgrade`)).status).toBe(200);
		expect(await query(url, 'SELECT version FROM causeway_schema')).toEqual([{ version: 2 }]);
		expect(await query(url, `SELECT to_regclass('causeway_backups') IS NOT NULL AS present`)).toEqual([{ present: true }]);
	});

	it('refuses to start when the database cannot be reached, saying where and what to check', async () => {
		const closed = `postgres://causeway:secret@127.0.0.1:${await freePort()}/causeway`;
		const { code, output } = await startRefused({ CAUSEWAY_DATABASE_URL: closed });
		expect(code).toBe(1);
		expect(output).toMatch(/Causeway cannot start: cannot use the database postgres:\/\/causeway:\*\*\*@127\.0\.0\.1:\d+\/causeway: .*ECONNREFUSED.*Check that PostgreSQL is running/);
		expect(output).not.toContain('secret');
	});

	it('refuses to start on a database from a newer Causeway, saying why', async () => {
		const url = await cluster.createDatabase();
		await (await start(url)).stop();
		running.splice(0);
		await query(url, 'UPDATE causeway_schema SET version = 7');
		const { code, output } = await startRefused({ CAUSEWAY_DATABASE_URL: url });
		expect(code).toBe(1);
		expect(output).toMatch(/Causeway cannot start: .*schema version 7, newer than this Causeway knows \(2\)/);
		expect(await query(url, 'SELECT version FROM causeway_schema')).toEqual([{ version: 7 }]);
	});
});
