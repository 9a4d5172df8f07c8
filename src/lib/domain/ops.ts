/**
 * Operations: what a client asks for (create this, update that with a patch, delete this one),
 * turned by `planChange` into the exact change to commit — ids, revisions and timestamps filled
 * in, cascades spelled out (an event's links go with it), every rule checked. Planning is pure: the
 * server and the browser can both do it, and a refused plan changes nothing.
 */
import { z } from './zod';
import { diffTouched, type Change } from './changes';
import { Draft } from './draft';
import { DomainError, invalid } from './errors';
import { newId } from './ids';
import { runAtOnce, STEP, type Steps } from './steps';
import {
	COLLECTIONS,
	id,
	schemas,
	type CausewayDocument,
	type CollectionName,
	type Entity,
	type EntityOf
} from './schema';

const collection = z.enum(COLLECTIONS);
const revision = z.number().int().min(1);

export const createOp = z.strictObject({ op: z.literal('create'), collection, value: z.unknown() });
export const updateOp = z.strictObject({
	op: z.literal('update'),
	collection,
	id,
	patch: z.unknown(),
	ifRevision: revision.optional()
});
export const deleteOp = z.strictObject({ op: z.literal('delete'), collection, id, ifRevision: revision.optional() });
export const op = z.discriminatedUnion('op', [createOp, updateOp, deleteOp]);
export type Op = z.infer<typeof op>;

/**
 * The most operations one batch takes. Undo sends a step back as one batch (revert.ts): the largest
 * step the editor makes — deleting an actor named by every event, or a source cited everywhere —
 * stays below it at the bench's 10,000 events. Imports are not undone through batches.
 */
export const MAX_BATCH_OPS = 10_000;

/** The body of `POST /api/changes`: operations applied in order, all or nothing. */
export const changeRequest = z.strictObject({
	// Counted before any operation is looked at: a body of 100,000 operations is refused at once.
	ops: z
		.array(z.unknown())
		.min(1)
		.max(MAX_BATCH_OPS, { error: (issue) => `a batch takes at most ${MAX_BATCH_OPS.toLocaleString('en-US')} operations (got ${(issue.input as unknown[]).length.toLocaleString('en-US')})` })
		.pipe(z.array(op))
});

export interface PlanOptions {
	/** The timestamp for createdAt/updatedAt (ISO). */
	now: string;
	/** Where an operation's value or patch sits, for issue paths; default `ops[i].value`. */
	pathOf?: (index: number, part: 'value' | 'patch') => string;
}

export interface Plan {
	doc: CausewayDocument;
	change: Change;
}

type Touched = { [K in CollectionName]?: Set<string> };

const label = (c: CollectionName) => c.slice(0, -1);

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw invalid(parsed.error, prefix);
	return parsed.data;
}

function existing<K extends CollectionName>(doc: Draft, c: K, entityId: string, ifRevision?: number): EntityOf[K] {
	const current = doc.find(c, entityId);
	if (!current) throw new DomainError('not_found', `${label(c)} "${entityId}" does not exist`);
	if (ifRevision !== undefined && current.revision !== ifRevision) {
		throw new DomainError(
			'stale',
			`${label(c)} "${entityId}" has changed since revision ${ifRevision}: it is at revision ${current.revision}`,
			undefined,
			current
		);
	}
	return current;
}

const withoutUndefined = <T extends object>(o: T): T =>
	Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const titleOf = (value: Record<string, unknown>) => String(value.title ?? value.name ?? 'item');

function planCreate(doc: Draft, c: CollectionName, value: unknown, prefix: string, now: string): Change {
	const input = parseOrThrow(schemas[c].input as z.ZodType<Record<string, unknown>>, value, prefix);
	const entityId = (input.id as string | undefined) ?? newId(titleOf(input), (x) => !!doc.find(c, x));
	const there = doc.find(c, entityId);
	// With the entity that is there, a client retrying a create whose answer it lost can tell its own.
	if (there) throw new DomainError('conflict', `${label(c)} "${entityId}" already exists`, undefined, there);
	const entity = withoutUndefined({ ...input, id: entityId, revision: 1, createdAt: now, updatedAt: now });
	return { [c]: { added: [entity] } };
}

function revised<T extends Entity>(before: T, fields: Partial<T>, now: string): T {
	return { ...before, ...fields, revision: before.revision + 1, updatedAt: now };
}

