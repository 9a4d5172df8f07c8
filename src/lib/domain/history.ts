/**
 * An entity's history, from the change log: who changed which field, from what, to what, when.
 * Both the server (the history route) and the inspector read entries in this one shape.
 */
import type { Change, CollectionDiff } from './changes';
import type { CollectionName } from './schema';

/** A commit as the change log keeps it (the store's `Committed`). */
export interface LoggedChange {
	revision: number;
	change: Change;
	author?: string;
	at?: string;
}

export interface FieldChange {
	field: string;
	/** Absent when the field was not set before (or the entity did not exist). */
	from?: unknown;
	to?: unknown;
}

export interface HistoryEntry {
	revision: number;
	at?: string;
	author?: string;
	action: 'created' | 'updated' | 'removed';
	fields: FieldChange[];
}

/** Bookkeeping every change touches; not something a person changed. */
const SKIPPED = new Set(['id', 'revision', 'createdAt', 'updatedAt']);

type Entity = { id: string } & Record<string, unknown>;

function fieldChanges(before: Entity | undefined, after: Entity | undefined): FieldChange[] {
	const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
	const out: FieldChange[] = [];
	for (const field of keys) {
		if (SKIPPED.has(field)) continue;
		const from = before?.[field];
		const to = after?.[field];
		if (JSON.stringify(from) === JSON.stringify(to)) continue;
		out.push({ field, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) });
	}
	return out;
}

/** What one change did to one entity, or null when it did not touch it. */
export function entityEntry(logged: LoggedChange, collection: CollectionName, id: string): HistoryEntry | null {
	const diff = logged.change[collection] as CollectionDiff<Entity> | undefined;
	if (!diff) return null;
	const base = { revision: logged.revision, ...(logged.at ? { at: logged.at } : {}), ...(logged.author ? { author: logged.author } : {}) };
	const added = diff.added?.find((x) => x.id === id);
	if (added) return { ...base, action: 'created', fields: fieldChanges(undefined, added) };
	const updated = diff.updated?.find(([, after]) => after.id === id);
	if (updated) return { ...base, action: 'updated', fields: fieldChanges(updated[0], updated[1]) };
	const removed = diff.removed?.find((x) => x.id === id);
	if (removed) return { ...base, action: 'removed', fields: fieldChanges(removed, undefined) };
	return null;
}

/** The entity's history, newest first, from the commits that may have touched it (oldest first). */
export function entityHistory(logged: LoggedChange[], collection: CollectionName, id: string): HistoryEntry[] {
	const out: HistoryEntry[] = [];
	for (let i = logged.length - 1; i >= 0; i--) {
		const entry = entityEntry(logged[i], collection, id);
		if (entry) out.push(entry);
	}
	return out;
}
