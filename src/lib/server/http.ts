/**
 * Request and response helpers shared by every API handler: reading a JSON body safely (type, size,
 * syntax, hostile keys, nesting) and answering errors in the one shape PRODUCT.md gives:
 * `{"error": {"code", "message", "issues"?, "current"?}}`.
 */
import { json } from '@sveltejs/kit';
import type { Committed } from './store';
import { StoreWriteError } from './store';
import { DomainError, type Issue, type ProblemCode } from '$lib/domain/errors';
import { hostileJson } from '$lib/domain/json-guard';
import { COLLECTIONS } from '$lib/domain/schema';

/** The largest body an ordinary write accepts. Imports have their own, larger limit. */
export const BODY_LIMIT = 1024 * 1024;

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly issues?: Issue[]
	) {
		super(message);
	}
}

const STATUS: Record<ProblemCode, number> = { invalid: 400, not_found: 404, conflict: 409, stale: 412 };

const describeSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : `${Math.round(bytes / 1024)} KB`);

async function readCapped(request: Request, limit: number): Promise<Uint8Array> {
	const tooLarge = () => new HttpError(413, 'too_large', `the body is larger than the limit of ${describeSize(limit)}`);
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > limit) throw tooLarge();
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => {});
			throw tooLarge();
		}
		chunks.push(value);
	}
	const body = new Uint8Array(size);
	let offset = 0;
	for (const c of chunks) (body.set(c, offset), (offset += c.byteLength));
	return body;
}

/**
 * Reads and drops what is left of a body that will be refused, within `limit`: answering while the
 * client is still sending makes Node reset the connection, and the client then sees no answer.
 */
async function discard(request: Request, limit: number): Promise<void> {
	if (!request.body || request.bodyUsed) return;
	await readCapped(request, limit).catch(() => {});
}

/**
 * The request's JSON body. Refuses, as an HttpError: a content type other than application/json
 * (415), a body over `limit` (413), bytes that are not UTF-8, no body, text that is not JSON, and
 * `__proto__`/`constructor`/`prototype` keys anywhere (400).
 */
export async function readJson(request: Request, limit = BODY_LIMIT): Promise<unknown> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/json') {
		await discard(request, limit);
		throw new HttpError(415, 'unsupported_media_type', `send the body as Content-Type: application/json (got ${type ? `"${type}"` : 'none'})`);
	}
	const bytes = await readCapped(request, limit);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new HttpError(400, 'invalid_json', 'the body is not UTF-8 text');
	}
	if (!text.trim()) throw new HttpError(400, 'invalid_json', 'the body is empty: send a JSON object');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (err) {
		throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${(err as Error).message}`);
	}
	const bad = hostileJson(value);
	if (bad) {
		throw new HttpError(400, bad.kind, `${bad.path}: ${bad.message}`, [{ path: bad.path, message: bad.message }]);
	}
	return value;
}

/** The revision in an `If-Match: "<revision>"` header, or undefined when absent or `*`. */
export function ifMatch(request: Request): number | undefined {
	const header = request.headers.get('if-match');
	if (header === null || header.trim() === '*') return undefined;
	const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
	if (!m || Number(m[1]) < 1) throw new HttpError(400, 'invalid_if_match', `If-Match must be a revision like "3" (got ${header})`);
	return Number(m[1]);
}

/** The error shape, with the status its cause calls for. */
export function errorResponse(err: unknown): Response {
	if (err instanceof HttpError) {
		// After a 413 the rest of the body is still on its way: close the connection rather than
		// leave a kept-alive socket stuck behind unread bytes.
		const headers = err.status === 413 ? { connection: 'close' } : undefined;
		return json({ error: { code: err.code, message: err.message, ...(err.issues && { issues: err.issues }) } }, { status: err.status, headers });
	}
	if (err instanceof DomainError) {
		const body = { code: err.code, message: err.message, ...(err.issues && { issues: err.issues }), ...(err.current !== undefined && { current: err.current }) };
		return json({ error: body }, { status: STATUS[err.code] });
	}
	if (err instanceof StoreWriteError) return json({ error: { code: 'write_failed', message: err.message } }, { status: 503 });
	console.error(err);
	return json({ error: { code: 'internal', message: 'an unexpected error occurred; nothing was changed' } }, { status: 500 });
}

/** Runs a handler body, answering any error in the one error shape. */
export async function answer(run: () => Promise<Response> | Response): Promise<Response> {
	try {
		return await run();
	} catch (err) {
		return errorResponse(err);
	}
}

/** What a delete took along, for its answer: removed and updated entities per collection. */
export function summarize({ revision, change }: Committed) {
	const removed: Record<string, unknown[]> = {};
	const updated: Record<string, unknown[]> = {};
	for (const name of COLLECTIONS) {
		const diff = change[name];
		if (diff?.removed?.length) removed[name] = diff.removed;
		if (diff?.updated?.length) updated[name] = diff.updated.map(([, after]) => after);
	}
	return { revision, removed, updated };
}

/** A body that must be a JSON object (not an array, string or null). */
export function asObject(value: unknown): Record<string, unknown> {
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new HttpError(400, 'invalid', 'the body must be a JSON object', [{ path: '(body)', message: 'expected an object' }]);
	}
	return value as Record<string, unknown>;
}

/** The largest file an import accepts (a 10,000-event document is 5–7 MB as JSON). */
export const IMPORT_LIMIT = 50 * 1024 * 1024;

/**
 * The request's body as bytes, for bodies that are not (only) JSON, such as an import's zip.
 * Refuses, as an HttpError: a content type not in `types` (415), a body over `limit` (413).
 */
export async function readBody(request: Request, { limit, types }: { limit: number; types: string[] }): Promise<{ type: string; bytes: Uint8Array }> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!types.includes(type)) {
		await discard(request, limit);
		throw new HttpError(415, 'unsupported_media_type', `send the body as Content-Type: ${types.join(' or ')} (got ${type ? `"${type}"` : 'none'})`);
	}
	return { type, bytes: await readCapped(request, limit) };
}

const API_CODES: Record<number, string> = { 400: 'bad_request', 404: 'not_found', 405: 'method_not_allowed', 413: 'too_large', 415: 'unsupported_media_type' };

/**
 * An API error in the one error shape, whatever produced it: SvelteKit's plain-text 405 for a
 * method a route lacks, its HTML error pages. (Paths that are not the API's own spelling, such as
 * a trailing slash, are sent to no route by src/hooks.ts, so they are not redirected but not found.)
 */
export async function apiErrorResponse(response: Response, method: string, path: string): Promise<Response> {
	if (response.status < 400 || (response.headers.get('content-type') ?? '').includes('json')) return response;
	const headers = new Headers({ 'content-type': 'application/json' });
	const allow = response.headers.get('allow');
	if (allow) headers.set('allow', allow);
	await response.body?.cancel().catch(() => {});
	const message =
		response.status === 405
			? `${method} is not allowed on ${path}${allow ? `; use ${allow.split(/\s*,\s*/).join(', ')}` : ''}`
			: response.status === 404
				? `no such API: ${method} ${path}`
				: `${response.status} ${response.statusText || 'error'}: ${method} ${path}`;
	const code = API_CODES[response.status] ?? (response.status >= 500 ? 'internal' : 'bad_request');
	return new Response(JSON.stringify({ error: { code, message } }), { status: response.status, headers });
}
