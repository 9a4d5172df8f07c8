/**
 * What the documents API reads from a request: a title, and a document made from an uploaded file
 * (read and validated as a replace-import is, without touching any store).
 */
import { isDocumentId } from '$lib/domain/document-route';
import { emptyDocument } from '$lib/domain/document';
import { JSON_TYPE, ZIP_TYPE } from '$lib/domain/formats';
import { importQuery } from '$lib/domain/formats/query';
import { runImport, type ImportReport } from '$lib/domain/formats/run-import';
import type { CausewayDocument } from '$lib/domain/schema';
import { asObject, HttpError, IMPORT_LIMIT, readBody, readJson } from './http';

const TITLE_MAX = 200;

/** A document title: a string of 1–200 characters once trimmed. */
export function titleFrom(value: unknown, path = 'title'): string {
	const title = typeof value === 'string' ? value.trim() : '';
	if (!title || title.length > TITLE_MAX) {
		throw new HttpError(400, 'invalid', `a document needs a title of 1–${TITLE_MAX} characters`, [{ path, message: typeof value === 'string' ? 'expected 1–200 characters' : 'expected a string' }]);
	}
	return title;
}

/** `{"title": "…"}` from a JSON body. */
export async function titleBody(request: Request): Promise<string> {
	return titleFrom(asObject(await readJson(request)).title);
}

/** A document id from a route parameter: 400 unless it is a valid id. */
export function documentIdParam(id: string): string {
	if (!isDocumentId(id)) throw new HttpError(400, 'invalid_document_id', 'a document id is lower-case letters, digits and "-" (at most 64), starting with a letter or digit');
	return id;
}

/**
 * The document an uploaded file makes (any format an import reads; `?format=`), titled by
 * `?title=` or else by the file. Every problem with the file is an error, and nothing is created.
 */
export async function documentFromUpload(request: Request, query: URLSearchParams): Promise<{ document: CausewayDocument; report: ImportReport }> {
	const { type, bytes } = await readBody(request, { limit: IMPORT_LIMIT, types: [JSON_TYPE, ZIP_TYPE] });
	const given = query.get('title');
	const base = emptyDocument(given === null ? 'Untitled' : titleFrom(given));
	let made: CausewayDocument = base;
	// A store of its own that is never written: the import plans a replace of an empty document.
	const target = {
		document: base,
		latest: base,
		async replaceDocument<T extends { document: CausewayDocument }>(plan: (current: CausewayDocument, now: string) => T) {
			const result = plan(base, new Date().toISOString());
			made = result.document;
			return { committed: { revision: 0 }, result };
		}
	};
	const { format } = importQuery(new URLSearchParams({ mode: 'replace', ...(query.get('format') && { format: query.get('format')! }) }));
	const report = await runImport(target, bytes, { mode: 'replace', dryRun: false, format, mediaType: type });
	const title = given === null ? titleFrom(made.title || 'Untitled') : base.title;
	return { document: { ...made, title, revision: 0 }, report };
}
