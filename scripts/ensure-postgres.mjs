#!/usr/bin/env node
/**
 * Makes sure PostgreSQL's server programs are there for the PostgreSQL store's tests. On Debian as
 * root it installs Debian's `postgresql` package when they are missing (as ensure-chromium.mjs
 * does for Chromium); elsewhere it says how to get them and fails. The tests start their own
 * throw-away cluster: the system's cluster is never used.
 */
import { ensurePackage } from './ensure-package.mjs';
import { findPostgresBin } from './postgres.mjs';

ensurePackage({
	name: 'PostgreSQL',
	debianPackage: 'postgresql',
	find: findPostgresBin,
	envVar: 'CAUSEWAY_PG_BIN',
	envMissing: 'it holds no initdb',
	missingAfterInstall: 'no initdb was found afterwards',
	help: (debian) => [
		'The PostgreSQL store’s tests need PostgreSQL’s server programs (initdb, pg_ctl), and none were found.',
		debian ? '  Install them as root:  sudo apt-get install postgresql' : '  Install PostgreSQL with your system’s package manager,',
		'  or point to them:       CAUSEWAY_PG_BIN=/path/to/postgresql/bin npm test'
	]
});
