import type { Handle, ServerInit } from '@sveltejs/kit';
import { DataFileError } from '$lib/server/durable-file';
import { usersFile } from '$lib/server/config';
import { accessToken, allowedHostNames, bearerMatches, bearerToken, hostAllowed, listeningProblem, originAllowed, sessionFromCookies, sessionValid, userOfSession } from '$lib/server/guard';
import { apiErrorResponse, errorResponse, HttpError } from '$lib/server/http';
import { openStore } from '$lib/server/instance';
import { LockedError } from '$lib/server/lock';
import { readUsersFile } from '$lib/server/users';
import { serverUsers } from '$lib/server/users-instance';

export const init: ServerInit = async () => {
	// adapter-node reads HOST after this runs and defaults to every interface: whichever way the
	// server was started (`npm start`, `node build`), it listens on loopback unless told otherwise.
	process.env.HOST ||= '127.0.0.1';
	const problem = listeningProblem();
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
	const users = usersFile();
	if (users) {
		try {
			if (readUsersFile(users).users.length === 0) console.warn(`Causeway: the users file ${users} has no users yet; add one with "npm run user -- add NAME".`);
		} catch (err) {
			console.error(`Causeway cannot start: ${(err as Error).message}`);
			process.exit(1);
		}
	}
	try {
		const store = await openStore();
		// Said in the server's one line when it listens (scripts/server-entry.js).
		(globalThis as Record<symbol, unknown>)[Symbol.for('causeway.store')] = { file: store.file, revision: store.document.revision };
	} catch (err) {
		if (err instanceof LockedError || err instanceof DataFileError) {
			console.error(`Causeway cannot start: ${err.message}`);
			process.exit(1);
		}
		throw err;
	}
};

const SAFE_METHODS = new Set(['GET', 'HEAD']);
/** What a visitor without a session may reach when a token is set: the sign-in page and its form. */
const PUBLIC_PATHS = new Set(['/signin', '/api/session']);
const allowedHosts = allowedHostNames();

/** The path as the router will see it (decoded), or null when it cannot be decoded. */
function routedPath(pathname: string): string | null {
	try {
		return decodeURI(pathname);
	} catch {
		return null;
	}
}

function refuse(status: number, code: string, message: string): Response {
	return errorResponse(new HttpError(status, code, message));
}

function signedIn(request: Request, token: string): boolean {
	return bearerMatches(request.headers.get('authorization'), token) || sessionValid(sessionFromCookies(request.headers.get('cookie')), token);
}

/** The named user a request comes from: their token as a Bearer, or their session. */
async function userOf(request: Request): Promise<string | null> {
	const users = serverUsers();
	if (!users) return null;
	const bearer = bearerToken(request.headers.get('authorization'));
	if (bearer) return users.userOfToken(bearer);
	return userOfSession(sessionFromCookies(request.headers.get('cookie')), (name) => users.sessionKey(name));
}

/**
 * Every request, before any route: the Host it was sent to, the Origin of a write, and the token
 * when one is set; with named users (CAUSEWAY_USERS), who it is from (`locals.user`, which every
 * commit records), and no write without one. Protection never depends on the path except for the
 * two public entries, which are compared after decoding, the way the router compares them.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const { request } = event;
	const host = request.headers.get('host');
	if (!hostAllowed(host, allowedHosts)) {
		return refuse(
			421,
			'unknown_host',
			`this server does not answer to the host "${host ?? ''}"; if it should, add it to CAUSEWAY_ALLOWED_HOSTS`
		);
	}
	if (!SAFE_METHODS.has(request.method) && !originAllowed(request.headers.get('origin'), host)) {
		return refuse(403, 'foreign_origin', `writes from pages at ${request.headers.get('origin')} are not accepted`);
	}
	const path = routedPath(event.url.pathname);
	if (path === null) return refuse(400, 'invalid_path', 'the path is not valid percent-encoded UTF-8');
	const token = accessToken();
	const withUsers = serverUsers() !== null;
	const user = withUsers ? await userOf(request) : null;
	if (user) event.locals.user = user;
	// With named users, every write is someone's; the shared token (if any) still lets its holder read.
	const reader = withUsers ? user !== null || (!!token && signedIn(request, token)) : !token || signedIn(request, token);
	if (!PUBLIC_PATHS.has(path) && withUsers && reader && !user && !SAFE_METHODS.has(request.method)) {
		return refuse(401, 'unauthorized', 'this server records who changes what: a change needs your user token ("Authorization: Bearer <token>", or sign in at /signin with it)');
	}
	if (!PUBLIC_PATHS.has(path) && !reader) {
		if (SAFE_METHODS.has(request.method) && !path.startsWith('/api/') && path !== '/api') {
			const next = event.url.pathname + event.url.search;
			return new Response(null, { status: 303, headers: { location: `/signin?next=${encodeURIComponent(next)}`, 'cache-control': 'no-store' } });
		}
		const what = withUsers ? 'a user token' : 'its access token';
		return refuse(401, 'unauthorized', `this server needs ${what}: send "Authorization: Bearer <token>", or sign in at /signin`);
	}
	const response = await resolve(event);
	const answered = path.startsWith('/api/') || path === '/api' ? await apiErrorResponse(response, request.method, path) : response;
	answered.headers.set('x-content-type-options', 'nosniff');
	answered.headers.set('referrer-policy', 'same-origin');
	if (token || withUsers) answered.headers.set('cache-control', answered.headers.get('cache-control') ?? 'private, no-store');
	return answered;
};
