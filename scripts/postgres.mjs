/**
 * Where PostgreSQL's server programs are (initdb, pg_ctl), for the test harness, the benchmark and
 * ensure-postgres: CAUSEWAY_PG_BIN, else Debian's /usr/lib/postgresql/<version>/bin (newest
 * first), else the PATH.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The folder holding initdb and pg_ctl, or undefined when PostgreSQL is not installed. */
export function findPostgresBin(env = process.env) {
	if (env.CAUSEWAY_PG_BIN) return existsSync(join(env.CAUSEWAY_PG_BIN, 'initdb')) ? env.CAUSEWAY_PG_BIN : undefined;
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian)) {
		const versions = readdirSync(debian)
			.filter((v) => /^\d+$/.test(v))
			.sort((a, b) => Number(b) - Number(a));
		for (const v of versions) if (existsSync(join(debian, v, 'bin', 'initdb'))) return join(debian, v, 'bin');
	}
	const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
	const found = which.status === 0 ? which.stdout.trim() : '';
	return found ? found.replace(/\/initdb$/, '') : undefined;
}
