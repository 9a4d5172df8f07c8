/**
 * Starts the real built server (scripts/start.mjs → build/index.js) on a free port and a data file
 * of the test's choosing, for API specs that speak real HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface RunningServer {
	url: string;
	process: ChildProcess;
	output: () => string;
	/** Stops it politely (SIGTERM) and waits for it to exit. */
	stop(): Promise<void>;
	/** Kills it at once (SIGKILL), as a crash would. */
	kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => ok(port));
		});
		s.on('error', fail);
	});
}

function exited(child: ChildProcess): Promise<number | null> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
	return new Promise((ok) => child.once('exit', (code) => ok(code)));
}

/** Runs `node scripts/start.mjs` and resolves once it answers, or rejects with its output. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
	// A given PORT restarts a server where it was (pages open on it reconnect).
	const port = env.PORT ? Number(env.PORT) : await freePort();
	const child = spawn(process.execPath, [resolve('scripts/start.mjs')], {
		env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
		try {
			// With a token, every read needs it too.
			const headers: Record<string, string> = env.CAUSEWAY_TOKEN ? { authorization: `Bearer ${env.CAUSEWAY_TOKEN}` } : {};
			// 401: named users (CAUSEWAY_USERS) and no token given; it answers, so it is up.
			const { ok, status } = await fetch(`${url}/api/document`, { headers });
			if (ok || (status === 401 && env.CAUSEWAY_USERS)) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`the server did not answer within 60 s:\n${log}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		process: child,
		output: () => log,
		async stop() {
			child.kill('SIGTERM');
			await exited(child);
		},
		async kill() {
			child.kill('SIGKILL');
			await exited(child);
		}
	};
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export async function startRefused(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	// A given PORT restarts a server where it was (pages open on it reconnect).
	const port = env.PORT ? Number(env.PORT) : await freePort();
	const child = spawn(process.execPath, [resolve('scripts/start.mjs')], {
		env: { ...process.env, PORT: String(port), ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
	const code = await exited(child);
	clearTimeout(timer);
	return { code, output };
}
