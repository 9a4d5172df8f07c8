#!/usr/bin/env node
/**
 * `npm start`: builds the app when the build is missing or older than the sources, then serves it
 * with adapter-node. Defaults: HOST 127.0.0.1, PORT 3000, data in data/causeway.json (created from
 * the bundled dataset on first start). Listening beyond loopback requires CAUSEWAY_TOKEN.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;

// Paths the user gave are relative to where they stand, not to the project.
for (const key of ['CAUSEWAY_DATA', 'CAUSEWAY_SEED']) if (env[key]) env[key] = resolve(env[key]);
process.chdir(root);

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = join(root, 'build', 'index.js');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => newest(join(root, p)));
if (!existsSync(built) || Math.max(...sources) > statSync(built).mtimeMs) {
	console.log('Building Causeway (the sources are newer than the build)…');
	const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('The build failed; see above.');
		process.exit(result.status ?? 1);
	}
}

env.HOST ||= '127.0.0.1';
env.PORT ||= '3000';
const loopback = env.HOST === 'localhost' || env.HOST === '::1' || /^127\./.test(env.HOST);
if (!loopback && !env.CAUSEWAY_TOKEN) {
	console.error(
		`Causeway will not listen on ${env.HOST} without a token: anyone who can reach it could change the data.\n` +
			`Set CAUSEWAY_TOKEN=<a long random string> (writes then need "Authorization: Bearer <token>"), or use HOST=127.0.0.1.`
	);
	process.exit(1);
}
const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
// adapter-node assumes https unless ORIGIN is set (STACK.md §5).
env.ORIGIN ||= `http://${host}:${env.PORT}`;
// Each API route enforces its own body limit with a JSON error (1 MB for edits; imports more).
env.BODY_SIZE_LIMIT ||= 'Infinity';

await import(pathToFileURL(built).href);
console.log(`Causeway is at ${env.ORIGIN}`);
