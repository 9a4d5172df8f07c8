/**
 * Undo as operations. A committed change says what was added, updated ([before, after]) and
 * removed; `revertOps` turns it into the operations that take the document back — sent through the
 * API like any edit, so what is undone is undone on disk. Every operation names the revision it
 * expects (`ifRevision`), so an undo whose target was changed since (in another tab) is refused
 * with 412 rather than overwriting that change.
 */
import type { Change } from './changes';
import type { Op } from './ops';
import { COLLECTIONS, schemas, type CollectionName, type Entity } from './schema';

const META = new Set(['id', 'revision', 'createdAt', 'updatedAt']);

/** An entity's own fields, as a create input (ids kept, so links can point at it again). */
function inputOf(entity: Entity): Record<string, unknown> {
	const value: Record<string, unknown> = { id: entity.id };
	for (const [key, v] of Object.entries(entity)) if (!META.has(key)) value[key] = v;
	return value;
}

/** The patch that turns `now` back into `then`: changed fields, and null for optional fields `then` lacked. */
function patchBack(collection: CollectionName, then: Entity, now: Entity): Record<string, unknown> {
	const patch: Record<string, unknown> = {};
	const a = then as Record<string, unknown>;
	const b = now as Record<string, unknown>;
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
		if (META.has(key)) continue;
		if (!(key in a)) {
			if ((schemas[collection].optional as readonly string[]).includes(key)) patch[key] = null;
		} else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
			patch[key] = a[key];
		}
	}
	return patch;
}

// Restoring: what links, claims and citations point at first, then links, then claims.
// Removing: claims and links first (deleting what they are about would take them along).
const RESTORE_ORDER: CollectionName[] = ['actors', 'sources', 'events', 'links', 'claims'];
const REMOVE_FIRST: CollectionName[] = ['claims', 'links'];
const REMOVE_LAST: CollectionName[] = ['events', 'actors', 'sources'];

/**
 * The operations that undo `change`, in an order that keeps every step sound: what it removed is
 * created again (same ids), what it updated is patched back (expecting the revision it left), what
 * it added is deleted (expecting the revision it made).
 */
export function revertOps(change: Change): Op[] {
	const ops: Op[] = [];
	// Claims and links it added go first: a link it removed may say what one of them says (a link
	// deleted, then drawn again), and restoring it beside its twin would be refused as a duplicate.
	for (const c of REMOVE_FIRST) {
		for (const entity of (change[c]?.added ?? []) as Entity[]) ops.push({ op: 'delete', collection: c, id: entity.id, ifRevision: entity.revision });
	}
	for (const c of RESTORE_ORDER) {
		for (const entity of (change[c]?.removed ?? []) as Entity[]) ops.push({ op: 'create', collection: c, value: inputOf(entity) });
	}
	for (const c of COLLECTIONS) {
		for (const [then, now] of (change[c]?.updated ?? []) as [Entity, Entity][]) {
			ops.push({ op: 'update', collection: c, id: now.id, patch: patchBack(c, then, now), ifRevision: now.revision });
		}
	}
	// Claims and links were deleted first: deleting an event would take them along, and then their own deletes would fail.
	for (const c of REMOVE_LAST) {
		for (const entity of (change[c]?.added ?? []) as Entity[]) ops.push({ op: 'delete', collection: c, id: entity.id, ifRevision: entity.revision });
	}
	return ops;
}
