/**
 * Our own format: `{format: "causeway", schemaVersion, exportedAt, title, events, actors, links,
 * sources}`, every entity whole (ids, revisions, timestamps), so export → import → export gives the
 * same file. A record written by hand needs only what a create needs (`{"title", "start", "kind"}`
 * is an event, `{"from", "to", "relation"}` a link): id, revision and timestamps are filled in as a
 * create fills them. Reading also takes a bare document (GET /api/document, the data file, a
 * backup), and files of earlier schema versions through the migration table.
 */
import { z } from '../zod';
import { newId } from '../ids';
import { causewayDocument, COLLECTIONS, SCHEMA_VERSION, schemas, type CausewayDocument, type CollectionName, type Entity } from '../schema';
import { formatPath, type Issue } from '../errors';
import { STEP, type Steps } from '../steps';
import { checkCap, enough } from './limits';
import { assemble, inSchemaOrder, messageOf, problem, problems, type LocatedCollections } from './common';
import { migrate } from './migrations';
import type { ImportedDocument } from './types';

const { title, events, actors, links, sources, claims } = causewayDocument.shape;

/** The export file, as published in static/schema/causeway-2.json. */
export const causewayFile = z.strictObject({
	format: z.literal('causeway'),
	schemaVersion: z.literal(SCHEMA_VERSION),
	exportedAt: z.iso.datetime(),
	title,
	events,
	actors,
	links,
	sources,
	claims
});
export type CausewayFile = z.infer<typeof causewayFile>;

/** Revision and timestamps: an exported record has them, one written by hand need not. */
const recordMeta = {
	revision: z.number().int().min(1).optional(),
	createdAt: z.iso.datetime().optional(),
	updatedAt: z.iso.datetime().optional()
};

/** A causeway file's records as read: each entity as a create input, with the meta an export gives kept when present. */
const recordSchemas = {
	events: schemas.events.input.safeExtend(recordMeta),
	actors: schemas.actors.input.safeExtend(recordMeta),
	links: schemas.links.input.safeExtend(recordMeta),
	sources: schemas.sources.input.safeExtend(recordMeta),
	claims: schemas.claims.input.safeExtend(recordMeta)
};

type FileRecord = { id?: string; revision?: number; createdAt?: string; updatedAt?: string } & Record<string, unknown>;

/** A record made whole as a create would make it: an id from its title, revision 1, `now` as its timestamps. */
function wholeEntities(records: FileRecord[], now: string): Entity[] {
	const ids = new Set(records.map((r) => r.id).filter(Boolean));
	return records.map((r) => {
		const id = r.id ?? newId(String(r.title ?? r.name ?? 'item'), (x) => ids.has(x));
		ids.add(id);
		const createdAt = r.createdAt ?? now;
		return { ...r, id, revision: r.revision ?? 1, createdAt, updatedAt: r.updatedAt ?? createdAt } as Entity;
	});
}

/** The document as a causeway file (pretty-printed: exports are read, diffed and kept in git). */
/**
 * The document as a causeway file, in pieces of UTF-8 (the envelope, then each record), so that a
 * large document can be sent as it is encoded instead of built whole in memory. Joined, the pieces
 * are exactly `JSON.stringify(file, null, 2) + "\n"`.
 */
export function* exportCausewayChunks(doc: CausewayDocument, now: Date): Generator<Uint8Array> {
	const head = { format: 'causeway', schemaVersion: SCHEMA_VERSION, exportedAt: now.toISOString(), title: doc.title };
	yield utf8.encode(JSON.stringify(head, null, 2).slice(0, -2));
	for (const collection of COLLECTIONS_IN_FILE) {
		const items = doc[collection] as Entity[];
		if (!items.length) {
			yield utf8.encode(`,\n  ${JSON.stringify(collection)}: []`);
			continue;
		}
		yield utf8.encode(`,\n  ${JSON.stringify(collection)}: [\n    `);
		for (let i = 0; i < items.length; i++) {
			if (i) yield BETWEEN_RECORDS;
			yield recordBytes(collection, items[i]);
		}
		yield utf8.encode('\n  ]');
	}
	yield utf8.encode('\n}\n');
}

const utf8 = new TextEncoder();
const BETWEEN_RECORDS = utf8.encode(',\n    ');

