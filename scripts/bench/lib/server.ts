/**
 * Starting the real Causeway server (adapter-node build) for a benchmark, on a free loopback port
 * and a data file of our own, and stopping it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { onCleanup } from './cleanup';

export interface ServerOptions {
	/** The project root (where package.json is). */
	root: string;
	/** The data file (CAUSEWAY_DATA). */
	dataFile: string;
	/**
	 * true: start through scripts/start.mjs, which builds first when the build is older than the
	 * sources (as `npm start` does). false: serve build/ as it is, with the same environment.
	 */
	build: boolean;
	/** Extra Node.js flags for the server process (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
	nodeArgs?: string[];
	/** Lines of server output, for progress. */
	log?: (line: string) => void;
	/** More environment for the server (e.g. CAUSEWAY_DATABASE_URL). */
	env?: Record<string, string>;
}

export interface RunningServer {
	url: string;
	port: number;
	pid: number;
	/** Everything the server printed so far. */
	output(): string;
	/** SIGTERM, then SIGKILL after a grace period; resolves with the exit code (or signal). */
	stop(): Promise<string>;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
		});
	});
}

function newest(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Whether build/ is missing or older than the sources (the same test scripts/start.mjs makes). */
export function buildState(root: string): 'missing' | 'stale' | 'fresh' {
	const built = join(root, 'build', 'index.js');
	if (!existsSync(built)) return 'missing';
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => newest(join(root, p)));
	return Math.max(...sources) > statSync(built).mtimeMs ? 'stale' : 'fresh';
}

/** Starts the server and resolves once it prints "Causeway is at …"; rejects if it exits or hangs. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const { root, dataFile, build } = options;
	const port = await freePort();
	const state = buildState(root);
	if (!build && state === 'missing') throw new Error('there is no build/ to serve: run `npm run build`, or drop --no-build');

	const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), CAUSEWAY_DATA: dataFile, NODE_ENV: 'production', ...options.env };
	// Loopback needs no token; a token or origin from the caller's shell would only get in the way.
	delete env.CAUSEWAY_TOKEN;
	delete env.ORIGIN;
	let entry: string;
	if (build) {
		entry = join(root, 'scripts', 'start.mjs');
	} else {
		// What scripts/start.mjs sets before it imports the build.
		entry = join(root, 'build', 'index.js');
		env.ORIGIN = `http://127.0.0.1:${port}`;
		env.BODY_SIZE_LIMIT ||= 'Infinity';
	}
	// Building on 2 cores takes a while; serving alone should take seconds.
	const timeoutMs = build && state !== 'fresh' ? 300_000 : 60_000;

	const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	let exited: string | null = null;
	const exit = new Promise<string>((resolve) => {
		child.once('exit', (code, signal) => resolve((exited = signal ?? `exit code ${code}`)));
	});

	const stop = async (): Promise<string> => {
		if (exited !== null) return exited;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		const how = await exit;
		clearTimeout(timer);
		return how;
	};
	const cleanup = onCleanup('stop the server', async () => void (await stop()), () => {
		if (exited === null) child.kill('SIGKILL');
	});

	const onData = (chunk: Buffer) => {
		const text = chunk.toString();
		output += text;
		for (const line of text.split('\n')) if (line.trim()) options.log?.(line);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);

	const listening = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`the server did not listen within ${timeoutMs / 1000} s`)), timeoutMs);
		const check = () => {
			const m = /Causeway is at https?:\/\/[^\s]*:(\d+)/.exec(output);
			if (m) {
				clearTimeout(timer);
				resolve(Number(m[1]));
			}
		};
		child.stdout!.on('data', check);
		void exit.then((how) => {
			clearTimeout(timer);
			reject(new Error(`the server stopped before it listened (${how})`));
		});
	}).catch(async (err: Error) => {
		await cleanup();
		const tail = output.trim().split('\n').slice(-15).join('\n');
		throw new Error(`${err.message}${tail ? `; it printed:\n${tail}` : ''}`);
	});
	if (listening !== port) {
		await cleanup();
		throw new Error(`the server listens on port ${listening}, not the ${port} it was given`);
	}

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		pid: child.pid!,
		output: () => output,
		stop: async () => {
			const how = exited ?? (await stop());
			await cleanup();
			return how;
		}
	};
}
