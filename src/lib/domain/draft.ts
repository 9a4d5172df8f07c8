/**
 * A document being changed step by step — a batch of operations planned one after another, or a
 * large change applied at once — without copying a collection per step. Each step is written into
 * an overlay (id → entity, or null for removed) over the untouched canonical document; the
 * lookups the integrity rules and cascades need (links by (from, to, relation), links by event,
 * events by actor, citations by source) are indexes built on first use and kept up to date. So a
 * batch of n operations costs about n steps, not n × the size of the document.
 */
import type { Change, CollectionDiff } from './changes';
import { indexOfId } from './collections';
import { DomainError } from './errors';
import { changeIssues, type IntegrityLookup } from './integrity';
import { isTwin, linkKey } from './link-rule';
import { COLLECTIONS, type CausewayDocument, type Claim, type CollectionName, type Entity, type EntityOf, type Event, type Link } from './schema';

type WithId = { id: string; revision: number };
type Index = Map<string, Set<string>>;

function add(index: Index, key: string, id: string) {
	const ids = index.get(key);
	if (ids) ids.add(id);
	else index.set(key, new Set([id]));
}

function drop(index: Index, key: string, id: string) {
	const ids = index.get(key);
	if (ids && ids.delete(id) && ids.size === 0) index.delete(key);
}

/** The keys one entity is filed under in an index. */
type Keys<T> = (entity: T) => Iterable<string>;

const byLinkKey: Keys<Link> = (l) => [linkKey(l)];
const byEnd: Keys<Link> = (l) => (l.from === l.to ? [l.from] : [l.from, l.to]);
const byActor: Keys<Event> = (e) => e.actorIds;
const bySource: Keys<Event | Link | Claim> = (x) => x.sources.map((s) => s.sourceId);
const bySubject: Keys<Claim> = (c) => [`${c.about.collection}/${c.about.id}`];

/** Below this many twin lookups a scan of the links is cheaper than building the index. */
const SCANS_BEFORE_INDEX = 8;

export class Draft implements IntegrityLookup {
	readonly base: CausewayDocument;
	readonly #overlay: { [K in CollectionName]?: Map<string, EntityOf[K] | null> } = {};
	readonly #indexes = new Map<string, { collection: CollectionName; keys: Keys<never>; index: Index }>();
	#twinScans = 0;

	constructor(base: CausewayDocument) {
		this.base = base;
	}

	/** The entity with this id as the draft has it now, or undefined. */
	find<K extends CollectionName>(collection: K, id: string): EntityOf[K] | undefined {
		const over = this.#overlay[collection]?.get(id);
		if (over !== undefined) return over ?? undefined;
		const items = this.base[collection] as EntityOf[K][];
		const i = indexOfId(items, id);
		return i >= 0 ? items[i] : undefined;
	}

	exists(collection: 'events' | 'actors' | 'sources' | 'links', id: string): boolean {
		return this.find(collection, id) !== undefined;
	}

	/** Every entity of a collection as the draft has it now (in no particular order). */
	*entities<K extends CollectionName>(collection: K): Generator<EntityOf[K]> {
		const over = this.#overlay[collection] as Map<string, EntityOf[K] | null> | undefined;
		for (const x of this.base[collection] as EntityOf[K][]) if (!over?.has(x.id)) yield x;
		if (over) for (const x of over.values()) if (x) yield x;
	}

