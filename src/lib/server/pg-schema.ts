/**
 * The PostgreSQL store's tables and their migrations. `causeway_schema` holds the version the
 * tables are at; a server finding an older version brings it forward (in one transaction, under an
 * advisory lock so that two servers starting together do it once), and refuses a newer one.
 */
import type pg from 'pg';
import { DataFileError } from './durable-file';

/** Each step takes the tables from the version before it to its own (index + 1). */
export const MIGRATIONS: readonly string[] = [
	// 1: documents, one row per entity, the change log.
	`CREATE TABLE causeway_documents (
		id text PRIMARY KEY,
		title text NOT NULL,
		revision integer NOT NULL,
		schema_version integer NOT NULL
	);
	CREATE TABLE causeway_entities (
		document text NOT NULL REFERENCES causeway_documents (id) ON DELETE CASCADE,
		collection text NOT NULL,
		id text NOT NULL,
		data jsonb NOT NULL,
		PRIMARY KEY (document, collection, id)
	);
	CREATE TABLE causeway_changes (
		document text NOT NULL REFERENCES causeway_documents (id) ON DELETE CASCADE,
		revision integer NOT NULL,
		change jsonb NOT NULL,
		title text,
		author text,
		at timestamptz NOT NULL,
		PRIMARY KEY (document, revision)
	);`,
	// 2: the documents a replace-import replaced (the file store keeps them in backups/).
	`CREATE TABLE causeway_backups (
		id bigserial PRIMARY KEY,
		document text NOT NULL,
		revision integer NOT NULL,
		taken_at timestamptz NOT NULL DEFAULT now(),
		data jsonb NOT NULL
	);`
];

export const DATABASE_SCHEMA_VERSION = MIGRATIONS.length;

/** Any number, the same in every server: serialises migrations and seeding across servers. */
export const MIGRATION_LOCK = 0x6361757365; // "cause"

export class DatabaseSchemaError extends DataFileError {
	constructor(message: string) {
		super(message);
		this.name = 'DatabaseSchemaError';
	}
}

/** The version the tables are at: 0 for a database Causeway has never used. */
export async function schemaVersion(client: pg.ClientBase): Promise<number> {
	const table = await client.query(`SELECT to_regclass('causeway_schema') AS t`);
	if (!table.rows[0].t) return 0;
	const { rows } = await client.query('SELECT version FROM causeway_schema');
	return rows.length ? Number(rows[0].version) : 0;
}

/**
 * Brings the tables to `target` (by default this Causeway's version). Returns the version found.
 * Throws a DatabaseSchemaError, changing nothing, when the database is newer than `target`.
 */
export async function migrateDatabase(client: pg.ClientBase, target = DATABASE_SCHEMA_VERSION): Promise<number> {
	await client.query('BEGIN');
	try {
		await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		const found = await schemaVersion(client);
		if (found > target) {
			throw new DatabaseSchemaError(
				`the database's Causeway tables are at schema version ${found}, newer than this Causeway knows (${target}). ` +
					'A newer Causeway has used this database: run that version, or upgrade this one; the database was left as it is.'
			);
		}
		for (let v = found + 1; v <= target; v++) await client.query(MIGRATIONS[v - 1]);
		if (found < target) {
			await client.query('CREATE TABLE IF NOT EXISTS causeway_schema (version integer NOT NULL)');
			await client.query('DELETE FROM causeway_schema');
			await client.query('INSERT INTO causeway_schema (version) VALUES ($1)', [target]);
		}
		await client.query('COMMIT');
		return found;
	} catch (err) {
		await client.query('ROLLBACK').catch(() => {});
		throw err;
	}
}
