/**
 * Who may talk to this server, decided once per request before any route runs (hooks.server.ts):
 * the Host it was addressed to (DNS rebinding), the Origin of a write (pages of other sites), and,
 * when a token is set, the bearer token or the session cookie the sign-in page sets. Deny by
 * default: the decision never depends on how a path is spelled, so `/%61pi/…`, `//api/…` or
 * `/api/../api/…` cannot route around it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** The environment variables this module reads, as adapter-node and the start script set them. */
export interface GuardEnv {
	HOST?: string;
	ORIGIN?: string;
	SOCKET_PATH?: string;
	CAUSEWAY_TOKEN?: string;
	CAUSEWAY_USERS?: string;
	CAUSEWAY_ALLOWED_HOSTS?: string;
}

/** The token that every request must carry when set (`Authorization: Bearer …` or the session cookie). */
export function accessToken(env: GuardEnv = process.env): string | undefined {
	return env.CAUSEWAY_TOKEN || undefined;
}

/** True for names and addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
	const h = host.replace(/^\[|\]$/g, '').toLowerCase();
	return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Why the server must not listen as configured, or null when it may. Beyond loopback, anyone who
 * can reach the port could read and replace the document: that needs CAUSEWAY_TOKEN. This is
 * checked by the server itself, so `node build` is held to it as much as `npm start`.
 */
export function listeningProblem(env: GuardEnv = process.env): string | null {
	if (env.SOCKET_PATH || accessToken(env) || env.CAUSEWAY_USERS) return null;
	const host = env.HOST || '0.0.0.0';
	if (isLoopback(host)) return null;
	return (
		`Causeway will not listen on ${host} without a token: anyone who can reach it could read and change the data.\n` +
		`Set CAUSEWAY_TOKEN=<a long random string> (the page then asks for it once; API clients send "Authorization: Bearer <token>"), ` +
		`or CAUSEWAY_USERS=<users file> with named users (npm run user -- add NAME), or use HOST=127.0.0.1.`
	);
}

/** The host part of a Host header or URL authority (no port, no brackets), lower-cased; null when malformed. */
export function hostName(authority: string): string | null {
	const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s/@]+)(?::(\d{1,5}))?$/i.exec(authority.trim());
	if (!m) return null;
	return m[1].replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
}

/**
 * The hosts this server answers to: loopback names, the listening address, the host of ORIGIN,
 * and CAUSEWAY_ALLOWED_HOSTS (comma-separated). Listening on every interface (0.0.0.0, ::), any
 * IP address is also accepted: DNS rebinding needs a name the attacker controls, and a page whose
 * origin is an IP address of this server is this server's own page.
 */
export function allowedHostNames(env: GuardEnv = process.env): Set<string> {
	const names = new Set(['localhost']);
	if (env.HOST) names.add(env.HOST.replace(/^\[|\]$/g, '').toLowerCase());
	if (env.ORIGIN) {
		try {
			names.add(new URL(env.ORIGIN).hostname.replace(/^\[|\]$/g, '').toLowerCase());
		} catch {
			/* adapter-node refuses a malformed ORIGIN before we get here */
		}
	}
	for (const name of (env.CAUSEWAY_ALLOWED_HOSTS ?? '').split(',')) {
		const h = hostName(name);
		if (h) names.add(h);
	}
	return names;
}

/** Whether a request addressed to `hostHeader` is meant for this server. */
export function hostAllowed(hostHeader: string | null, allowed: Set<string>): boolean {
	if (!hostHeader) return false;
	const name = hostName(hostHeader);
	if (!name) return false;
	return isLoopback(name) || allowed.has(name) || (isIP(name) !== 0 && (allowed.has('0.0.0.0') || allowed.has('::')));
}

/**
 * Whether a write may come from a page at `origin`. Absent (curl, scripts): yes; the token guards
 * those. Present: only the app's own origin, the one the request was addressed to or ORIGIN.
 * `null` (sandboxed frames, file: pages) is foreign.
 */
export function originAllowed(origin: string | null, hostHeader: string | null, env: GuardEnv = process.env): boolean {
	if (origin === null) return true;
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		return false;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
	if (env.ORIGIN && url.origin === new URL(env.ORIGIN).origin) return true;
	return hostHeader !== null && url.host === hostHeader.toLowerCase();
}

// ---- the session cookie ----

/** The cookie the sign-in page sets. */
export const SESSION_COOKIE = 'causeway_session';
/** How long a sign-in lasts. */
export const SESSION_DAYS = 30;

