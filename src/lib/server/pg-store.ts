/**
 * The PostgreSQL store: the same contract as the file store, for several app servers on one
 * database. Each server keeps the document in memory (planning needs all of it) and moves it
 * forward only by changes the database has committed: its own, or other servers' read from the
 * change log when a NOTIFY says there are some. A commit is one transaction — lock the document
 * row, catch up if another server got there first, plan, write the touched entity rows, the change
 * rows and the revision, NOTIFY — so a revision check (If-Match) holds whichever server it reaches.
 * Edits arriving while a transaction runs share the next one (as the file store shares a write).
 */
import pg from 'pg';
import { diffTouched, isEmptyChange, type Change } from '$lib/domain/changes';
import { Draft } from '$lib/domain/draft';
import { getById } from '$lib/domain/collections';
import { DomainError } from '$lib/domain/errors';
import { planChange, type Op } from '$lib/domain/ops';
import { COLLECTIONS, SCHEMA_VERSION, type CausewayDocument, type CollectionName, type EntityOf } from '$lib/domain/schema';
import { DataFileError } from './durable-file';
import { CHANNEL, joinHub } from './pg-hub';
import { migrateDatabase } from './pg-schema';
import { committedOf, describeUrl, ensureDocument, loadDocument, touchedBy, unreachable, writeCommits, writeEntities, type ChangeRow, type Touched } from './pg-rows';
import { StoreWriteError } from './store';
import { initialDocument } from './store-files';
import type { CommitOptions, Committed, DocumentStore, Replaced, ReplaceOptions } from './store-contract';

export interface PgStoreOptions {
	/** postgres://user:password@host:port/database */
	url: string;
	/** Which document of the database (one row of causeway_documents). */
	document?: string;
	/** The document an empty database starts from. */
	seedFile?: string;
	now?: () => string;
}

/** Catching up further than this is slower than reloading: changesSince answers null. */
export const MAX_REPLAY = 10_000;

type Job =
	| { kind: 'ops'; ops: Op[]; options: CommitOptions; resolve: (c: Committed) => void; reject: (e: unknown) => void }
	| {
			kind: 'replace';
			plan: (current: CausewayDocument, now: string) => { document: CausewayDocument };
			options: ReplaceOptions;
			resolve: (r: Replaced<{ document: CausewayDocument }>) => void;
			reject: (e: unknown) => void;
	  };

export class PgStore implements DocumentStore {
	readonly file: string;
	readonly documentId: string;
	readonly #pool: pg.Pool;
	readonly #url: string;
	readonly #now: () => string;
	readonly #listeners = new Set<(c: Committed) => void>();
	#doc: CausewayDocument;
	#json: { doc: CausewayDocument; bytes: Buffer } | null = null;
	#jobs: Job[] = [];
	#running: Promise<void> | null = null;
	readonly #leave: () => Promise<void>;
	#closing = false;
	#deleted = false;
	#catchingUp: Promise<void> | null = null;
	#catchUpAgain = false;
	/** How many transactions have committed since opening (several edits can share one). */
	transactions = 0;

	private constructor(url: string, documentId: string, pool: pg.Pool, leave: () => Promise<void>, doc: CausewayDocument, now: () => string) {
		this.#url = url;
		this.documentId = documentId;
		this.file = `${describeUrl(url)}#${documentId}`;
		this.#pool = pool;
		this.#leave = leave;
		this.#doc = doc;
		this.#now = now;
	}

