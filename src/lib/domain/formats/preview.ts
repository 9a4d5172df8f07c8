/**
 * What an import would do, in names a person knows: per collection, the entities it adds, the
 * ones it overwrites (with each field's value before and after) and the ones it removes. Worked
 * out from the same plan the server commits (planImport), so the preview and the import agree.
 */
import { findById } from '../collections';
import { COLLECTIONS, type CausewayDocument, type CollectionName, type Entity } from '../schema';
import type { ImportPlan } from './plan';

export interface FieldChange {
	field: string;
	before: unknown;
	after: unknown;
}

export interface ImportPreview {
	added: Record<CollectionName, string[]>;
	changed: Record<CollectionName, { name: string; fields: FieldChange[] }[]>;
	removed: Record<CollectionName, string[]>;
}

const META = new Set(['id', 'revision', 'createdAt', 'updatedAt']);

/** The name an entity goes by: an event's or source's title, an actor's name, a link's "cause → effect". */
export function entityName(doc: CausewayDocument, c: CollectionName, entity: Entity): string {
	const e = entity as Record<string, unknown>;
	if (c === 'links') {
		const title = (id: unknown) => findById(doc, 'events', String(id))?.title ?? String(id);
		return `${title(e.from)} → ${title(e.to)}`;
	}
	return String(e.title ?? e.name ?? entity.id);
}

/** The fields that differ between two versions of an entity (revision and timestamps aside). */
export function fieldChanges(before: Entity, after: Entity): FieldChange[] {
	const a = before as Record<string, unknown>;
	const b = after as Record<string, unknown>;
	return [...new Set([...Object.keys(a), ...Object.keys(b)])]
		.filter((k) => !META.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
		.map((field) => ({ field, before: a[field], after: b[field] }));
}

/** The preview of `plan` applied to `current`. */
export function previewImport(current: CausewayDocument, plan: ImportPlan): ImportPreview {
	const empty = <T>() => ({ events: [], actors: [], links: [], sources: [], claims: [] }) as Record<CollectionName, T[]>;
	const preview: ImportPreview = { added: empty(), changed: empty(), removed: empty() };
	const next = plan.document;
	for (const c of COLLECTIONS) {
		const overwritten = new Set(plan.overwritten[c] ?? []);
		for (const entity of next[c] as Entity[]) {
			const was = findById(current, c, entity.id) as Entity | undefined;
			if (!was) preview.added[c].push(entityName(next, c, entity));
			else if (overwritten.has(entity.id)) preview.changed[c].push({ name: entityName(next, c, entity), fields: fieldChanges(was, entity) });
		}
		for (const id of plan.removed[c] ?? []) {
			const was = findById(current, c, id) as Entity | undefined;
			if (was) preview.removed[c].push(entityName(current, c, was));
		}
	}
	return preview;
}
