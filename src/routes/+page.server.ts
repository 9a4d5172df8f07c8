import { emptyDocument } from '$lib/domain/document';
import { getStore } from '$lib/server/instance';
import type { PageServerLoad } from './$types';

/**
 * Above this many events the document is not written into the page: at 10,000 events it would be
 * ~19 MB of HTML and seconds of hydration before any view could draw. The page fetches it instead.
 */
const INLINE_EVENTS = 2000;

export const load: PageServerLoad = () => {
	const doc = getStore().document;
	if (doc.events.length <= INLINE_EVENTS) return { document: doc, deferred: false, eventCount: doc.events.length };
	return { document: { ...emptyDocument(doc.title), revision: doc.revision }, deferred: true, eventCount: doc.events.length };
};
