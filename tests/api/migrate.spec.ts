/**
 * `npm run migrate`: a data file into PostgreSQL and back, the document unchanged (revision
 * included); a target that already holds a document is replaced only when asked, with a backup;
 * and a server started on the migrated database serves it.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresCluster } from '../support/postgres';
import { startServer } from '../support/server';

let cluster: PostgresCluster;
let dir: string;
beforeAll(async () => {
	cluster = await startPostgres();
	dir = await mkdtemp(join(tmpdir(), 'causeway-migrate-'));
}, 60_000);
afterAll(async () => {
	await cluster?.stop();
	if (dir) await rm(dir, { recursive: true, force: true });
});

function migrate(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
	const child = spawn(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), '--tsconfig', 'scripts/cli/tsconfig.paths.json', 'scripts/cli/migrate.ts', ...args]);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	return new Promise((ok) => child.on('exit', (status) => ok({ status, stdout, stderr })));
}

/** A data file with some history: revision above 0. */
async function dataFileWithHistory(): Promise<string> {
	const file = join(dir, `source-${Math.random().toString(36).slice(2)}.json`);
	await copyFile(resolve('data/seed/kursk.json'), file);
	const server = await startServer({ CAUSEWAY_DATA: file });
	try {
		const r = await fetch(`${server.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'moved', title: 'Moved along', start: '2025', kind: 'other' }) });
		expect(r.status).toBe(201);
	} finally {
		await server.stop();
	}
	return file;
}

// Each command starts tsx, which takes seconds on a busy machine.
describe('npm run migrate', { timeout: 120_000 }, () => {
	it('moves a data file into PostgreSQL and back, unchanged, and a server serves the database', async () => {
		const file = await dataFileWithHistory();
		const original = JSON.parse(await readFile(file, 'utf8'));
		const url = await cluster.createDatabase();

		const into = await migrate('--from', file, '--to', url);
		expect(into.stderr).toBe('');
		expect(into.status).toBe(0);
		expect(into.stdout).toMatch(new RegExp(`Moved ${original.events.length} events, ${original.links.length} links.* \\(revision ${original.revision}\\)`));

		const server = await startServer({ CAUSEWAY_DATABASE_URL: url });
		try {
			expect(await (await fetch(`${server.url}/api/document`)).json()).toEqual(original);
		} finally {
			await server.stop();
		}

		const back = join(dir, 'back.json');
		const out = await migrate('--from', url, '--to', back);
		expect(out.status).toBe(0);
		expect(JSON.parse(await readFile(back, 'utf8'))).toEqual(original);
	});

	it('replaces a document already in the target only with --replace, keeping the one replaced', async () => {
		const file = await dataFileWithHistory();
		const url = await cluster.createDatabase();
		// a server started on it once: the database holds the seed
		await (await startServer({ CAUSEWAY_DATABASE_URL: url })).stop();

		const refused = await migrate('--from', file, '--to', url);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/already holds a document\. Add --replace/);

		const replaced = await migrate('--from', file, '--to', url, '--replace');
		expect(replaced.status).toBe(0);
		expect(replaced.stdout).toMatch(/kept in causeway_backups #\d+/);
		const db = new pg.Client(url);
		await db.connect();
		const moved = await db.query(`SELECT data->>'title' AS title FROM causeway_entities WHERE collection = 'events' AND id = 'moved'`);
		const backups = await db.query('SELECT count(*)::int AS n FROM causeway_backups');
		await db.end();
		expect(moved.rows).toEqual([{ title: 'Moved along' }]);
		expect(backups.rows[0].n).toBe(1);
	});

	it('says how to use it, and refuses a source that does not exist', async () => {
		const run = await migrate('--from', join(dir, 'nothing-here.json'), '--to', join(dir, 'x.json'));
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/There is no data file at .*nothing-here\.json/);
		expect((await migrate()).stderr).toMatch(/usage: npm run migrate -- --from/);
	});
});
