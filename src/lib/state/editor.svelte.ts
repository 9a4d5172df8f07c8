/**
 * The editor's client state: the document as the page knows it, with lookups derived from it.
 * Views read from here; they never hold the truth themselves. Edits (issue: editing) will come in
 * through one `apply(change)`; for now the document is what the server rendered.
 */
import { createContext } from 'svelte';
import { linkCounts, type LinkCounts } from '$lib/domain/graph';
import type { Actor, CausewayDocument, Event, Source } from '$lib/domain/schema';

export class Editor {
	#doc = $state.raw<CausewayDocument>() as CausewayDocument;

	readonly eventsById = $derived(new Map<string, Event>(this.#doc.events.map((e) => [e.id, e])));
	readonly actorsById = $derived(new Map<string, Actor>(this.#doc.actors.map((a) => [a.id, a])));
	readonly sourcesById = $derived(new Map<string, Source>(this.#doc.sources.map((s) => [s.id, s])));
	readonly linkCounts = $derived<Map<string, LinkCounts>>(linkCounts(this.#doc));

	constructor(doc: CausewayDocument) {
		this.#doc = doc;
	}

	get document(): CausewayDocument {
		return this.#doc;
	}
}

export const [getEditor, setEditor] = createContext<Editor>();