function sessionKey(token: string): Buffer {
	// Derived from the token, so changing CAUSEWAY_TOKEN signs everyone out, and the cookie never
	// holds the token itself.
	return createHmac('sha256', token).update('causeway session v1').digest();
}

function sign(token: string, expires: number): string {
	return createHmac('sha256', sessionKey(token)).update(String(expires)).digest('base64url');
}

function equal(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** A new session value for `token`, valid until `now` + SESSION_DAYS. */
export function newSession(token: string, now = Date.now()): string {
	const expires = Math.floor(now / 1000) + SESSION_DAYS * 86_400;
	return `${expires}.${sign(token, expires)}`;
}

/** Whether `value` is a session made with `token` that has not expired. */
export function sessionValid(value: string | undefined, token: string, now = Date.now()): boolean {
	const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
	if (!m) return false;
	const expires = Number(m[1]);
	return expires > now / 1000 && equal(m[2], sign(token, expires));
}

/** Whether `given` is the token itself (constant time). */
export function tokenMatches(given: string, token: string): boolean {
	return equal(given, token);
}

/** Whether the request carries `Authorization: Bearer <token>`. */
export function bearerMatches(authorization: string | null, token: string): boolean {
	const m = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
	return !!m && equal(m[1].trim(), token);
}

// A named user's session: `u.<name, base64url>.<expires>.<signature>`, signed with a key derived
// from the user's token hash (Users.sessionKey), so the cookie says who it is and cannot be forged.

function signUser(key: Buffer, name: string, expires: number): string {
	return createHmac('sha256', key).update(`${name}\n${expires}`).digest('base64url');
}

/** A new session value for the user `name` (`key`: their session key), valid until `now` + SESSION_DAYS. */
export function newUserSession(name: string, key: Buffer, now = Date.now()): string {
	const expires = Math.floor(now / 1000) + SESSION_DAYS * 86_400;
	return `u.${Buffer.from(name).toString('base64url')}.${expires}.${signUser(key, name, expires)}`;
}

/** The user a session value names, when it is theirs and has not expired; `keyOf` gives a user's session key (null: no such user). */
export function userOfSession(value: string | undefined, keyOf: (name: string) => Buffer | null, now = Date.now()): string | null {
	const m = /^u\.([A-Za-z0-9_-]{1,400})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
	if (!m) return null;
	const name = Buffer.from(m[1], 'base64url').toString();
	const expires = Number(m[2]);
	const key = keyOf(name);
	if (!key || expires <= now / 1000) return null;
	return equal(m[3], signUser(key, name, expires)) ? name : null;
}

/** The token in `Authorization: Bearer <token>`, if any. */
export function bearerToken(authorization: string | null): string | null {
	const m = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
	return m ? m[1].trim() : null;
}

/** The Set-Cookie value for a session; Secure when the app is served over https. */
export function sessionCookie(value: string, { secure }: { secure: boolean }): string {
	return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_DAYS * 86_400}${secure ? '; Secure' : ''}`;
}

/** The Set-Cookie value that signs out. */
export function clearedSessionCookie({ secure }: { secure: boolean }): string {
	return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The session cookie's value in a Cookie header, if any. */
export function sessionFromCookies(cookieHeader: string | null): string | undefined {
	for (const part of (cookieHeader ?? '').split(';')) {
		const [name, ...rest] = part.trim().split('=');
		if (name === SESSION_COOKIE) return rest.join('=');
	}
	return undefined;
}

/**
 * Failed sign-ins are limited per client address, so a token cannot be guessed by trying: at most
 * `limit` failures in `windowMs`, then every attempt is refused until the window has passed.
 */
export class SignInThrottle {
	readonly #failures = new Map<string, number[]>();
	constructor(
		readonly limit = 10,
		readonly windowMs = 60_000
	) {}

	#recent(client: string, now: number): number[] {
		const list = (this.#failures.get(client) ?? []).filter((t) => now - t < this.windowMs);
		if (list.length) this.#failures.set(client, list);
		else this.#failures.delete(client);
		return list;
	}

	/** Whether `client` may try now. */
	allowed(client: string, now = Date.now()): boolean {
		return this.#recent(client, now).length < this.limit;
	}

	failed(client: string, now = Date.now()): void {
		const list = this.#recent(client, now);
		list.push(now);
		this.#failures.set(client, list);
		// Bounded memory under a flood of addresses.
		if (this.#failures.size > 10_000) this.#failures.delete(this.#failures.keys().next().value!);
	}
}