	/**
	 * Opens the document `document` (default "default") of the database at `url`: brings the tables
	 * to this version (or refuses a newer one), creates the document from the seed when absent,
	 * loads it and starts listening for other servers' commits.
	 */
	static async open({ url, document = 'default', seedFile, now = () => new Date().toISOString() }: PgStoreOptions): Promise<PgStore> {
		// Notifications can come before the store exists (they are caught up on once it does).
		let store: PgStore | undefined;
		const follower = {
			notice: (revision: number) => {
				if (store && revision > store.#doc.revision) store.#catchUpFromNotice();
			},
			reconnected: () => {
				if (store) store.#catchUpFromNotice();
			},
			deleted: () => {
				if (store) store.#deleted = true;
			}
		};
		let joined: { pool: pg.Pool; leave: () => Promise<void> } | undefined;
		try {
			joined = await joinHub(url, document, follower);
			const client = await joined.pool.connect();
			let doc: CausewayDocument | undefined;
			try {
				await migrateDatabase(client);
				await ensureDocument(client, document, () => initialDocument(seedFile));
				doc = await loadDocument(client, document);
				if (!doc) throw new DataFileError(`the document "${document}" vanished from ${describeUrl(url)} while it was opened`);
			} finally {
				client.release();
			}
			store = new PgStore(url, document, joined.pool, joined.leave, doc, now);
			if (doc.schemaVersion !== SCHEMA_VERSION) await store.#rewriteAll();
			// What was committed between loading and now.
			store.#catchUpFromNotice();
			return store;
		} catch (err) {
			await joined?.leave();
			throw unreachable(url, err);
		}
	}

	get document(): CausewayDocument {
		return this.#doc;
	}

	/** Plans happen inside the transaction, against what the database has: the same as `document`. */
	get latest(): CausewayDocument {
		return this.#doc;
	}

	documentJson(): Buffer {
		if (this.#json?.doc !== this.#doc) this.#json = { doc: this.#doc, bytes: Buffer.from(JSON.stringify(this.#doc) + '\n') };
		return this.#json.bytes;
	}

	list<K extends CollectionName>(collection: K): EntityOf[K][] {
		return this.#doc[collection] as EntityOf[K][];
	}

	get<K extends CollectionName>(collection: K, id: string): EntityOf[K] {
		return getById(this.#doc, collection, id);
	}

	commit(ops: Op[], options: CommitOptions = {}): Promise<Committed> {
		return new Promise((resolve, reject) => this.#enqueue({ kind: 'ops', ops, options, resolve, reject }));
	}

	/** An import: one commit; with `backup`, the replaced document is kept in causeway_backups in the same transaction. */
	replaceDocument<T extends { document: CausewayDocument }>(plan: (current: CausewayDocument, now: string) => T, options: ReplaceOptions = {}): Promise<Replaced<T>> {
		return new Promise((resolve, reject) =>
			this.#enqueue({ kind: 'replace', plan, options, resolve: resolve as (r: Replaced<{ document: CausewayDocument }>) => void, reject })
		);
	}

	async changesSince(revision: number): Promise<Committed[] | null> {
		const current = this.#doc.revision;
		if (revision >= current) return [];
		if (current - revision > MAX_REPLAY) return null;
		const rows = await this.#changeRows(this.#pool, revision, current);
		if (rows.length !== current - revision) return null;
		return rows.map(committedOf);
	}

	/** The logged commits that added, changed or removed `id` in `collection`, oldest first. */
	async history(collection: CollectionName, id: string): Promise<Committed[]> {
		const { rows } = await this.#pool.query(
			`SELECT revision, change, title, author, at FROM causeway_changes
			 WHERE document = $1 AND revision <= $2
			   AND (jsonb_path_exists(change -> $3::text, '$.*[*] ? (@.id == $id)', jsonb_build_object('id', $4::text))
			     OR jsonb_path_exists(change -> $3::text, '$.updated[*][*] ? (@.id == $id)', jsonb_build_object('id', $4::text)))
			 ORDER BY revision`,
			[this.documentId, this.#doc.revision, collection, id]
		);
		return (rows as ChangeRow[]).map(committedOf);
	}

	subscribe(listener: (c: Committed) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Another server deleted the document: this store holds what it was, and the registry lets it go. */
	get deleted(): boolean {
		return this.#deleted;
	}

	get backupFolder(): string {
		return `the causeway_backups table of ${describeUrl(this.#url)}`;
	}

	async close(): Promise<void> {
		this.#closing = true;
		while (this.#running) await this.#running;
		await this.#catchingUp;
		await this.#leave();
	}

	/** Nothing to let go of: the database forgets a dead server's connections by itself. */
	releaseLock(): void {}

	// --- commits ---

	#enqueue(job: Job) {
		if (this.#closing) return job.reject(new StoreWriteError(new Error('the store is closing')));
		this.#jobs.push(job);
		this.#running ??= this.#drain();
	}

	async #drain() {
		while (this.#jobs.length) {
			const batch = this.#jobs.splice(0);
			try {
				await this.#transaction(batch);
			} catch (err) {
				for (const job of batch) job.reject(err instanceof DomainError ? err : new StoreWriteError(err));
			}
		}
		this.#running = null;
	}

	/**
	 * One transaction for every job waiting. Each job is planned on top of the ones before it; a
	 * refused one is rejected at once and leaves the others be. The jobs that change something are
	 * answered only after COMMIT.
	 */
	async #transaction(batch: Job[]) {
		const client = await this.#pool.connect();
		let broken = false;
		try {
			await client.query('BEGIN');
			const locked = await client.query('SELECT revision FROM causeway_documents WHERE id = $1 FOR UPDATE', [this.documentId]);
			if (!locked.rows.length) {
				// Deleted by another server, before its notice came.
				this.#deleted = true;
				throw new DomainError('not_found', `there is no document "${this.documentId}" (it was deleted)`);
			}
			const stored = Number(locked.rows[0].revision);
			if (stored > this.#doc.revision) await this.#catchUp(client, stored);
			if (this.#doc.revision !== stored) throw new Error(`could not catch up to revision ${stored} (at ${this.#doc.revision})`);

			const base = this.#doc;
			let doc = base;
			const done: { job: Job; doc: CausewayDocument; committed: Committed; extra?: Record<string, unknown> }[] = [];
			const unchanged: { job: Job; extra?: Record<string, unknown> }[] = [];
			const backups: CausewayDocument[] = [];
			for (const job of batch) {
				const now = this.#now();
				try {
					let next: CausewayDocument;
					let change: Change;
					let extra: Record<string, unknown> | undefined;
					if (job.kind === 'ops') {
						const plan = planChange(doc, job.ops, { now, pathOf: job.options.pathOf });
						next = plan.doc;
						change = plan.change;
						if (isEmptyChange(change)) {
							unchanged.push({ job });
							continue;
						}
					} else {
						const result = job.plan(doc, now);
						next = result.document;
						const ids: Touched = {};
						for (const c of COLLECTIONS) ids[c] = new Set([...doc[c].map((x) => x.id), ...next[c].map((x) => x.id)]);
						change = diffTouched(doc, next, ids);
						extra = { result };
						if (isEmptyChange(change) && next.title === doc.title) {
							unchanged.push({ job, extra });
							continue;
						}
						if (job.options.backup) backups.push(doc);
					}
					next = { ...next, revision: doc.revision + 1 };
					const author = job.options.author;
					done.push({ job, doc: next, extra, committed: { revision: next.revision, change, title: next.title, at: now, ...(author ? { author } : {}) } });
					doc = next;
				} catch (err) {
					job.reject(err);
				}
			}
			if (!done.length) {
				await client.query('ROLLBACK');
				this.#answerUnchanged(unchanged);
				return;
			}

			const touched: Touched = {};
			for (const d of done) touchedBy(d.committed.change, touched);
			const backupIds: string[] = [];
			for (const b of backups) {
				const r = await client.query('INSERT INTO causeway_backups (document, revision, data) VALUES ($1, $2, $3) RETURNING id', [this.documentId, b.revision, JSON.stringify(b)]);
				backupIds.push(String(r.rows[0].id));
			}
			await writeCommits(client, this.documentId, doc, done.map((d) => d.committed), touched, CHANNEL);
			await client.query('COMMIT');
			this.transactions++;

			for (const d of done) {
				// The listener may already have read our own commit back from the log.
				if (d.doc.revision === this.#doc.revision + 1) this.#advance(d.doc, d.committed);
				if (d.job.kind === 'ops') d.job.resolve(d.committed);
				else {
					const backupFile = d.job.options.backup ? `causeway_backups #${backupIds.shift()}` : undefined;
					d.job.resolve({ committed: d.committed, result: d.extra!.result as { document: CausewayDocument }, ...(backupFile && { backupFile }) });
				}
			}
			this.#answerUnchanged(unchanged);
		} catch (err) {
			broken = true;
			await client.query('ROLLBACK').catch(() => {});
			throw err;
		} finally {
			// A client whose connection failed mid-transaction is not given back to the pool.
			client.release(broken ? true : undefined);
		}
	}

	#answerUnchanged(unchanged: { job: Job; extra?: Record<string, unknown> }[]) {
		const committed = { revision: this.#doc.revision, change: {} };
		for (const { job, extra } of unchanged) {
			if (job.kind === 'ops') job.resolve(committed);
			else job.resolve({ committed, result: extra!.result as { document: CausewayDocument } });
		}
	}

	#advance(doc: CausewayDocument, committed: Committed) {
		this.#doc = doc;
		this.#tell(committed);
	}

	#tell(committed: Committed) {
		for (const listener of this.#listeners) listener(committed);
	}

	// --- other servers' commits ---

	#changeRows(db: pg.ClientBase | pg.Pool, after: number, upTo: number): Promise<ChangeRow[]> {
		return db
			.query('SELECT revision, change, title, author, at FROM causeway_changes WHERE document = $1 AND revision > $2 AND revision <= $3 ORDER BY revision', [
				this.documentId,
				after,
				upTo
			])
			.then((r) => r.rows as ChangeRow[]);
	}

	/** Applies the logged changes after the revision held in memory, up to `upTo`, in order, telling subscribers. */
	async #catchUp(db: pg.ClientBase | pg.Pool, upTo: number) {
		const rows = await this.#changeRows(db, this.#doc.revision, upTo);
		// Something else (our own commit, or another catch-up) may have got here meanwhile.
		const fresh = rows.filter((row) => row.revision > this.#doc.revision);
		if (!fresh.length || fresh[0].revision !== this.#doc.revision + 1) return;
		// One draft for all of them: a new copy of a 10,000-event collection per change would
		// be most of the work of following a busy server.
		const draft = new Draft(this.#doc);
		let title = this.#doc.title;
		try {
			for (const row of fresh) {
				draft.apply(row.change);
				title = row.title ?? title;
			}
		} catch {
			// The log and memory disagree (they should not): the database is right.
			console.error(`PostgreSQL: a change of "${this.documentId}" after revision ${this.#doc.revision} does not apply here; reloading the document`);
			const loaded = await loadDocument(db, this.documentId);
			if (loaded) this.#doc = loaded;
			return;
		}
		this.#doc = { ...draft.toDocument(), revision: fresh[fresh.length - 1].revision, title };
		for (const row of fresh) this.#tell(committedOf(row));
	}

	/** Catches up now, or once more after the catch-up in flight (notifications can come in bursts). */
	#catchUpFromNotice() {
		if (this.#catchingUp) {
			this.#catchUpAgain = true;
			return;
		}
		this.#catchingUp = (async () => {
			do {
				this.#catchUpAgain = false;
				try {
					await this.#catchUp(this.#pool, MAX_SAFE_REVISION);
				} catch (err) {
					if (!this.#closing) console.error(`PostgreSQL: catching up failed: ${(err as Error).message}`);
				}
			} while (this.#catchUpAgain && !this.#closing);
			this.#catchingUp = null;
		})();
	}

	/** Rewrites every row after the document was brought to this schema version on loading. */
	async #rewriteAll() {
		const client = await this.#pool.connect();
		try {
			await client.query('BEGIN');
			await client.query('DELETE FROM causeway_entities WHERE document = $1', [this.documentId]);
			const all: Touched = {};
			for (const c of COLLECTIONS) all[c] = new Set(this.#doc[c].map((e) => e.id));
			await writeEntities(client, this.documentId, this.#doc, all);
			await client.query('UPDATE causeway_documents SET schema_version = $2 WHERE id = $1', [this.documentId, this.#doc.schemaVersion]);
			await client.query('COMMIT');
		} catch (err) {
			await client.query('ROLLBACK').catch(() => {});
			throw err;
		} finally {
			client.release();
		}
	}
}

const MAX_SAFE_REVISION = 2 ** 31 - 1;
