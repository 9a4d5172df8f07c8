import { json } from '@sveltejs/kit';
import { apiBase } from '$lib/domain/document-route';
import { documentFromUpload, titleBody } from '$lib/server/document-requests';
import { createDocument, documentInfo, listDocuments } from '$lib/server/documents';
import { answer, HttpError } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Every document: id, title, counts, revision and last change; the default document first. */
export const GET: RequestHandler = () => answer(async () => json(await listDocuments()));

/**
 * A new document: `{"title"}` makes an empty one; `?from=file` (and optional `title`, `format`)
 * with an export file as the body makes one from it, validated as an import is.
 */
export const POST: RequestHandler = ({ request, url }) =>
	answer(async () => {
		for (const key of url.searchParams.keys()) {
			if (!['from', 'title', 'format'].includes(key)) throw new HttpError(400, 'invalid_query', `unknown parameter "${key}"; use from=file, title, format`);
		}
		const from = url.searchParams.get('from');
		if (from !== null && from !== 'file') throw new HttpError(400, 'invalid_query', `from must be "file" (got "${from}")`);
		let made;
		if (from === 'file') {
			const { document, report } = await documentFromUpload(request, url.searchParams);
			made = { ...(await createDocument(document.title, document)), import: { format: report.format, summary: report.summary } };
		} else {
			made = await createDocument(await titleBody(request));
		}
		const info = await documentInfo(made.id, made.store);
		const body = { ...info, api: apiBase(made.id), ...('import' in made && { import: made.import }) };
		return json(body, { status: 201, headers: { location: `/api/documents/${made.id}` } });
	});
