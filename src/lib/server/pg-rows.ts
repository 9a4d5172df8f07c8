/**
 * The PostgreSQL store's rows: a document read from and written to its tables, the change log's
 * rows as commits, and the messages for a database that cannot be used. Shared by the store
 * (pg-store.ts) and the migrate command.
 */
import pg from 'pg';
import type { Change } from '$lib/domain/changes';
import { findById } from '$lib/domain/collections';
import { parseDocument } from '$lib/domain/document';
import { DomainError } from '$lib/domain/errors';
import { COLLECTIONS, type CausewayDocument, type CollectionName } from '$lib/domain/schema';
import { DataFileError } from './durable-file';
import { migrateDatabase, MIGRATION_LOCK } from './pg-schema';
import type { Committed } from './store-contract';

export type Touched = { [K in CollectionName]?: Set<string> };

export interface ChangeRow {
	revision: number;
	change: Change;
	title: string | null;
	author: string | null;
	at: Date;
}

export const committedOf = (row: ChangeRow): Committed => ({
	revision: row.revision,
	change: row.change,
	...(row.title !== null && { title: row.title }),
	...(row.author !== null && { author: row.author }),
	at: row.at.toISOString()
});

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return 'CAUSEWAY_DATABASE_URL (which is not a valid URL)';
	}
}

export function unreachable(url: string, err: unknown): Error {
	if (err instanceof DataFileError || err instanceof DomainError) return err;
	return new DataFileError(
		`cannot use the database ${describeUrl(url)}: ${(err as Error)?.message ?? err}. ` +
			'Check that PostgreSQL is running and that CAUSEWAY_DATABASE_URL names a database this user may use (see the README, "PostgreSQL").'
	);
}

/** Every entity the change touched, by collection. */
export function touchedBy(change: Change, into: Touched = {}) {
	for (const c of COLLECTIONS) {
		const diff = change[c];
		if (!diff) continue;
		const ids = (into[c] ??= new Set());
		for (const e of diff.added ?? []) ids.add(e.id);
		for (const [, after] of diff.updated ?? []) ids.add(after.id);
		for (const e of diff.removed ?? []) ids.add(e.id);
	}
	return into;
}

/** Loads a document's rows; undefined when the database has no such document. */
export async function loadDocument(db: pg.ClientBase | pg.Pool, id: string): Promise<CausewayDocument | undefined> {
	const head = await db.query('SELECT title, revision, schema_version FROM causeway_documents WHERE id = $1', [id]);
	if (!head.rows.length) return undefined;
	const { title, revision, schema_version } = head.rows[0];
	const doc: Record<string, unknown> = { schemaVersion: schema_version, revision, title, ...Object.fromEntries(COLLECTIONS.map((c) => [c, []])) };
	const rows = await db.query('SELECT collection, data FROM causeway_entities WHERE document = $1', [id]);
	for (const { collection, data } of rows.rows) (doc[collection] as unknown[] | undefined)?.push(data);
	return parseDocument(doc);
}

/** The rows of the `touched` entities as `doc` has them: those present to upsert, the others to delete. */
function entityRows(doc: CausewayDocument, touched: Touched) {
	const upsert: [string[], string[], string[]] = [[], [], []];
	const remove: [string[], string[]] = [[], []];
	for (const c of COLLECTIONS) {
		for (const id of touched[c] ?? []) {
			const entity = findById(doc, c, id);
			if (entity) {
				upsert[0].push(c);
				upsert[1].push(id);
				upsert[2].push(JSON.stringify(entity));
			} else {
				remove[0].push(c);
				remove[1].push(id);
			}
		}
	}
	return { upsert, remove };
}

const DELETE_ENTITIES =
	'DELETE FROM causeway_entities e USING unnest($2::text[], $3::text[]) AS r(collection, id) WHERE e.document = $1 AND e.collection = r.collection AND e.id = r.id';
const UPSERT_ENTITIES = (from: number) => `INSERT INTO causeway_entities (document, collection, id, data)
	SELECT $1, * FROM unnest($${from}::text[], $${from + 1}::text[], $${from + 2}::jsonb[])
	ON CONFLICT (document, collection, id) DO UPDATE SET data = EXCLUDED.data`;

