#!/usr/bin/env node
/**
 * Makes sure PostgreSQL's server programs are there for the PostgreSQL store's tests. On Debian as
 * root it installs Debian's `postgresql` package when they are missing (as ensure-chromium.mjs
 * does for Chromium); elsewhere it says how to get them and fails. The tests start their own
 * throw-away cluster: the system's cluster is never used.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findPostgresBin } from './postgres.mjs';

const found = findPostgresBin();
if (found) {
	console.log(`PostgreSQL: ${found}`);
	process.exit(0);
}
if (process.env.CAUSEWAY_PG_BIN) {
	console.error(`CAUSEWAY_PG_BIN is set to ${process.env.CAUSEWAY_PG_BIN}, but it holds no initdb.`);
	process.exit(1);
}

const debian = existsSync('/etc/debian_version');
const root = process.getuid?.() === 0;
if (debian && root) {
	console.log('No PostgreSQL found: installing Debian’s postgresql package (apt-get)…');
	const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	if (run(['update']).status !== 0 || run(['install', '-y', '--no-install-recommends', 'postgresql']).status !== 0) {
		console.error('Installing postgresql with apt-get failed (see above).');
		process.exit(1);
	}
	const installed = findPostgresBin();
	if (installed) {
		console.log(`PostgreSQL: ${installed}`);
		process.exit(0);
	}
	console.error('apt-get installed postgresql, but no initdb was found afterwards.');
	process.exit(1);
}

console.error(
	[
		'The PostgreSQL store’s tests need PostgreSQL’s server programs (initdb, pg_ctl), and none were found.',
		debian ? '  Install them as root:  sudo apt-get install postgresql' : '  Install PostgreSQL with your system’s package manager,',
		'  or point to them:       CAUSEWAY_PG_BIN=/path/to/postgresql/bin npm test'
	].join('\n')
);
process.exit(1);
