import { error } from '@sveltejs/kit';
import { emptyDocument } from '$lib/domain/document';
import { DomainError } from '$lib/domain/errors';
import { documentIdFor, documentStore } from '$lib/server/documents';
import { HttpError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/**
 * Above this many events the document is not written into the page: at 10,000 events it would be
 * ~19 MB of HTML and seconds of hydration before any view could draw. The page fetches it instead.
 */
const INLINE_EVENTS = 2000;

export const load: PageServerLoad = async (event) => {
	let doc;
	let documentId;
	try {
		// Read without tracking: the URL's query (the selection, the filters) changes all the time and
		// must not load the document again; a document's page is only ever entered by a full load.
		documentId = event.untrack(() => documentIdFor(event));
		doc = (await documentStore(documentId)).document;
	} catch (err) {
		if (err instanceof HttpError && err.status === 503) error(503, err.message);
		if (err instanceof HttpError || (err instanceof DomainError && err.code === 'not_found')) error(404, 'There is no such investigation.');
		throw err;
	}
	const user = event.locals.user ?? null;
	if (doc.events.length <= INLINE_EVENTS) return { document: doc, documentId, user, deferred: false, eventCount: doc.events.length };
	return { document: { ...emptyDocument(doc.title), revision: doc.revision }, documentId, user, deferred: true, eventCount: doc.events.length };
};
