/**
 * Named users (CAUSEWAY_USERS): a JSON file of names and hashes of their tokens, never the tokens.
 * A token is `<key>.<secret>`: the key finds the user (so checking a token costs one scrypt, not
 * one per user), the secret is checked against its scrypt hash in constant time. The file is read
 * again when it changes, so `npm run user -- remove NAME` takes effect on a running server.
 */
import { createHmac, randomBytes, scrypt as scryptCallback, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { writeDurably } from './durable-file';

export interface UserRecord {
	name: string;
	/** Finds the user from a token; not secret. */
	key: string;
	/** scrypt salt and hash of the token's secret, base64. */
	salt: string;
	hash: string;
	created: string;
}

export interface UsersFileContent {
	users: UserRecord[];
}

const SCRYPT: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HASH_BYTES = 32;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,63}$/u;
const TOKEN = /^([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

/** A user name: 1–64 letters, digits, spaces and . _ ' -, starting with a letter or digit. */
export function validUserName(name: string): boolean {
	return NAME.test(name) && name.trim() === name;
}

function scrypt(secret: string, salt: Buffer): Promise<Buffer> {
	return new Promise((ok, fail) => scryptCallback(secret, salt, HASH_BYTES, SCRYPT, (err, key) => (err ? fail(err) : ok(key))));
}

/** A new user record and its token (shown once, never stored). */
export function newUser(name: string, now = new Date()): { record: UserRecord; token: string } {
	const key = randomBytes(8).toString('hex');
	const secret = randomBytes(32).toString('base64url');
	const salt = randomBytes(16);
	const hash = scryptSync(secret, salt, HASH_BYTES, SCRYPT);
	return { record: { name, key, salt: salt.toString('base64'), hash: hash.toString('base64'), created: now.toISOString() }, token: `${key}.${secret}` };
}

/** The users file's content, checked; throws with a message saying what is wrong. */
export function parseUsersFile(text: string, file: string): UsersFileContent {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (err) {
		throw new Error(`the users file ${file} is not valid JSON: ${(err as Error).message}`);
	}
	const users = (data as { users?: unknown } | null)?.users;
	if (!Array.isArray(users)) throw new Error(`the users file ${file} must be {"users": [...]}`);
	for (const [i, u] of users.entries()) {
		const r = u as Partial<UserRecord> | null;
		if (!r || typeof r.name !== 'string' || !validUserName(r.name) || typeof r.key !== 'string' || typeof r.salt !== 'string' || typeof r.hash !== 'string') {
			throw new Error(`the users file ${file}: users[${i}] needs a name, key, salt and hash (made by "npm run user -- add NAME")`);
		}
	}
	return { users: users as UserRecord[] };
}

/** Reads the users file; a missing file has no users. */
export function readUsersFile(file: string): UsersFileContent {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { users: [] };
		throw new Error(`the users file ${file} cannot be read: ${(err as Error).message}`);
	}
	return parseUsersFile(text, file);
}

/** Writes the users file durably (private to its owner: it holds the hashes). */
export async function writeUsersFile(file: string, content: UsersFileContent): Promise<void> {
	await writeDurably(file, JSON.stringify(content, null, '\t') + '\n');
	await chmod(file, 0o600);
}

/**
 * Wrong secrets tried with one user's key within a minute before the key's checks stop: each costs
 * a scrypt (tens of milliseconds of a core), so a flood of guesses with a key someone has seen
 * would take the server's CPU. Tokens already checked are still accepted from memory meanwhile.
 */
export const FAILURES_PER_MINUTE = 20;
const MINUTE = 60_000;

/** The users of a running server: the file, read again when it changes, and tokens checked once each. */
export class Users {
	#stamp = '';
	/** Per key: wrong secrets since `since`. */
	#failures = new Map<string, { since: number; count: number }>();
	readonly #now: () => number;
	#byKey = new Map<string, UserRecord>();
	#byName = new Map<string, UserRecord>();
	/** Tokens already checked, by their HMAC (never the token itself), to the user's name. */
	#checked = new Map<string, string>();

	constructor(
		readonly file: string,
		options: { now?: () => number } = {}
	) {
		this.#now = options.now ?? Date.now;
		this.#refresh();
	}

	#refresh(): void {
		let stamp: string;
		try {
			const s = statSync(this.file);
			stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
		} catch {
			stamp = 'absent';
		}
		if (stamp === this.#stamp) return;
		let content: UsersFileContent;
		try {
			content = readUsersFile(this.file);
		} catch (err) {
			// Broken while the server runs: nobody may write until it is fixed (closed, not open).
			console.error(`Causeway: ${(err as Error).message}; no user is accepted until it is fixed.`);
			content = { users: [] };
		}
		this.#stamp = stamp;
		this.#byKey = new Map(content.users.map((u) => [u.key, u]));
		this.#byName = new Map(content.users.map((u) => [u.name, u]));
		this.#checked.clear();
	}

	/** How many users there are now. */
	get size(): number {
		this.#refresh();
		return this.#byKey.size;
	}

	/** The name of the user whose token this is, or null. */
	async userOfToken(token: string): Promise<string | null> {
		this.#refresh();
		const m = TOKEN.exec(token);
		if (!m) return null;
		const user = this.#byKey.get(m[1]);
		if (!user) return null;
		const memo = createHmac('sha256', user.hash).update(token).digest('base64url');
		const known = this.#checked.get(memo);
		if (known === user.name) return known;
		const now = this.#now();
		let failures = this.#failures.get(user.key);
		if (failures && now - failures.since >= MINUTE) {
			this.#failures.delete(user.key);
			failures = undefined;
		}
		if (failures && failures.count >= FAILURES_PER_MINUTE) return null;
		const hash = await scrypt(m[2], Buffer.from(user.salt, 'base64'));
		const expected = Buffer.from(user.hash, 'base64');
		if (hash.length !== expected.length || !timingSafeEqual(hash, expected)) {
			if (failures) failures.count++;
			else {
				if (this.#failures.size > 10_000) this.#failures.clear();
				this.#failures.set(user.key, { since: now, count: 1 });
			}
			return null;
		}
		// Re-read meanwhile (a removal): answer from the file as it is now.
		if (this.#byKey.get(m[1]) !== user) return null;
		if (this.#checked.size > 10_000) this.#checked.clear();
		this.#checked.set(memo, user.name);
		return user.name;
	}

	/** The user's session key: derived from their hash, so a new token or a removal ends their sessions. */
	sessionKey(name: string): Buffer | null {
		this.#refresh();
		const user = this.#byName.get(name);
		return user ? createHmac('sha256', Buffer.from(user.hash, 'base64')).update('causeway user session v1').digest() : null;
	}
}
