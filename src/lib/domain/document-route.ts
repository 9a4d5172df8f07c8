/**
 * Where a document is addressed: the page at `/d/{id}` and its API under `/api/d/{id}/…`. Shared by
 * the router (src/hooks.ts, in the browser and on the server), the server's handlers and the page,
 * so that every one of them reads a path the same way. Today's `/` and `/api/…` are the default document.
 */
import { COLLECTIONS, ID_PATTERN } from './schema';

/** The id the default document answers to under `/api/d/…` and `/d/…`. */
export const DEFAULT_DOCUMENT = 'default';

/** The longest id a document may have (also the longest file name it makes, plus ".json"). */
export const DOCUMENT_ID_MAX = 64;

/** The API routes a document has, by their first segment (`/api/d/{id}/documents` is not one of them). */
const DOCUMENT_ROUTES = new Set<string>(['document', 'changes', 'export', 'import', 'schema', ...COLLECTIONS]);

/** Whether `id` is a document id: the entity id pattern, nothing that could name a path. */
export function isDocumentId(id: string): boolean {
	return id.length <= DOCUMENT_ID_MAX && ID_PATTERN.test(id);
}

/** The document segment of `pathname` as the request spelled it (`/api/d/{it}/…` or `/d/{it}`), or null for the default document. */
export function documentSegment(pathname: string): string | null {
	const m = /^\/(?:api\/)?d\/([^/]*)/.exec(pathname);
	return m ? m[1] : null;
}

/**
 * The id in a document segment, decoded the way the router decodes paths; null when it is not a
 * valid id (`..`, `%2e%2e`, slashes, backslashes, NUL, upper case, non-ASCII, too long).
 */
export function documentIdOf(segment: string): string | null {
	if (segment.length > DOCUMENT_ID_MAX * 3) return null;
	let id: string;
	try {
		id = decodeURIComponent(segment);
	} catch {
		return null;
	}
	return isDocumentId(id) ? id : null;
}

/**
 * The route a document path is served by: `/api/d/{id}/rest` by `/api/rest`, `/d/{id}` by the page
 * `/`; undefined when `pathname` is not a document path. The id itself is judged by the handler
 * (it answers 400 or 404), so every route sees the same id whatever it serves.
 */
export function documentReroute(pathname: string): string | undefined {
	const page = /^\/d\/[^/]+$/.exec(pathname);
	if (page) return '/';
	const api = /^\/api\/d\/[^/]+(\/[^/]+)(\/.*)?$/.exec(pathname);
	if (!api) return pathname.startsWith('/api/d/') || pathname === '/api/d' ? '/api/__no-such-route__' : undefined;
	const first = api[1].slice(1);
	return DOCUMENT_ROUTES.has(first) ? `/api${api[1]}${api[2] ?? ''}` : '/api/__no-such-route__';
}

/** The API base of a document, for the page's transport and downloads. */
export function apiBase(id: string | null | undefined): string {
	return !id || id === DEFAULT_DOCUMENT ? '/api' : `/api/d/${id}`;
}

/** The page of a document. */
export function pageOf(id: string | null | undefined): string {
	return !id || id === DEFAULT_DOCUMENT ? '/' : `/d/${id}`;
}
