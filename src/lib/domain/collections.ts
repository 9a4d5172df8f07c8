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

/** What differs between two versions of a collection, by identity (entities are immutable). */
export interface EntityDiff<T> {
	added: T[];
	updated: [before: T, after: T][];
	removed: T[];
}

/**
 * The entities added, replaced and removed between two versions of one collection, both sorted by
 * id: one walk of both arrays in step. Unchanged entities keep their identity from one revision to
 * the next, so comparing them costs a pointer comparison each, and an array the change did not
 * touch is the same array and costs nothing.
 */
export function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[]): EntityDiff<T> {
	const diff: EntityDiff<T> = { added: [], updated: [], removed: [] };
	if (before === after) return diff;
	let i = 0;
	let j = 0;
	while (i < before.length || j < after.length) {
		const a = before[i];
		const b = after[j];
		if (a === b) {
			i++;
			j++;
		} else if (b === undefined || (a !== undefined && a.id < b.id)) {
			diff.removed.push(a);
			i++;
		} else if (a === undefined || b.id < a.id) {
			diff.added.push(b);
			j++;
		} else {
			diff.updated.push([a, b]);
			i++;
			j++;
		}
	}
	return diff;
}
