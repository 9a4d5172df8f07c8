#!/usr/bin/env node
/**
 * Makes sure a Chromium is there for the end-to-end tests. On Debian as root it installs Debian's
 * `chromium` package when none is found; elsewhere it says how to get one and fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

const found = findChromium();
if (found) {
	console.log(`Chromium: ${found}`);
	process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
	console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but there is no such file.`);
	process.exit(1);
}

const debian = existsSync('/etc/debian_version');
const root = process.getuid?.() === 0;
if (debian && root) {
	console.log('No Chromium found: installing Debian’s chromium package (apt-get)…');
	const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	if (run(['update']).status !== 0 || run(['install', '-y', '--no-install-recommends', 'chromium']).status !== 0) {
		console.error('Installing chromium with apt-get failed (see above).');
		process.exit(1);
	}
	const installed = findChromium();
	if (installed) {
		console.log(`Chromium: ${installed}`);
		process.exit(0);
	}
	console.error('apt-get installed chromium, but no chromium executable was found afterwards.');
	process.exit(1);
}

console.error(
	[
		'The end-to-end tests need Chromium, and none was found.',
		debian
			? '  Install it as root:   sudo apt-get install chromium'
			: '  Install Chromium or Google Chrome with your system’s package manager,',
		'  or point to one:       CHROMIUM_PATH=/path/to/chromium npm test'
	].join('\n')
);
process.exit(1);
