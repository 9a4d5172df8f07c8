import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUserSession, userOfSession } from './guard';
import { FAILURES_PER_MINUTE, newUser, parseUsersFile, Users, writeUsersFile } from './users';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'causeway-users-unit-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('users', () => {
	it("finds a user by their token, and by nothing else", async () => {
		const file = join(dir, 'users.json');
		const alice = newUser('Alice');
		const bob = newUser('Bob');
		await writeUsersFile(file, { users: [alice.record, bob.record] });
		const users = new Users(file);
		expect(await users.userOfToken(alice.token)).toBe('Alice');
		expect(await users.userOfToken(alice.token)).toBe('Alice');
		expect(await users.userOfToken(bob.token)).toBe('Bob');
		// Bob's key with Alice's secret, a changed letter, garbage: nobody.
		expect(await users.userOfToken(`${bob.token.split('.')[0]}.${alice.token.split('.')[1]}`)).toBeNull();
		expect(await users.userOfToken(alice.token.slice(0, -1) + (alice.token.endsWith('A') ? 'B' : 'A'))).toBeNull();
		expect(await users.userOfToken('nope')).toBeNull();
	});

	it('stops checking secrets for a key after a minute’s worth of wrong ones, and remembers good tokens meanwhile', async () => {
		const file = join(dir, 'throttle.json');
		const alice = newUser('Alice');
		const bob = newUser('Bob');
		await writeUsersFile(file, { users: [alice.record, bob.record] });
		let now = 1_000_000;
		const [key] = bob.token.split('.');
		const wrong = (i: number) => `${key}.${String(i).padStart(43, 'x')}`;
		// Bob's tab checked his token before the guesses: it goes on working from memory.
		const users = new Users(file, { now: () => now });
		expect(await users.userOfToken(bob.token)).toBe('Bob');
		for (let i = 0; i < FAILURES_PER_MINUTE; i++) expect(await users.userOfToken(wrong(i))).toBeNull();
		expect(await users.userOfToken(bob.token)).toBe('Bob');
		// A server that has not seen Bob's token yet does not check it (no scrypt) until the minute is
		// out, like any other guess with his key; other users are not held up.
		const fresh = new Users(file, { now: () => now });
		for (let i = 0; i < FAILURES_PER_MINUTE; i++) expect(await fresh.userOfToken(wrong(i))).toBeNull();
		expect(await fresh.userOfToken(bob.token)).toBeNull();
		expect(await fresh.userOfToken(alice.token)).toBe('Alice');
		now += 60_000;
		expect(await fresh.userOfToken(bob.token)).toBe('Bob');
	});

	it("signs a user's session so that it names them and nobody else, until they are removed", async () => {
		const file = join(dir, 'sessions.json');
		const alice = newUser('Alice');
		await writeUsersFile(file, { users: [alice.record] });
		const users = new Users(file);
		const session = newUserSession('Alice', users.sessionKey('Alice')!);
		expect(userOfSession(session, (n) => users.sessionKey(n))).toBe('Alice');
		const forged = session.replace(/^u\.[^.]+/, `u.${Buffer.from('Bob').toString('base64url')}`);
		expect(userOfSession(forged, (n) => users.sessionKey(n))).toBeNull();
		expect(userOfSession(session, (n) => users.sessionKey(n), Date.now() + 31 * 86_400_000)).toBeNull();
		await new Promise((r) => setTimeout(r, 20));
		await writeUsersFile(file, { users: [] });
		expect(userOfSession(session, (n) => users.sessionKey(n))).toBeNull();
		expect(await users.userOfToken(alice.token)).toBeNull();
	});

	it('refuses a users file that is not names and hashes', () => {
		expect(() => parseUsersFile('{', 'u.json')).toThrow(/not valid JSON/);
		expect(() => parseUsersFile('[]', 'u.json')).toThrow(/must be/);
		expect(() => parseUsersFile('{"users":[{"name":"../x","key":"k","salt":"s","hash":"h"}]}', 'u.json')).toThrow(/users\[0\]/);
	});
});
