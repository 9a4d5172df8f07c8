#!/usr/bin/env node
/**
 * `npm test`: every test. Builds the app (the API and end-to-end specs run the built server), runs
 * the Vitest specs (unit, store, API over real HTTP; PostgreSQL installed first as root on Debian
 * when missing, as Chromium is), makes sure Chromium is there (installing
 * Debian's package as root when it is not), runs the Playwright specs, and ends with one line:
 * "tests: N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const run = (args, env = {}) => spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status;

const reports = join(root, 'tmp', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

console.log('\n== Building the app');
if (run([bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn']) !== 0) {
	console.error('The build failed; no tests were run.');
	process.exit(1);
}

console.log('\n== Unit, store and API specs (Vitest)');
// The PostgreSQL store's specs start their own throw-away cluster from the installed binaries;
// without them those specs fail, saying why.
run([join(root, 'scripts', 'ensure-postgres.mjs')]);
const vitestJson = join(reports, 'vitest.json');
const unitStatus = run([bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);

console.log('\n== End-to-end specs (Playwright, Chromium)');
let e2eStatus = run([join(root, 'scripts', 'ensure-chromium.mjs')]);
const playwrightJson = join(reports, 'playwright.json');
if (e2eStatus === 0) {
	e2eStatus = run([bin('@playwright/test', 'cli.js'), 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
	const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
	passed += v.numPassedTests;
	failed += v.numFailedTests;
	skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}
if (existsSync(playwrightJson)) {
	const p = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats;
	passed += p.expected + p.flaky;
	failed += p.unexpected;
	skipped += p.skipped;
}
const ok = unitStatus === 0 && e2eStatus === 0;
// A runner that failed before reporting still fails the run.
if (!ok && failed === 0) failed = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