/**
 * Each record's bytes in the file, kept by identity: records are immutable (an edit makes new
 * objects), so an export after a few edits encodes only those and copies the rest.
 */
const recordCache = new WeakMap<object, Uint8Array>();

function recordBytes(collection: CollectionName, record: Entity): Uint8Array {
	let bytes = recordCache.get(record);
	if (!bytes) recordCache.set(record, (bytes = utf8.encode(JSON.stringify(inSchemaOrder(collection, record), null, 2).replace(/\n/g, '\n    '))));
	return bytes;
}

/** The order of the collections in a causeway file. */
const COLLECTIONS_IN_FILE = ['events', 'actors', 'links', 'sources', 'claims'] as const;

/** The pieces joined into one buffer. */
export function joinPieces(pieces: Iterable<Uint8Array>): Uint8Array<ArrayBuffer> {
	const list = [...pieces];
	const out = new Uint8Array(list.reduce((n, p) => n + p.byteLength, 0));
	let at = 0;
	for (const p of list) {
		out.set(p, at);
		at += p.byteLength;
	}
	return out;
}

/** The document as a causeway file's text. */
export function exportCauseway(doc: CausewayDocument, now: Date): string {
	return new TextDecoder().decode(joinPieces(exportCausewayChunks(doc, now)));
}

/** True for a causeway file or a bare document. */
export function looksLikeCauseway(value: Record<string, unknown>): boolean {
	return value.format === 'causeway' || (value.format === undefined && 'schemaVersion' in value && Array.isArray(value.events));
}

// The envelope is checked on its own and the entities one by one, so that checking can stop
// after the first problems (a file of a million empty events would otherwise make a million lists of them).
const lists = Object.fromEntries(COLLECTIONS.map((c) => [c, z.array(z.unknown())])) as Record<CollectionName, z.ZodArray<z.ZodUnknown>>;
const documentEnvelope = causewayDocument.extend(lists);
const fileEnvelope = causewayFile.extend(lists);

const issuesOf = (error: z.ZodError, prefix = '') => error.issues.map((i) => ({ path: formatPath(i.path, prefix) || '(file)', message: messageOf(i) }));

/**
 * Reads a causeway file (or a bare document) of any schema version, validated whole. A bare
 * document holds stored entities; a file's records need only what a create needs, and `now`
 * stamps those written by hand.
 */
export function* readCauseway(value: Record<string, unknown>, now: string = new Date().toISOString()): Steps<ImportedDocument> {
	if (value.format !== undefined && value.format !== 'causeway') throw problem('format', `expected "causeway", got ${JSON.stringify(value.format)}`);
	const current = migrate(value);
	for (const c of COLLECTIONS) checkCap(c, current[c], c);
	const bare = current.format === undefined;
	const envelope = (bare ? documentEnvelope : fileEnvelope).safeParse(current);
	if (!envelope.success) throw problems('invalid', issuesOf(envelope.error));
	const issues: Issue[] = [];
	const file = { ...envelope.data } as unknown as Record<CollectionName, Entity[]> & { title: string };
	for (const c of COLLECTIONS) {
		const schema = (bare ? schemas[c].entity : recordSchemas[c]) as z.ZodType<Record<string, unknown>>;
		const read: Record<string, unknown>[] = [];
		for (const [i, raw] of envelope.data[c].entries()) {
			if (enough(issues)) break;
			if (i % STEP === 0) yield;
			const parsed = schema.safeParse(raw);
			if (parsed.success) read.push(parsed.data);
			else issues.push(...issuesOf(parsed.error, `${c}[${i}]`));
		}
		file[c] = bare ? (read as unknown as Entity[]) : wholeEntities(read as FileRecord[], now);
	}
	if (issues.length) throw problems('invalid', issues);
	const located = {} as LocatedCollections;
	for (const c of COLLECTIONS) {
		(located as Record<CollectionName, unknown>)[c] = file[c].map((entity, i) => ({ entity, at: (path: readonly PropertyKey[]) => formatPath(path, `${c}[${i}]`) }));
	}
	const { document, locate } = assemble(located, { title: file.title });
	return { format: 'causeway', title: file.title, collections: [...COLLECTIONS], document, locate };
}
