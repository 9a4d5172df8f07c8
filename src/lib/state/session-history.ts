/**
 * This tab's undo history survives a reload: it is kept in the tab's session storage when the page
 * goes away, and taken back when it comes again — only the steps that still fit the document.
 * A step fits when everything it left is still as it left it (same revisions; what it removed
 * still gone): this tab's own commits keep its steps' revisions current (rebase), so a step that
 * does not fit was changed by someone else meanwhile, and undoing it would be refused anyway.
 */
import type { CollectionDiff } from '$lib/domain/changes';
import { COLLECTIONS, type CausewayDocument, type Entity } from '$lib/domain/schema';
import type { DocumentState } from './document.svelte';
import type { SavedHistory, Step } from './history.svelte';

/** The part of the Web Storage API used here (sessionStorage in the page). */
export type SessionStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const HISTORY_KEY = 'causeway-history';

/** Whether undoing (or redoing) `step` would still find the document as the step left it. */
export function stepFits(step: Step, doc: CausewayDocument): boolean {
	for (const c of COLLECTIONS) {
		const diff = step.change[c] as CollectionDiff<Entity> | undefined;
		if (!diff) continue;
		const byId = new Map((doc[c] as Entity[]).map((e) => [e.id, e.revision]));
		if (diff.updated?.some(([, after]) => byId.get(after.id) !== after.revision)) return false;
		if (diff.added?.some((e) => byId.get(e.id) !== e.revision)) return false;
		if (diff.removed?.some((e) => byId.has(e.id))) return false;
	}
	return true;
}

/**
 * Saves `state`'s history to `store` when the page goes away, and takes back what was saved. Each
 * document (`documentId`, absent for the default one) keeps its own: a tab that switches documents
 * must not undo one document's steps in another.
 */
export function keepHistory(state: DocumentState, store: SessionStore, documentId?: string): { save: () => void } {
	const KEY = documentId ? `${HISTORY_KEY}:${documentId}` : HISTORY_KEY;
	const save = () => {
		try {
			store.setItem(KEY, JSON.stringify(state.history.save(state.revision)));
		} catch {
			// Too big for the session's storage: the history lives as long as the page, as before.
			store.removeItem(KEY);
		}
	};
	globalThis.addEventListener?.('pagehide', save);
	globalThis.document?.addEventListener?.('visibilitychange', () => globalThis.document.visibilityState === 'hidden' && save());

	let saved: SavedHistory | null = null;
	try {
		saved = JSON.parse(store.getItem(KEY) ?? 'null') as SavedHistory | null;
	} catch {
		saved = null;
	}
	if (!saved || !Array.isArray(saved.undo) || !Array.isArray(saved.redo)) return { save };
	const restore = (kept: SavedHistory) => {
		const doc = state.document;
		const fits = (s: Step) => kept.revision === doc.revision || stepFits(s, doc);
		state.history.restore({ undo: kept.undo.filter(fits), redo: kept.redo.filter(fits) });
	};
	// A large document comes after the page (empty until then): check the steps against the real one.
	const waiting = state.document.events.length === 0 && state.document.links.length === 0 && saved.revision !== state.revision;
	if (!waiting) restore(saved);
	else {
		const kept = saved;
		const stop = state.onLoad(() => (stop(), restore(kept)));
	}
	return { save };
}
