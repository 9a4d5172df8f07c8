/**
 * The document as this tab knows it, with the lookups derived from it and this tab's undo history.
 * `apply` is the one funnel: every committed change — this tab's edits, its undo and redo, other
 * tabs' edits from the stream, imports — reaches the document through it, in revision order (the
 * sync client sees to the order). `load` replaces it whole, and only ever with a newer one.
 */
import { applyChange, type Change } from '$lib/domain/changes';
import { contestedQuestions, contestedSubjects, type Question } from '$lib/domain/claims';
import { linkCounts, type LinkCounts } from '$lib/domain/graph';
import type { PatchedMap } from '$lib/domain/patched-map';
import type { Actor, CausewayDocument, Claim, Event, Source } from '$lib/domain/schema';
import { History } from './history.svelte';
import type { Committed } from './transport';

/** What a claim can be about: an event, a link or an actor. */
export type ClaimSubject = Claim['about']['collection'];

export class DocumentState {
	#doc = $state.raw<CausewayDocument>() as CausewayDocument;

	/**
	 * Each collection on its own: applyChange keeps the arrays a change does not touch, and a derived
	 * value that comes out the same wakes nothing, so drawing a link does not rebuild the 10,000
	 * events' lookup (nor re-sort the table).
	 */
	readonly events = $derived(this.#doc.events);
	readonly actors = $derived(this.#doc.actors);
	readonly links = $derived(this.#doc.links);
	readonly sources = $derived(this.#doc.sources);
	readonly claims = $derived(this.#doc.claims);
	/** The document keeps claims by id; people read a question's values in the order they were added. */
	readonly #claimsInOrder = $derived([...this.claims].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)));
	readonly eventsById = $derived(new Map<string, Event>(this.events.map((e) => [e.id, e])));
	readonly actorsById = $derived(new Map<string, Actor>(this.actors.map((a) => [a.id, a])));
	readonly sourcesById = $derived(new Map<string, Source>(this.sources.map((s) => [s.id, s])));
	readonly linkCounts = $derived<PatchedMap<string, LinkCounts>>(linkCounts({ events: this.events, links: this.links }));

	/**
	 * `collection/id` of every contested event, link and actor: the one answer every view asks (via
	 * `isContested`), so the timeline, the graph, the table and the inspector never disagree.
	 */
	readonly contested = $derived<ReadonlySet<string>>(contestedSubjects(this.claims));

	/** Every contested question, with its sides: the Disagreements list. */
	readonly disagreements = $derived<Question[]>(contestedQuestions(this.#claimsInOrder));

	/** True when the sources disagree about something of this event, link or actor. */
	isContested(collection: ClaimSubject, id: string): boolean {
		return this.contested.has(`${collection}/${id}`);
	}

	/** The claims about one event, link or actor, in the order they were made. */
	claimsAbout(collection: ClaimSubject, id: string): Claim[] {
		return this.#claimsInOrder.filter((c) => c.about.collection === collection && c.about.id === id);
	}

	/** This tab's undo and redo. */
	readonly history = new History();

	constructor(doc: CausewayDocument) {
		this.#doc = doc;
	}

	get document(): CausewayDocument {
		return this.#doc;
	}

	get revision(): number {
		return this.#doc.revision;
	}

	/** Applies the change committed at the next revision. Throws (a DomainError) when it does not fit this copy. */
	apply({ change, revision, title }: Committed): void {
		this.#doc = { ...applyChange(this.#doc, change as Change), revision, title: title ?? this.#doc.title };
	}

	/** Takes the server's whole document, unless this copy is already newer. Returns whether it was taken. */
	load(doc: CausewayDocument): boolean {
		if (doc.revision < this.#doc.revision) return false;
		this.#doc = doc;
		for (const listener of this.#loaded) listener();
		return true;
	}

	#loaded = new Set<() => void>();

	/** Calls `listener` each time a whole document is loaded; returns the function that stops. */
	onLoad(listener: () => void): () => void {
		this.#loaded.add(listener);
		return () => this.#loaded.delete(listener);
	}
}
