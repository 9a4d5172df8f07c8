/**
 * Several documents on PostgreSQL with named users, across two app servers on one database
 * (issue 15, all of it together): a document made on one server is listed, edited, renamed and
 * deleted through the other, each edit reaching the first server's change stream; a deleted
 * document is gone on both (its backup kept in the database), and an event's history names its
 * author.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStream } from '../support/event-stream';
import { startPostgres, type PostgresCluster } from '../support/postgres';
import { startServer, type RunningServer } from '../support/server';

const run = promisify(execFile);
let cluster: PostgresCluster;
let dir: string;
let url: string;
let a: RunningServer;
let b: RunningServer;
let alice: string;
let bob: string;

async function addUser(usersFile: string, name: string): Promise<string> {
	const { stdout } = await run(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), '--tsconfig', 'scripts/cli/tsconfig.paths.json', 'scripts/cli/user.ts', 'add', name], {
		env: { ...process.env, CAUSEWAY_USERS: usersFile }
	});
	return /^([0-9a-f]{16}\.[A-Za-z0-9_-]{43})$/m.exec(stdout)![1];
}

beforeAll(async () => {
	cluster = await startPostgres();
	dir = await mkdtemp(join(tmpdir(), 'causeway-pg-documents-'));
	const usersFile = join(dir, 'users.json');
	alice = await addUser(usersFile, 'Alice');
	bob = await addUser(usersFile, 'Bob');
	url = await cluster.createDatabase();
	const env = { CAUSEWAY_DATABASE_URL: url, CAUSEWAY_USERS: usersFile };
	[a, b] = [await startServer(env), await startServer(env)];
}, 120_000);
afterAll(async () => {
	await a?.stop();
	await b?.stop();
	await cluster?.stop();
	if (dir) await rm(dir, { recursive: true, force: true });
});

const as = (token: string, body?: unknown): RequestInit => ({
	headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
	...(body !== undefined && { body: JSON.stringify(body) })
});
const call = (s: RunningServer, method: string, path: string, token: string, body?: unknown) => fetch(`${s.url}${path}`, { method, ...as(token, body) });
const ids = async (s: RunningServer) => ((await (await call(s, 'GET', '/api/documents', alice)).json()) as { id: string }[]).map((d) => d.id);
const query = async (sql: string, values: unknown[] = []) => {
	const db = new pg.Client(url);
	await db.connect();
	try {
		return (await db.query(sql, values)).rows;
	} finally {
		await db.end();
	}
};

describe('several documents on one database, two servers, named users', { timeout: 120_000 }, () => {
	it('makes, edits, renames and deletes a document across the servers, with its history and authors', async () => {
		// Made on A, listed on B.
		const made = await call(a, 'POST', '/api/documents', alice, { title: 'Mariupol, 2022' });
		expect(made.status).toBe(201);
		const { id } = (await made.json()) as { id: string };
		expect(await ids(b)).toEqual(['default', id]);

		// Edited through B, seen on A's stream of that document.
		const stream = await openStream(`${a.url}/api/d/${id}/changes/stream`, { authorization: `Bearer ${alice}` });
		try {
			const added = await call(b, 'POST', `/api/d/${id}/events`, alice, { id: 'siege', title: 'Siege begins', start: '2022-03-01', kind: 'other' });
			expect(added.status).toBe(201);
			const sent = performance.now();
			const renamed = await call(b, 'PATCH', `/api/d/${id}/events/siege`, bob, { title: 'The siege begins' });
			expect(renamed.status).toBe(200);
			const seen = await stream.waitFor((e) => e.event === 'change' && JSON.stringify(e.data).includes('The siege begins'), 1_000);
			console.log(`an edit through B reached A's stream of the document after ${Math.round(seen.at - sent)} ms`);
			// The default document saw none of it.
			expect(((await (await call(a, 'GET', '/api/events', alice)).json()) as { id: string }[]).map((e) => e.id)).not.toContain('siege');
		} finally {
			stream.close();
		}

		// The history of the event, asked of A, names who did what.
		const history = await call(a, 'GET', `/api/d/${id}/events/siege/history`, alice);
		expect(history.status).toBe(200);
		const { entries } = (await history.json()) as { entries: { author?: string; action: string; fields: { field: string; from?: unknown; to?: unknown }[] }[] };
		expect(entries.map((e) => [e.action, e.author])).toEqual([
			['updated', 'Bob'],
			['created', 'Alice']
		]);
		expect(entries[0].fields).toContainEqual({ field: 'title', from: 'Siege begins', to: 'The siege begins' });

		// Renamed on A, seen on B.
		expect((await call(a, 'PATCH', `/api/documents/${id}`, bob, { title: 'Mariupol, spring 2022' })).status).toBe(200);
		await expect.poll(async () => (await (await call(b, 'GET', `/api/documents/${id}`, alice)).json()).title).toBe('Mariupol, spring 2022');

		// Deleted on B (which A has open): gone on both, its backup in the database.
		const deleted = await call(b, 'DELETE', `/api/documents/${id}`, alice);
		expect(deleted.status).toBe(200);
		expect((await deleted.json()).backup).toMatch(/^causeway_backups #\d+$/);
		expect(await ids(a)).toEqual(['default']);
		await expect.poll(async () => (await call(a, 'GET', `/api/d/${id}/events`, alice)).status).toBe(404);
		const edit = await call(a, 'POST', `/api/d/${id}/events`, alice, { title: 'Too late', start: '2022', kind: 'other' });
		expect(edit.status).toBe(404);
		const [backup] = await query('SELECT document, data FROM causeway_backups WHERE document = $1', [id]);
		expect(backup.data.events.map((e: { title: string }) => e.title)).toEqual(['The siege begins']);
	});

	it('honours a session made on one server on the other (one users file): a load balancer may send the next request anywhere', async () => {
		const signin = await fetch(`${a.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: alice }) });
		expect(signin.ok).toBe(true);
		const cookie = signin.headers.get('set-cookie')!.split(';')[0];
		const res = await fetch(`${b.url}/api/events`, {
			method: 'POST',
			headers: { cookie, origin: b.url, 'content-type': 'application/json' },
			body: JSON.stringify({ id: 'by-session', title: 'By session', start: '2025', kind: 'other' })
		});
		expect(res.status).toBe(201);
		// Server a learns of the commit on its change stream (tens of milliseconds; more on a busy machine).
		const history = async () => ((await (await call(a, 'GET', '/api/events/by-session/history', alice)).json()) as { entries?: { author: string }[] }).entries?.[0]?.author;
		await expect.poll(history, { timeout: 10_000 }).toBe('Alice');
	});

	it('keeps the last edit in the backup, and deletes once when both servers are asked at the same time', async () => {
		const { id } = await (await call(a, 'POST', '/api/documents', alice, { title: 'Chasiv Yar' })).json();
		expect((await call(b, 'GET', `/api/documents/${id}`, alice)).status).toBe(200);
		// An edit through A, then at once a deletion through both: B may not have heard of the edit yet.
		expect((await call(a, 'POST', `/api/d/${id}/events`, alice, { id: 'last', title: 'Last edit', start: '2024', kind: 'other' })).status).toBe(201);
		const answers = await Promise.all([call(b, 'DELETE', `/api/documents/${id}`, alice), call(a, 'DELETE', `/api/documents/${id}`, bob)]);
		expect(answers.map((r) => r.status).sort()).toEqual([200, 404]);
		const backups = await query('SELECT data FROM causeway_backups WHERE document = $1', [id]);
		expect(backups).toHaveLength(1);
		expect(backups[0].data.events.map((e: { id: string }) => e.id)).toEqual(['last']);
	});

	it('serves a document deleted on one server and made again under its id on the other as the new one', async () => {
		const { id } = await (await call(a, 'POST', '/api/documents', alice, { title: 'Avdiivka' })).json();
		expect((await call(a, 'POST', `/api/d/${id}/events`, alice, { id: 'old', title: 'Old', start: '2023', kind: 'other' })).status).toBe(201);
		// B opens it, then A deletes it.
		expect((await call(b, 'GET', `/api/d/${id}/events/old`, alice)).status).toBe(200);
		expect((await call(a, 'DELETE', `/api/documents/${id}`, alice)).status).toBe(200);
		// Made again with the same id straight in the database (as an import of the backup would).
		await query(
			`INSERT INTO causeway_documents (id, title, revision, schema_version) SELECT $1, 'Avdiivka again', 0, schema_version FROM causeway_documents WHERE id = 'default'`,
			[id]
		);
		await expect.poll(async () => (await call(b, 'GET', `/api/d/${id}/events/old`, alice)).status).toBe(404);
		expect((await (await call(b, 'GET', `/api/documents/${id}`, alice)).json()).title).toBe('Avdiivka again');
	});
});
