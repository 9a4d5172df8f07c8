/**
 * The documents of a PostgreSQL database, as the documents registry needs them (made, found,
 * listed, put away): the same shape as the lowdb files' place, so that the registry takes either.
 * The default document is the one called "default"; a deleted one is kept in causeway_backups.
 */
import pg from 'pg';
import { DomainError } from '$lib/domain/errors';
import type { CausewayDocument } from '$lib/domain/schema';
import { createDocument, hasDocument, loadDocument, unreachable } from './pg-rows';
import { CHANNEL } from './pg-hub';
import { PgStore } from './pg-store';
import type { DocumentStore } from './store-contract';

const DEFAULT = 'default';

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	try {
		await client.connect();
		return await run(client);
	} catch (err) {
		throw unreachable(url, err);
	} finally {
		await client.end().catch(() => {});
	}
}

export function pgDocuments(url: string, seedFile?: string) {
	return {
		/** The store of `id`; made from `initial` when given (it must not exist yet). */
		async open(id: string, initial?: CausewayDocument): Promise<DocumentStore> {
			if (initial && !(await createDocument(url, initial, id))) throw new DomainError('conflict', `a document "${id}" exists already`);
			return PgStore.open({ url, document: id, seedFile: id === DEFAULT ? seedFile : undefined });
		},

		exists: (id: string): Promise<boolean> => hasDocument(url, id),

		/** The ids of the documents other than the default one. */
		ids: (): Promise<string[]> =>
			withClient(url, async (client) => {
				const table = await client.query(`SELECT to_regclass('causeway_documents') AS t`);
				if (!table.rows[0].t) return [];
				const { rows } = await client.query('SELECT id FROM causeway_documents WHERE id <> $1', [DEFAULT]);
				return rows.map((r) => r.id as string);
			}),

		/**
		 * Deletes a document, keeping it whole in causeway_backups first (one transaction). The copy
		 * is what the database holds under the row's lock, not this server's memory, which may not
		 * have caught up with another server's last edit; of two servers deleting at once, the second
		 * finds nothing and says so.
		 */
		remove: (id: string): Promise<{ backup: string }> =>
			withClient(url, async (client) => {
				await client.query('BEGIN');
				try {
					const locked = await client.query('SELECT 1 FROM causeway_documents WHERE id = $1 FOR UPDATE', [id]);
					const doc = locked.rows.length ? await loadDocument(client, id) : undefined;
					if (!doc) throw new DomainError('not_found', `there is no document "${id}" (it was deleted)`);
					const kept = await client.query('INSERT INTO causeway_backups (document, revision, data) VALUES ($1, $2, $3) RETURNING id', [
						id,
						doc.revision,
						JSON.stringify(doc)
					]);
					// Its entities and change log go with it (ON DELETE CASCADE).
					await client.query('DELETE FROM causeway_documents WHERE id = $1', [id]);
					// The other servers let go of their open store of it (delivered at COMMIT).
					await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ document: id, deleted: true })]);
					await client.query('COMMIT');
					return { backup: `causeway_backups #${kept.rows[0].id}` };
				} catch (err) {
					await client.query('ROLLBACK').catch(() => {});
					throw err;
				}
			})
	};
}
