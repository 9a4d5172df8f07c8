/**
 * A real, throw-away PostgreSQL for specs and the benchmark: `initdb` into a temp folder, `pg_ctl`
 * on a free port (loopback only, its socket in that folder), never the system's cluster. As root it
 * runs them as the `postgres` user (initdb refuses root) on a folder that user owns.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findPostgresBin } from '../../scripts/postgres.mjs';
import { freePort } from './server';

export interface PostgresCluster {
	/** postgres://… of the `postgres` database (for administration). */
	readonly url: string;
	readonly port: number;
	/** Creates a new, empty database and returns its URL. */
	createDatabase(name?: string): Promise<string>;
	/** Stops the cluster and removes its folder. */
	stop(): Promise<void>;
}

export class PostgresMissingError extends Error {
	constructor() {
		super(
			'PostgreSQL is not installed, so the PostgreSQL store cannot be tested. ' +
				'Run `node scripts/ensure-postgres.mjs` (as root on Debian it installs the postgresql package), ' +
				'or set CAUSEWAY_PG_BIN to the folder holding initdb and pg_ctl.'
		);
		this.name = 'PostgresMissingError';
	}
}

const USER = 'causeway';
let databases = 0;

/** Starts a cluster; throws PostgresMissingError when PostgreSQL is not installed. */
export async function startPostgres(): Promise<PostgresCluster> {
	const bin = findPostgresBin();
	if (!bin) throw new PostgresMissingError();
	const dir = mkdtempSync(join(tmpdir(), 'causeway-pg-'));
	const data = join(dir, 'data');
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const { stdout } = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const uid = Number(stdout.trim());
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
		if (!uid) throw new Error('running as root, but there is no `postgres` user to run initdb as (Debian’s postgresql package creates it)');
		chownSync(dir, uid, gid);
	}
	const run = (program: string, args: string[]) => {
		const command = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
		const r = spawnSync(command[0] as string, command[1] as string[], { encoding: 'utf8', cwd: dir });
		if (r.status !== 0) throw new Error(`${program} failed (${r.status ?? r.error?.message}):\n${r.stdout}${r.stderr}`);
	};
	const port = await freePort();
	try {
		run('initdb', ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
		const options = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`;
		run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
	} catch (err) {
		rmSync(dir, { recursive: true, force: true });
		throw err;
	}
	const url = `postgres://${USER}@127.0.0.1:${port}/postgres`;
	let stopped = false;
	return {
		url,
		port,
		async createDatabase(name = `causeway_${process.pid}_${++databases}`) {
			const admin = new pg.Client({ connectionString: url });
			await admin.connect();
			try {
				await admin.query(`CREATE DATABASE "${name}"`);
			} finally {
				await admin.end();
			}
			return `postgres://${USER}@127.0.0.1:${port}/${name}`;
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