	twinOf(l: Link): Link | undefined {
		if (!this.#indexes.has('linkKey') && ++this.#twinScans <= SCANS_BEFORE_INDEX) {
			// As entities('links') would list them, but without a lookup in the overlay per link.
			const over = this.#overlay.links;
			for (const other of this.base.links) if (isTwin(other, l) && !over?.has(other.id)) return other;
			if (over) for (const other of over.values()) if (other && isTwin(other, l)) return other;
			return undefined;
		}
		for (const id of this.#index('links', 'linkKey', byLinkKey).get(linkKey(l)) ?? []) if (id !== l.id) return this.find('links', id);
		return undefined;
	}

	linksOf(eventId: string): Link[] {
		return this.#lookup('links', 'end', byEnd, eventId);
	}

	eventsNaming(actorId: string): Event[] {
		return this.#lookup('events', 'actor', byActor, actorId);
	}

	citing(sourceId: string): { events: Event[]; links: Link[]; claims: Claim[] } {
		return {
			events: this.#lookup('events', 'eventSource', bySource, sourceId),
			links: this.#lookup('links', 'linkSource', bySource, sourceId),
			claims: this.#lookup('claims', 'claimSource', bySource, sourceId)
		};
	}

	claimsAbout(collection: Claim['about']['collection'], id: string): Claim[] {
		return this.#lookup('claims', 'subject', bySubject, `${collection}/${id}`);
	}

	#lookup<K extends CollectionName>(collection: K, name: string, keys: Keys<EntityOf[K]>, key: string): EntityOf[K][] {
		const ids = [...(this.#index(collection, name, keys).get(key) ?? [])].sort();
		return ids.map((id) => this.find(collection, id)!);
	}

	#index<K extends CollectionName>(collection: K, name: string, keys: Keys<EntityOf[K]>): Index {
		let entry = this.#indexes.get(name);
		if (!entry) {
			const index: Index = new Map();
			for (const x of this.entities(collection)) for (const key of keys(x)) add(index, key, x.id);
			entry = { collection, keys: keys as Keys<never>, index };
			this.#indexes.set(name, entry);
		}
		return entry.index;
	}

	#set<K extends CollectionName>(collection: K, id: string, before: EntityOf[K] | undefined, after: EntityOf[K] | null) {
		((this.#overlay[collection] ??= new Map()) as Map<string, EntityOf[K] | null>).set(id, after);
		for (const { collection: c, keys, index } of this.#indexes.values()) {
			if (c !== collection) continue;
			const fileUnder = keys as Keys<EntityOf[K]>;
			if (before) for (const key of fileUnder(before)) drop(index, key, id);
			if (after) for (const key of fileUnder(after)) add(index, key, id);
		}
	}

	/**
	 * Applies a change to the draft. Refuses (throws a DomainError, and the draft must then be
	 * dropped) when the change does not fit — an entity missing (not_found), already there
	 * (conflict), at another revision (stale) — or when the result breaks an integrity rule (conflict).
	 */
	apply(change: Change): void {
		for (const name of COLLECTIONS) {
			const diff = change[name] as CollectionDiff<WithId> | undefined;
			if (diff) this.#applyDiff(name, diff);
		}
		const issues = changeIssues(this, change);
		if (issues.length > 0) throw new DomainError('conflict', `${issues[0].path}: ${issues[0].message}`, issues);
	}

	#applyDiff(name: CollectionName, diff: CollectionDiff<WithId>) {
		for (const gone of diff.removed ?? []) {
			const current = this.find(name, gone.id);
			if (!current) throw new DomainError('not_found', `${name} "${gone.id}" does not exist`);
			if (current.revision !== gone.revision) throw stale(name, current, gone.revision);
			this.#set(name, gone.id, current, null);
		}
		for (const [before, after] of diff.updated ?? []) {
			if (before.id !== after.id) throw new DomainError('invalid', `an update cannot change an id ("${before.id}" → "${after.id}")`);
			const current = this.find(name, before.id);
			if (!current) throw new DomainError('not_found', `${name} "${before.id}" does not exist`);
			if (current.revision !== before.revision) throw stale(name, current, before.revision);
			this.#set(name, before.id, current, after as Entity);
		}
		for (const born of diff.added ?? []) {
			if (this.find(name, born.id)) throw new DomainError('conflict', `${name} "${born.id}" already exists`);
			this.#set(name, born.id, undefined, born as Entity);
		}
	}

	/** The document the draft has become: collections it never touched are the very same arrays. */
	toDocument(): CausewayDocument {
		const doc: CausewayDocument = { ...this.base };
		for (const name of COLLECTIONS) {
			const over = this.#overlay[name] as Map<string, WithId | null> | undefined;
			if (over?.size) (doc as Record<CollectionName, unknown>)[name] = merged(this.base[name], over);
		}
		return doc;
	}
}

function stale(name: string, current: WithId, expected: number): DomainError {
	return new DomainError('stale', `${name} "${current.id}" has changed: it is at revision ${current.revision}, not ${expected}`, undefined, current);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A sorted collection with an overlay laid over it, still sorted: one merge, not an insert per entity. */
function merged<T extends WithId>(items: readonly T[], over: Map<string, T | null>): T[] {
	// The usual edit touches a few entities: copy the stretches between them (found by binary
	// search) rather than test each of 75,000 links against the overlay.
	if (over.size < 64) {
		const changes = [...over].map(([id, value]) => ({ id, value, at: indexOfId(items, id) })).sort(byId);
		const parts: T[][] = [];
		let from = 0;
		for (const { value, at } of changes) {
			const place = at >= 0 ? at : -at - 1;
			parts.push(items.slice(from, place));
			if (value) parts.push([value]);
			from = at >= 0 ? place + 1 : place;
		}
		parts.push(items.slice(from));
		return ([] as T[]).concat(...parts);
	}
	const kept = items.filter((x) => !over.has(x.id));
	const laid = [...over.values()].filter((x): x is T => x !== null).sort(byId);
	const out: T[] = new Array(kept.length + laid.length);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < kept.length && j < laid.length) out[k++] = kept[i].id < laid[j].id ? kept[i++] : laid[j++];
	while (i < kept.length) out[k++] = kept[i++];
	while (j < laid.length) out[k++] = laid[j++];
	return out;
}
