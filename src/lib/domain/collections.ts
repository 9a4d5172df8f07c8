/** Collections are arrays sorted by id: lookups are binary searches. */
import { DomainError } from './errors';
import { COLLECTIONS, type CausewayDocument, type CollectionName, type EntityOf } from './schema';

/** Index of `id` in a collection sorted by id, or `-(insertion point) - 1` when absent. */
export function indexOfId(items: readonly { id: string }[], id: string): number {
	let lo = 0;
	let hi = items.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const at = items[mid].id;
		if (at < id) lo = mid + 1;
		else if (at > id) hi = mid - 1;
		else return mid;
	}
	return -lo - 1;
}

/** The entity with this id, or undefined. */
export function findById<K extends CollectionName>(
	doc: CausewayDocument,
	collection: K,
	id: string
): EntityOf[K] | undefined {
	const items = doc[collection] as EntityOf[K][];
	const i = indexOfId(items, id);
	return i >= 0 ? items[i] : undefined;
}

/** The entity with this id, or a DomainError 'not_found' (what a read of one entity answers). */
export function getById<K extends CollectionName>(doc: CausewayDocument, collection: K, id: string): EntityOf[K] {
	const found = findById(doc, collection, id);
	if (!found) throw new DomainError('not_found', `${collection.slice(0, -1)} "${id}" does not exist`);
	return found;
}

/** Sorts each collection by id (for documents that come from outside: seed files, imports). */
export function canonicalize(doc: CausewayDocument): CausewayDocument {
	const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	const sorted = { ...doc };
	for (const c of COLLECTIONS) (sorted as Record<CollectionName, { id: string }[]>)[c] = [...doc[c]].sort(byId);
	return sorted;
}

/** What an edit changed in a collection: the entities that went and those that came (an update is both). */
export interface CollectionDelta<T> {
	gone: T[];
	came: T[];
}

/**
 * The entities of `before` not in `after` and those of `after` not in `before`, compared as
 * objects (entities are immutable: an updated one is a new object), or null past `most` of them.
 * One walk along both, in id order: O(size) pointer comparisons, so a view can bring what it
 * derived up to date with an edit instead of deriving it again. On lists out of id order it
 * reports more than changed (an entity both gone and come back), which is still exact. The lists
 * it returns are shared by every caller asking about the same two arrays: read them only.
 */
export function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[], most = Infinity): CollectionDelta<T> | null {
	// An array the edit did not touch is the same array: nothing to walk.
	if (before === after) return { gone: [], came: [] };
	// Several views bring what they derived up to date with the same edit: one walk serves them all.
	const known = diffs.get(after);
	if (known && known.before === before && known.lengths === `${before.length} ${after.length}`) {
		if (known.delta) return known.delta.gone.length + known.delta.came.length > most ? null : (known.delta as CollectionDelta<T>);
		if (known.most >= most) return null;
	}
	const delta = walkDiff(before, after, most);
	diffs.set(after, { before, lengths: `${before.length} ${after.length}`, most, delta });
	return delta;
}

const diffs = new WeakMap<readonly unknown[], { before: readonly unknown[]; lengths: string; most: number; delta: CollectionDelta<unknown> | null }>();

function walkDiff<T extends { id: string }>(before: readonly T[], after: readonly T[], most: number): CollectionDelta<T> | null {
	const gone: T[] = [];
	const came: T[] = [];
	let i = 0;
	let j = 0;
	while (i < after.length || j < before.length) {
		if (gone.length + came.length > most) return null;
		const now = after[i];
		const was = before[j];
		if (now === was) {
			i++;
			j++;
		} else if (now === undefined || (was !== undefined && was.id < now.id)) {
			gone.push(was);
			j++;
		} else if (was === undefined || now.id < was.id) {
			came.push(now);
			i++;
		} else {
			gone.push(was);
			came.push(now);
			i++;
			j++;
		}
	}
	return { gone, came };
}

/** True when a delta only replaced entities: the same ids are there as before. */
export function sameIds<T extends { id: string }>(delta: CollectionDelta<T>): boolean {
	if (delta.gone.length !== delta.came.length) return false;
	const ids = new Set(delta.gone.map((x) => x.id));
	return delta.came.every((x) => ids.delete(x.id)) && ids.size === 0;
}

type Collections = Record<string, readonly { id: string }[]>;

/** Past this many entities changed, a tally is counted again rather than patched. */
const MOST_PATCHED = 1000;

/**
 * How each collection changed from `before` to `after`, for a tally that patches what it counted
 * from `before`; null when it should count again: an entity added to or removed from one of the
 * `keyed` collections (those it keeps a count per id of), or too much changed.
 */
export function deltasOf<C extends Collections>(before: C, after: C, keyed: readonly (keyof C)[]): { [K in keyof C]: CollectionDelta<C[K][number]> } | null {
	const out = {} as { [K in keyof C]: CollectionDelta<C[K][number]> };
	for (const name of Object.keys(after) as (keyof C)[]) {
		const delta = before[name] === after[name] ? { gone: [], came: [] } : diffById(before[name], after[name], MOST_PATCHED);
		if (!delta || (keyed.includes(name) && !sameIds(delta))) return null;
		out[name] = delta;
	}
	return out;
}

/** True when no delta holds anything: what was counted still stands. */
export function unchanged(deltas: Record<string, CollectionDelta<unknown>>): boolean {
	return Object.values(deltas).every((d) => !d.gone.length && !d.came.length);
}
