import { json } from '@sveltejs/kit';
import { accessToken, clearedSessionCookie, newSession, newUserSession, sessionCookie, SignInThrottle, tokenMatches } from '$lib/server/guard';
import { serverUsers } from '$lib/server/users-instance';
import { answer, HttpError, readBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const throttle = new SignInThrottle();
const secure = () => (process.env.ORIGIN ?? '').startsWith('https:');

/** Where to go after signing in: a path on this site, never another site (`//evil`, `/\evil`). */
function localPath(next: string | null): string {
	return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

function backToForm(error: string, next: string): Response {
	return new Response(null, { status: 303, headers: { location: `/signin?error=${error}&next=${encodeURIComponent(next)}` } });
}

/**
 * Sign in with the access token, once: the sign-in page's form (form-encoded, answered with a
 * redirect) or a script (`{"token"}` as JSON). The session is an HttpOnly, SameSite=Strict cookie.
 */
export const POST: RequestHandler = ({ request, getClientAddress }) =>
	answer(async () => {
		const { type, bytes } = await readBody(request, { limit: 4096, types: [FORM, JSON_TYPE] });
		const text = new TextDecoder().decode(bytes);
		let given = '';
		let next = '/';
		if (type === FORM) {
			const form = new URLSearchParams(text);
			given = form.get('token') ?? '';
			next = localPath(form.get('next'));
		} else {
			let body: unknown;
			try {
				body = JSON.parse(text);
			} catch {
				throw new HttpError(400, 'invalid_json', 'send {"token": "<CAUSEWAY_TOKEN>"}');
			}
			const token = (body as { token?: unknown } | null)?.token;
			if (typeof token !== 'string') throw new HttpError(400, 'invalid', 'send {"token": "<CAUSEWAY_TOKEN>"}', [{ path: 'token', message: 'expected a string' }]);
			given = token;
		}
		const token = accessToken();
		const users = serverUsers();
		if (!token && !users) return type === FORM ? new Response(null, { status: 303, headers: { location: next } }) : json({ signedIn: true, tokenRequired: false });
		const client = getClientAddress();
		if (!throttle.allowed(client)) {
			if (type === FORM) return backToForm('throttled', next);
			throw new HttpError(429, 'too_many_attempts', 'too many wrong tokens from this address; wait a minute and try again');
		}
		// A user's token signs that user in; the shared token (CAUSEWAY_TOKEN) signs in without a name.
		const user = users ? await users.userOfToken(given.trim()) : null;
		const key = user ? users!.sessionKey(user) : null;
		let session: string;
		if (user && key) session = newUserSession(user, key);
		else if (token && tokenMatches(given.trim(), token)) session = newSession(token);
		else {
			throttle.failed(client);
			if (type === FORM) return backToForm('wrong', next);
			throw new HttpError(401, 'unauthorized', users ? 'that is not a user token of this server' : 'that is not this server\'s access token');
		}
		const cookie = sessionCookie(session, { secure: secure() });
		if (type === FORM) return new Response(null, { status: 303, headers: { location: next, 'set-cookie': cookie } });
		return json({ signedIn: true, tokenRequired: true, user }, { headers: { 'set-cookie': cookie } });
	});

/** Who is signed in: `{user}` (null when nobody, or with the shared token). */
export const GET: RequestHandler = ({ locals }) => json({ user: locals.user ?? null }, { headers: { 'cache-control': 'no-store' } });

/** Sign out: the session cookie is cleared. */
export const DELETE: RequestHandler = () => json({ signedIn: false }, { headers: { 'set-cookie': clearedSessionCookie({ secure: secure() }) } });
