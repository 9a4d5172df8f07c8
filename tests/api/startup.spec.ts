/**
 * How the server starts, whichever way it is started: `node build` is held to the same rules as
 * `npm start` (loopback without a token, the API's own body limits), one writer per real file
 * (a symlink does not get around the lock), temp files left by killed writes are cleared, and a
 * data folder the server cannot write to is said plainly.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let file: string;
const running: RunningServer[] = [];
const children: ReturnType<typeof spawn>[] = [];

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-startup-'));
	file = join(dir, 'causeway.json');
});
afterEach(async () => {
	for (const s of running.splice(0)) await s.kill();
	for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
	await rm(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
	return new Promise((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => ok(port));
		});
	});
}

/** `node build` as adapter-node documents it, with only the given variables (no HOST unless given). */
function nodeBuild(env: Record<string, string>, options: SpawnOptions = {}) {
	const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['HOST', 'ORIGIN', 'BODY_SIZE_LIMIT', 'CAUSEWAY_TOKEN', 'PORT'].includes(k)));
	const child = spawn(process.execPath, [resolve('build')], { env: { ...base, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...options });
	children.push(child);
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
	return { child, output: () => output, exited };
}

async function waitFor(check: () => Promise<boolean>, ms = 30_000) {
	const deadline = Date.now() + ms;
	while (!(await check().catch(() => false))) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 100));
	}
}

describe('node build', () => {
	it('listens on loopback by default, and its body limits are the API\'s own (a 600 KB import is not cut off)', async () => {
		const port = await freePort();
		const server = nodeBuild({ PORT: String(port), CAUSEWAY_DATA: file });
		const url = `http://127.0.0.1:${port}`;
		await waitFor(async () => (await fetch(`${url}/api/document`)).ok);
		// One line, saying where it is and where its data is.
		expect(server.output().trim()).toBe(`Causeway is at http://127.0.0.1:${port} (data: ${file}, revision 1)`);
		const doc = await (await fetch(`${url}/api/document`)).json();
		// Well over adapter-node's 512 KB default: 40 descriptions of 15,000 characters each.
		for (const event of doc.events.slice(0, 40)) event.description = 'x'.repeat(15_000);
		const body = JSON.stringify(doc);
		expect(body.length).toBeGreaterThan(600 * 1024);
		const res = await fetch(`${url}/api/import?mode=merge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		expect(res.status).toBe(200);
		const after = await (await fetch(`${url}/api/document`)).json();
		expect(after.events[0].description).toHaveLength(15_000);
		server.child.kill('SIGTERM');
		await server.exited;
	});

	it('will not listen on every interface without a token, and says why', async () => {
		const server = nodeBuild({ PORT: String(await freePort()), CAUSEWAY_DATA: file, HOST: '0.0.0.0' });
		expect(await server.exited).toBe(1);
		expect(server.output()).toMatch(/will not listen on 0\.0\.0\.0 without a token/);
		expect(server.output()).not.toMatch(/Causeway is at/);
	});
});

describe('the data file', () => {
	it('a symlink to a file another server holds meets the same lock', async () => {
		running.push(await startServer({ CAUSEWAY_DATA: file }));
		const link = join(dir, 'alias.json');
		await symlink(file, link);
		const second = nodeBuild({ PORT: String(await freePort()), CAUSEWAY_DATA: link });
		expect(await second.exited).toBe(1);
		expect(second.output()).toMatch(/in use by another Causeway server/);
	});

	it('temp files left by killed writes are removed at start, and nothing else', async () => {
		await mkdir(dir, { recursive: true });
		const stale = ['.causeway.json.4242.a1b2c3d4e5f6.tmp', '.causeway.json.77.000000000000.tmp'];
		for (const name of stale) await writeFile(join(dir, name), '{"half": ');
		await writeFile(join(dir, 'notes.txt'), 'mine');
		await writeFile(join(dir, '.other.json.1.aaaaaaaaaaaa.tmp'), 'not ours');
		running.push(await startServer({ CAUSEWAY_DATA: file }));
		const left = await readdir(dir);
		for (const name of stale) expect(left).not.toContain(name);
		expect(left).toEqual(expect.arrayContaining(['notes.txt', '.other.json.1.aaaaaaaaaaaa.tmp', 'causeway.json']));
	});

	it('a folder the server cannot write to is said plainly, without a stack trace', async () => {
		const locked = join(dir, 'locked');
		await mkdir(locked);
		await chmod(dir, 0o755);
		// Root writes anywhere: the server then runs as nobody, for whom the folder is read-only.
		const asRoot = process.getuid?.() === 0;
		await chmod(locked, asRoot ? 0o755 : 0o555);
		const server = nodeBuild({ PORT: String(await freePort()), CAUSEWAY_DATA: join(locked, 'causeway.json') }, asRoot ? { uid: 65534, gid: 65534 } : {});
		expect(await server.exited).toBe(1);
		expect(server.output()).toMatch(/Causeway cannot start: cannot use the data file .*locked\/causeway\.json: this user may not write there \(EACCES\)\. Make .*locked writable/);
		expect(server.output()).not.toMatch(/\n\s+at /);
		await chmod(locked, 0o755);
	});
});
