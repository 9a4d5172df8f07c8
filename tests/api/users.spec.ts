/**
 * Named users over real HTTP (issue 15, "who changed what"): tokens made by `npm run user`, every
 * write someone's, and each committed change carrying its author and time.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

const run = promisify(execFile);
let dir: string;
let usersFile: string;
let server: RunningServer;
let alice: string;
let bob: string;

/** Runs `npm run user -- …` as a person would, and gives back what it printed. */
async function userCli(...args: string[]): Promise<string> {
	const { stdout } = await run(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), '--tsconfig', 'scripts/cli/tsconfig.paths.json', 'scripts/cli/user.ts', ...args], {
		env: { ...process.env, CAUSEWAY_USERS: usersFile }
	});
	return stdout;
}
const tokenIn = (printed: string) => /^([0-9a-f]{16}\.[A-Za-z0-9_-]{43})$/m.exec(printed)![1];

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-users-'));
	usersFile = join(dir, 'users.json');
	alice = tokenIn(await userCli('add', 'Alice'));
	bob = tokenIn(await userCli('add', 'Bob'));
	server = await startServer({ CAUSEWAY_DATA: join(dir, 'causeway.json'), CAUSEWAY_USERS: usersFile });
}, 60_000);
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

const json = { 'content-type': 'application/json' };
const event = (title: string) => JSON.stringify({ title, start: '2025-01', kind: 'other' });
const as = (token: string) => ({ authorization: `Bearer ${token}` });

describe('named users', () => {
	it('keeps only hashes in the users file, readable by its owner alone', async () => {
		const text = await readFile(usersFile, 'utf8');
		expect(text).toContain('"Alice"');
		expect(text).not.toContain(alice.split('.')[1]);
		expect((await stat(usersFile)).mode & 0o077).toBe(0);
		expect(await userCli('list')).toMatch(/Alice[\s\S]*Bob/);
	});

	it('refuses a write without a token, or with a wrong one, and writes nothing', async () => {
		const before = await readFile(join(dir, 'causeway.json'));
		for (const headers of [json, { ...json, authorization: 'Bearer nope' }, { ...json, ...as(alice.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))) }]) {
			const res = await fetch(`${server.url}/api/events`, { method: 'POST', headers, body: event('Anonymous') });
			expect(res.status).toBe(401);
			expect((await res.json()).error.code).toBe('unauthorized');
		}
		expect((await readFile(join(dir, 'causeway.json'))).equals(before)).toBe(true);
	});

	it("records the author and time of each change: Alice's token makes Alice's change, on the change stream", async () => {
		const { revision } = await (await fetch(`${server.url}/api/document`, { headers: as(bob) })).json();
		const res = await fetch(`${server.url}/api/events`, { method: 'POST', headers: { ...json, ...as(alice) }, body: event('By Alice') });
		expect(res.status).toBe(201);
		const batch = await fetch(`${server.url}/api/changes`, { method: 'POST', headers: { ...json, ...as(bob) }, body: JSON.stringify({ ops: [{ op: 'create', collection: 'events', value: JSON.parse(event('By Bob')) }] }) });
		const committed = await batch.json();
		expect(committed).toMatchObject({ author: 'Bob', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
		const controller = new AbortController();
		const stream = await fetch(`${server.url}/api/changes/stream?since=${revision}`, { headers: as(alice), signal: controller.signal });
		const reader = stream.body!.getReader();
		let text = '';
		while (!text.includes('By Bob')) text += new TextDecoder().decode((await reader.read()).value);
		controller.abort();
		const changes = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1])).filter((c) => c.change);
		expect(changes.map((c) => [c.author, c.change.events.added[0].title])).toEqual([
			['Alice', 'By Alice'],
			['Bob', 'By Bob']
		]);
		for (const c of changes) expect(Date.parse(c.at)).not.toBeNaN();
	});

	it('signs a user in with their token; the session names them, and their writes are theirs', async () => {
		const signin = await fetch(`${server.url}/api/session`, { method: 'POST', headers: json, body: JSON.stringify({ token: bob }) });
		expect(await signin.json()).toMatchObject({ signedIn: true, user: 'Bob' });
		const cookie = signin.headers.get('set-cookie')!.split(';')[0];
		expect((await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()).user).toBe('Bob');
		const committed = await fetch(`${server.url}/api/changes`, { method: 'POST', headers: { ...json, cookie }, body: JSON.stringify({ ops: [{ op: 'create', collection: 'events', value: JSON.parse(event('Signed-in Bob')) }] }) });
		expect(await committed.json()).toMatchObject({ author: 'Bob' });
		// A forged session (another name under Bob's signature) is nobody's.
		const forged = cookie.replace(/u\.[^.]+\./, `u.${Buffer.from('Alice').toString('base64url')}.`);
		expect((await fetch(`${server.url}/api/events`, { method: 'POST', headers: { ...json, cookie: forged }, body: event('Forged') })).status).toBe(401);
	});

	it('the shared CAUSEWAY_TOKEN may read but not write when users are configured', async () => {
		const shared = await startServer({ CAUSEWAY_DATA: join(dir, 'shared.json'), CAUSEWAY_USERS: usersFile, CAUSEWAY_TOKEN: 'shared-token-0123456789' });
		try {
			const headers = { ...json, authorization: 'Bearer shared-token-0123456789' };
			expect((await fetch(`${shared.url}/api/document`, { headers })).status).toBe(200);
			expect((await fetch(`${shared.url}/api/events`, { method: 'POST', headers, body: event('Shared') })).status).toBe(401);
			expect((await fetch(`${shared.url}/api/events`, { method: 'POST', headers: { ...json, ...as(bob) }, body: event('Bob') })).status).toBe(201);
		} finally {
			await shared.stop();
		}
	});

	it("a removed user's token and session stop working at once; a new user's token works", async () => {
		const signin = await fetch(`${server.url}/api/session`, { method: 'POST', headers: json, body: JSON.stringify({ token: bob }) });
		const cookie = signin.headers.get('set-cookie')!.split(';')[0];
		expect(await userCli('remove', 'Bob')).toContain('Removed Bob');
		expect((await fetch(`${server.url}/api/events`, { method: 'POST', headers: { ...json, ...as(bob) }, body: event('Too late') })).status).toBe(401);
		expect((await fetch(`${server.url}/api/events`, { method: 'POST', headers: { ...json, cookie }, body: event('Too late') })).status).toBe(401);
		const carol = tokenIn(await userCli('add', 'Carol'));
		const res = await fetch(`${server.url}/api/events`, { method: 'POST', headers: { ...json, ...as(carol) }, body: event('By Carol') });
		expect(res.status).toBe(201);
	});

	it('stops checking a key flooded with wrong secrets (no scrypt each time), without holding up anyone else', async () => {
		const eve = tokenIn(await userCli('add', 'Eve'));
		const [key] = eve.split('.');
		for (let i = 0; i < 20; i++) {
			const res = await fetch(`${server.url}/api/document`, { headers: as(`${key}.${String(i).padStart(43, 'x')}`) });
			expect(res.status).toBe(401);
		}
		// Eve's own token, not seen before: refused like a guess until the minute is out.
		expect((await fetch(`${server.url}/api/document`, { headers: as(eve) })).status).toBe(401);
		expect((await fetch(`${server.url}/api/document`, { headers: as(alice) })).status).toBe(200);
	});
});
