/**
 * Changes: the one serializable form of every edit (after tldraw's RecordsDiff). For each collection,
 * what was added, what was updated (as [before, after]) and what was removed. Changes are applied
 * and inverted by pure functions, so the server, the browser's undo history and the live stream
 * share one implementation.
 *
 * Collections are kept sorted by id. That makes the document canonical: applying a change and then
 * its inverse gives back the very same arrays, and lookups are binary searches.
 */
import { findById, indexOfId } from './collections';
import { Draft } from './draft';
import { COLLECTIONS, type CausewayDocument, type CollectionName, type EntityOf } from './schema';

export { findById, indexOfId };

export interface CollectionDiff<T> {
	added?: T[];
	updated?: [before: T, after: T][];
	removed?: T[];
}

export type Change = { [K in CollectionName]?: CollectionDiff<EntityOf[K]> };

type WithId = { id: string; revision: number };

/**
 * Applies a change and returns the new document; `doc` is not touched. Refuses (throws a
 * DomainError) when the change does not fit the document — an entity missing (not_found), already
 * there (conflict), at another revision (stale) — or when the result breaks an integrity rule
 * (conflict: a link to a missing event, a self-link, a duplicate link, an event left with links).
 */
export function applyChange(doc: CausewayDocument, change: Change): CausewayDocument {
	const draft = new Draft(doc);
	draft.apply(change);
	return draft.toDocument();
}

/** The change that undoes `change`: added ↔ removed, each update reversed. */
export function invertChange(change: Change): Change {
	const inverse: Change = {};
	for (const name of COLLECTIONS) {
		const diff = change[name] as CollectionDiff<WithId> | undefined;
		if (!diff) continue;
		(inverse as Record<CollectionName, CollectionDiff<WithId>>)[name] = {
			added: diff.removed ? [...diff.removed] : undefined,
			updated: diff.updated?.map(([before, after]) => [after, before] as [WithId, WithId]),
			removed: diff.added ? [...diff.added] : undefined
		};
	}
	return prune(inverse);
}

/** Drops empty lists and collections, so an empty change is `{}`. */
export function prune(change: Change): Change {
	const out: Change = {};
	for (const name of COLLECTIONS) {
		const diff = change[name] as CollectionDiff<WithId> | undefined;
		if (!diff) continue;
		const kept: CollectionDiff<WithId> = {};
		if (diff.added?.length) kept.added = diff.added;
		if (diff.updated?.length) kept.updated = diff.updated;
		if (diff.removed?.length) kept.removed = diff.removed;
		if (Object.keys(kept).length) (out as Record<CollectionName, CollectionDiff<WithId>>)[name] = kept;
	}
	return out;
}

/** True when the change changes nothing. */
export function isEmptyChange(change: Change): boolean {
	return Object.keys(prune(change)).length === 0;
}

/**
 * The change that turns `before` into `after`, looking only at the ids in `touched` (the planner
 * knows which ids its operations touched, so nothing else needs comparing).
 */
export function diffTouched(
	before: CausewayDocument,
	after: CausewayDocument,
	touched: { [K in CollectionName]?: Set<string> }
): Change {
	const change: Change = {};
	for (const name of COLLECTIONS) {
		const ids = touched[name];
		if (!ids?.size) continue;
		const diff: CollectionDiff<WithId> = { added: [], updated: [], removed: [] };
		for (const id of [...ids].sort()) {
			const was = findById(before, name, id);
			const now = findById(after, name, id);
			if (was && now) {
				if (was !== now) diff.updated!.push([was, now]);
			} else if (now) diff.added!.push(now);
			else if (was) diff.removed!.push(was);
		}
		(change as Record<CollectionName, CollectionDiff<WithId>>)[name] = diff;
	}
	return prune(change);
}
