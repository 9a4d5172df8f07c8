import { json } from '@sveltejs/kit';
import { documentIdParam, titleBody } from '$lib/server/document-requests';
import { deleteDocument, documentInfo, documentStore, renameDocument } from '$lib/server/documents';
import { answer } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) =>
	answer(async () => {
		const id = documentIdParam(params.id);
		return json(await documentInfo(id, await documentStore(id)));
	});

/** Rename: `{"title"}`, one commit recorded with its author. */
export const PATCH: RequestHandler = ({ params, request, locals }) =>
	answer(async () => {
		const id = documentIdParam(params.id);
		await documentStore(id);
		const title = await titleBody(request);
		return json(await documentInfo(id, await renameDocument(id, title, locals.user)));
	});

/** Deletes a document (never the default one), keeping its file in the backups folder. */
export const DELETE: RequestHandler = ({ params }) =>
	answer(async () => {
		const id = documentIdParam(params.id);
		const { backup } = await deleteDocument(id);
		return json({ id, deleted: true, backup });
	});
