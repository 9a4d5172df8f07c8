/**
 * What ensure-chromium.mjs and ensure-postgres.mjs share: find a program the tests need; if it is
 * missing, on Debian as root install the package that has it (apt-get), elsewhere say how to get
 * it, and exit 1. Exits 0 with the program's path said when it is there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * @param {object} what
 * @param {string} what.name the program as a person names it ("Chromium")
 * @param {string} what.debianPackage the Debian package that has it
 * @param {() => string | null | undefined} what.find its path, or nothing
 * @param {string} what.envVar the variable that points to it
 * @param {string} what.envMissing what is wrong when envVar is set but finds nothing
 * @param {string} what.missingAfterInstall what is wrong when the package installed but nothing is found
 * @param {(debian: boolean) => string[]} what.help how to get it, line by line
 */
export function ensurePackage({ name, debianPackage, find, envVar, envMissing, missingAfterInstall, help }) {
	const found = find();
	if (found) {
		console.log(`${name}: ${found}`);
		process.exit(0);
	}
	if (process.env[envVar]) {
		console.error(`${envVar} is set to ${process.env[envVar]}, but ${envMissing}.`);
		process.exit(1);
	}
	const debian = existsSync('/etc/debian_version');
	const root = process.getuid?.() === 0;
	if (debian && root) {
		console.log(`No ${name} found: installing Debian’s ${debianPackage} package (apt-get)…`);
		const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (run(['update']).status !== 0 || run(['install', '-y', '--no-install-recommends', debianPackage]).status !== 0) {
			console.error(`Installing ${debianPackage} with apt-get failed (see above).`);
			process.exit(1);
		}
		const installed = find();
		if (installed) {
			console.log(`${name}: ${installed}`);
			process.exit(0);
		}
		console.error(`apt-get installed ${debianPackage}, but ${missingAfterInstall}.`);
		process.exit(1);
	}
	console.error(help(debian).join('\n'));
	process.exit(1);
}