/** Writes the rows of the `touched` entities as `doc` has them: present ones upserted, absent ones deleted. */
export async function writeEntities(db: pg.ClientBase, document: string, doc: CausewayDocument, touched: Touched) {
	const { upsert, remove } = entityRows(doc, touched);
	if (remove[0].length) await db.query(DELETE_ENTITIES, [document, ...remove]);
	if (upsert[0].length) await db.query(UPSERT_ENTITIES(2), [document, ...upsert]);
}

/**
 * Everything a group of commits writes, in one statement (one round trip while the document's row
 * is locked, instead of five): the touched entities, the change-log rows, the document's new
 * revision, and the notification (PostgreSQL delivers it at COMMIT).
 */
export async function writeCommits(db: pg.ClientBase, document: string, doc: CausewayDocument, commits: Committed[], touched: Touched, channel: string) {
	const { upsert, remove } = entityRows(doc, touched);
	await db.query(
		`WITH gone AS (${DELETE_ENTITIES}),
		put AS (${UPSERT_ENTITIES(4)}),
		logged AS (INSERT INTO causeway_changes (document, revision, change, title, author, at)
			SELECT $1, * FROM unnest($7::integer[], $8::jsonb[], $9::text[], $10::text[], $11::timestamptz[])),
		moved AS (UPDATE causeway_documents SET title = $12, revision = $13, schema_version = $14 WHERE id = $1)
		SELECT pg_notify($15, $16)`,
		[
			document,
			...remove,
			...upsert,
			commits.map((c) => c.revision),
			commits.map((c) => JSON.stringify(c.change)),
			commits.map((c) => c.title ?? null),
			commits.map((c) => c.author ?? null),
			commits.map((c) => c.at),
			doc.title,
			doc.revision,
			doc.schemaVersion,
			channel,
			JSON.stringify({ document, revision: doc.revision })
		]
	);
}

/** Creates the document from `seed` unless it exists (another server may be doing the same); true when it did. */
export async function ensureDocument(client: pg.ClientBase, id: string, seed: () => Promise<CausewayDocument>): Promise<boolean> {
	await client.query('BEGIN');
	try {
		await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		const exists = await client.query('SELECT 1 FROM causeway_documents WHERE id = $1', [id]);
		if (!exists.rows.length) await insertDocument(client, id, await seed());
		await client.query('COMMIT');
		return !exists.rows.length;
	} catch (err) {
		await client.query('ROLLBACK').catch(() => {});
		throw err;
	}
}

/** Inserts a whole document as a new row and its entities (inside the caller's transaction). */
export async function insertDocument(client: pg.ClientBase, id: string, doc: CausewayDocument) {
	await client.query('INSERT INTO causeway_documents (id, title, revision, schema_version) VALUES ($1, $2, $3, $4)', [id, doc.title, doc.revision, doc.schemaVersion]);
	const all: Touched = {};
	for (const c of COLLECTIONS) all[c] = new Set(doc[c].map((e) => e.id));
	await writeEntities(client, id, doc, all);
}

/**
 * Puts `doc` into the database as the document `id`, revision and all, when the database does not
 * hold that document yet (bringing the tables to this version first). False when it already does.
 */
export async function createDocument(url: string, doc: CausewayDocument, id = 'default'): Promise<boolean> {
	const client = new pg.Client({ connectionString: url });
	try {
		await client.connect();
		await migrateDatabase(client);
		return await ensureDocument(client, id, async () => doc);
	} catch (err) {
		throw unreachable(url, err);
	} finally {
		await client.end().catch(() => {});
	}
}

/** Whether the database holds the document `id` (without creating tables or documents). */
export async function hasDocument(url: string, id = 'default'): Promise<boolean> {
	const client = new pg.Client({ connectionString: url });
	try {
		await client.connect();
		const table = await client.query(`SELECT to_regclass('causeway_documents') AS t`);
		return Boolean(table.rows[0].t) && (await client.query('SELECT 1 FROM causeway_documents WHERE id = $1', [id])).rows.length > 0;
	} catch (err) {
		throw unreachable(url, err);
	} finally {
		await client.end().catch(() => {});
	}
}
