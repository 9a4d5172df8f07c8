#!/usr/bin/env node
/**
 * `npm start`: builds the app when the build is missing or older than the sources (quietly: the
 * build's log is printed only when it fails), then serves it. The server's own entry
 * (scripts/server-entry.js, built as build/index.js) sets the defaults — HOST 127.0.0.1, PORT 3000 —
 * and the app refuses to listen beyond loopback without CAUSEWAY_TOKEN, however it is started.
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
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'scripts/server-entry.js'].map((p) => newest(join(root, p)));
if (!existsSync(built) || Math.max(...sources) > statSync(built).mtimeMs) {
	console.log('Building Causeway (the sources are newer than the build)…');
	const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (result.status !== 0) {
		process.stdout.write(result.stdout ?? '');
		process.stderr.write(result.stderr ?? '');
		console.error('The build failed; see above.');
		process.exit(result.status ?? 1);
	}
}

// The server says where it is once it listens.
await import(pathToFileURL(built).href);