function planUpdate(
	doc: Draft,
	o: z.infer<typeof updateOp>,
	prefix: string,
	now: string
): Change | null {
	const current = existing(doc, o.collection, o.id, o.ifRevision) as Entity;
	const patch = parseOrThrow(schemas[o.collection].patch as z.ZodType<Record<string, unknown>>, o.patch, prefix);
	const next: Record<string, unknown> = { ...current };
	let changed = false;
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) continue;
		const before = (current as Record<string, unknown>)[key];
		if (value === null) {
			if (before !== undefined) (delete next[key], (changed = true));
		} else if (JSON.stringify(before) !== JSON.stringify(value)) {
			next[key] = value;
			changed = true;
		}
	}
	if (!changed) return null;
	const after = parseOrThrow(
		schemas[o.collection].entity as z.ZodType<Entity>,
		{ ...next, revision: current.revision + 1, updatedAt: now },
		prefix
	);
	return { [o.collection]: { updated: [[current, after]] } };
}

/**
 * What deleting an entity takes along: an event's links, an actor from events, a source's
 * citations, and the claims about whatever goes (an event's, its links', an actor's).
 */
function planDelete(doc: Draft, o: z.infer<typeof deleteOp>, now: string): Change {
	const current = existing(doc, o.collection, o.id, o.ifRevision);
	const change: Change = { [o.collection]: { removed: [current] } };
	const claims = o.collection === 'events' || o.collection === 'links' || o.collection === 'actors' ? doc.claimsAbout(o.collection, o.id) : [];
	if (o.collection === 'events') {
		const links = doc.linksOf(o.id);
		if (links.length) change.links = { removed: links };
		for (const l of links) claims.push(...doc.claimsAbout('links', l.id));
	}
	if (claims.length) change.claims = { removed: claims };
	if (o.collection === 'actors') {
		const events = doc.eventsNaming(o.id);
		if (events.length) {
			change.events = {
				updated: events.map((e) => [e, revised(e, { actorIds: e.actorIds.filter((a) => a !== o.id) }, now)])
			};
		}
	} else if (o.collection === 'sources') {
		const uncite = <T extends EntityOf['events'] | EntityOf['links'] | EntityOf['claims']>(items: T[]) =>
			items.map((x) => [x, revised(x, { sources: x.sources.filter((s) => s.sourceId !== o.id) } as Partial<T>, now)] as [T, T]);
		const citing = doc.citing(o.id);
		const events = uncite(citing.events);
		const links = uncite(citing.links);
		const claims = uncite(citing.claims);
		if (events.length) change.events = { updated: events };
		if (links.length) change.links = { updated: links };
		if (claims.length) change.claims = { updated: claims };
	}
	return change;
}

function touch(touched: Touched, change: Change) {
	for (const c of COLLECTIONS) {
		const diff = change[c];
		if (!diff) continue;
		const ids = (touched[c] ??= new Set());
		for (const e of diff.added ?? []) ids.add(e.id);
		for (const [e] of diff.updated ?? []) ids.add(e.id);
		for (const e of diff.removed ?? []) ids.add(e.id);
	}
}

/**
 * Plans operations against `doc`, in order, each seeing the ones before it. Returns the new
 * document and the one change that leads to it (empty when nothing changes). Throws a DomainError
 * — invalid (400), not_found (404), conflict (409), stale (412) — and then nothing is changed.
 */
export function planChange(doc: CausewayDocument, ops: Op[], options: PlanOptions): Plan {
	return runAtOnce(planChangeSteps(doc, ops, options));
}

/** planChange in steps (see steps.ts), for the server to plan a large batch between other requests. */
export function* planChangeSteps(doc: CausewayDocument, ops: Op[], options: PlanOptions): Steps<Plan> {
	const pathOf = options.pathOf ?? ((i, part) => `ops[${i}].${part}`);
	// One draft for the whole batch: a step costs what it touches, not a copy of a collection.
	const draft = new Draft(doc);
	const touched: Touched = {};
	for (const [i, o] of ops.entries()) {
		if (i % STEP === STEP - 1) yield;
		try {
			const step =
				o.op === 'create'
					? planCreate(draft, o.collection, o.value, pathOf(i, 'value'), options.now)
					: o.op === 'update'
						? planUpdate(draft, o, pathOf(i, 'patch'), options.now)
						: planDelete(draft, o, options.now);
			if (!step) continue;
			draft.apply(step);
			touch(touched, step);
		} catch (err) {
			if (err instanceof DomainError && ops.length > 1) {
				throw new DomainError(err.code, `ops[${i}]: ${err.message}`, err.issues, err.current);
			}
			throw err;
		}
	}
	const working = draft.toDocument();
	return { doc: working, change: diffTouched(doc, working, touched) };
}
