/**
 * The store: one document in memory, one writer per data file (the lock), edits funnelled through
 * `commit`. A commit is acknowledged once its record is appended to the journal and fsynced (edits
 * arriving meanwhile share the next append: the commit queue); the snapshot (the lowdb JSON file)
 * is rewritten in the background, never holding up an acknowledgement. At start-up the journal's
 * lines after the snapshot's revision are replayed onto it. Readers see only what is durable.
 */
import { access, mkdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { applyChange, diffTouched, isEmptyChange, type Change } from '$lib/domain/changes';
import { getById } from '$lib/domain/collections';
import { parseDocument } from '$lib/domain/document';
import { DomainError } from '$lib/domain/errors';
import { planChange, planChangeSteps, type Op } from '$lib/domain/ops';
import { runYielding, STEP } from '$lib/domain/steps';
import { COLLECTIONS, type CausewayDocument, type CollectionName, type EntityOf } from '$lib/domain/schema';
import { CommitQueue } from './commit-queue';
import { DataFileError, DurableJSONFile, writeDurably } from './durable-file';
import { Journal, journalFile } from './journal';
import { lockFile, type FileLock } from './lock';
import { describeInvalid, initialDocument, realDataPath, removeStaleTempFiles, unusableFolder } from './store-files';
import type { CommitOptions, Committed, DocumentStore, Replaced, ReplaceOptions } from './store-contract';

export interface StoreOptions {
	/** The data file, e.g. data/causeway.json. */
	file: string;
	/** The document to start from when the data file does not exist yet. */
	seedFile?: string;
	/** The clock, for tests. */
	now?: () => string;
}

export type { Committed } from './store-contract';

/** How many recent commits are kept in memory for tabs that reconnect (older ones are read from the journal). */
export const RECENT_COMMITS = 1000;

/** Further behind than this, a tab reloads the document rather than replaying every commit. */
export const CATCH_UP_LIMIT = 10_000;

/**
 * When the snapshot is rewritten: once commits stop for SNAPSHOT_IDLE_MS, at the latest
 * SNAPSHOT_MAX_AGE_MS after the oldest commit it lacks, or once it lacks SNAPSHOT_MAX_COMMITS
 * (which bounds what a restart replays).
 */
export const SNAPSHOT_POLICY = { idleMs: 2_000, maxAgeMs: 60_000, maxCommits: 5_000 };

export class StoreWriteError extends Error {
	constructor(cause: unknown) {
		super(`the edit could not be saved to disk: ${(cause as Error)?.message ?? cause}`);
		this.name = 'StoreWriteError';
	}
}

/** The snapshot with the journal's later commits applied, each checked as any change is (applyChange). */
function replayCommits(journal: string, snapshot: CausewayDocument, commits: Committed[]): CausewayDocument {
	let doc = snapshot;
	for (const c of commits) {
		try {
			doc = { ...applyChange(doc, c.change), revision: c.revision, title: c.title ?? doc.title };
		} catch (err) {
			throw new DataFileError(
				`the journal ${journal} does not fit the data file: revision ${c.revision} cannot be replayed (${(err as Error).message}). Nothing was changed.`
			);
		}
	}
	return doc;
}

export class Store implements DocumentStore {
	readonly file: string;
	readonly #db: Low<CausewayDocument | null>;
	readonly #adapter: DurableJSONFile<CausewayDocument | null>;
	readonly #journal: Journal;
	readonly #lock: FileLock;
	readonly #queue: CommitQueue<Committed>;
	readonly #now: () => string;
	readonly #listeners = new Set<(c: Committed) => void>();
	/** The latest commits, oldest first, for catching up without reading the journal. */
	readonly #recent: Committed[] = [];
	/** What is durable (in the journal): what readers see. */
	#durable: CausewayDocument;
	/** What edits are planned against: the durable document plus edits still on their way to disk. */
	#working: CausewayDocument;
	/** The revision the snapshot on disk has. */
	#snapshotRevision: number;
	/** When the oldest commit the snapshot lacks was made (ms), or null when it lacks none. */
	#behindSince: number | null = null;
	#snapshotTimer: ReturnType<typeof setTimeout> | undefined;
	#snapshotting: Promise<void> | null = null;
	/** The durable document's JSON, encoded once per revision for readers. */
	#json: { doc: CausewayDocument; bytes: Buffer } | null = null;
	#closed = false;

	private constructor(
		file: string,
		db: Low<CausewayDocument | null>,
		adapter: DurableJSONFile<CausewayDocument | null>,
		journal: Journal,
		lock: FileLock,
		doc: CausewayDocument,
		snapshotRevision: number,
		now: () => string
	) {
		this.file = file;
		this.#db = db;
		this.#adapter = adapter;
		this.#journal = journal;
		this.#lock = lock;
		this.#durable = this.#working = doc;
		this.#snapshotRevision = snapshotRevision;
		this.#now = now;
		this.#queue = new CommitQueue(async (batch) => {
			// Called as the batch is taken: the working document is the one its last commit made. Only
			// that one is kept (not one per queued edit: thousands of 10,000-event copies when behind).
			const doc = this.#working;
			await this.#journal.append(batch);
			this.#durable = doc;
			this.#snapshotLater();
		});
		if (doc.revision > snapshotRevision) this.#snapshotLater();
	}

	/**
	 * Opens the store on `file`: takes the lock (LockedError when another server holds it), reads
	 * and validates the snapshot (or creates it from the seed when it does not exist), then replays
	 * the journal's commits after the snapshot's revision.
	 */
	static async open({ file: given, seedFile, now = () => new Date().toISOString() }: StoreOptions): Promise<Store> {
		let file = given;
		let lock: FileLock;
		try {
			await mkdir(dirname(given), { recursive: true });
			// The lock and the writes go to the real file: a second server reaching it through a
			// symlink (or another spelling of the path) must meet the same lock, and a rename over a
			// symlink would replace the link with a second, diverging file.
			file = await realDataPath(given);
			lock = lockFile(file);
		} catch (err) {
			throw unusableFolder(given, err);
		}
		try {
			await removeStaleTempFiles(file);
			const adapter = new DurableJSONFile<CausewayDocument | null>(file);
			const db = new Low<CausewayDocument | null>(adapter, null);
			await db.read();
			let doc: CausewayDocument;
			if (db.data === null) {
				doc = await initialDocument(seedFile);
				db.data = doc;
				await db.write();
			} else {
				try {
					doc = parseDocument(db.data);
				} catch (err) {
					throw describeInvalid(file, err);
				}
				db.data = doc;
			}
			const snapshotRevision = doc.revision;
			const { journal, replay, dropped } = await Journal.open(journalFile(file), snapshotRevision);
			try {
				if (dropped) console.warn(`${journal.file}: dropped its last line (${dropped.bytes} bytes), a write cut short before it was acknowledged`);
				doc = replayCommits(journal.file, doc, replay);
				// Encode once now: it warms the per-record cache, so the first edit is as quick as the rest.
				adapter.remember(doc);
			} catch (err) {
				await journal.close();
				throw err;
			}
			return new Store(file, db, adapter, journal, lock, doc, snapshotRevision, now);
		} catch (err) {
			lock.release();
			throw unusableFolder(file, err);
		}
	}

	/** The document as it is on disk. */
	get document(): CausewayDocument {
		return this.#durable;
	}

	/** The document the next commit is planned against: what is on disk plus edits on their way there. */
	get latest(): CausewayDocument {
		return this.#working;
	}

	/** The durable document as JSON bytes, encoded once per revision (records are cached by identity). */
	documentJson(): Buffer {
		const doc = this.#durable;
		if (this.#json?.doc !== doc) this.#json = { doc, bytes: this.#adapter.encode(doc) };
		return this.#json.bytes;
	}

	/** How many journal appends have been made since opening (several edits can share one). */
	get writes(): number {
		return this.#queue.writes;
	}

	/** The revision the snapshot file holds (the journal holds the rest). */
	get snapshotRevision(): number {
		return this.#snapshotRevision;
	}

	list<K extends CollectionName>(collection: K): EntityOf[K][] {
		return this.#durable[collection] as EntityOf[K][];
	}

	get<K extends CollectionName>(collection: K, id: string): EntityOf[K] {
		return getById(this.#durable, collection, id);
	}

	/**
	 * The one funnel for edits: plans the operations against the latest document (throwing a
	 * DomainError, with nothing changed, when they are refused), then waits until the change is in
	 * the journal on disk. Every edit — single API calls, batches, undo — comes through here.
	 */
	async commit(ops: Op[], options: CommitOptions = {}): Promise<Committed> {
		const base = this.#working;
		const planOptions = { now: this.#now(), pathOf: options.pathOf };
		// A large batch is planned in steps so that other requests are answered meanwhile. If edits
		// landed in between, it is planned again at once against the latest document.
		let plan = ops.length > STEP ? await runYielding(planChangeSteps(base, ops, planOptions)) : planChange(base, ops, planOptions);
		if (this.#working !== base) plan = planChange(this.#working, ops, planOptions);
		if (isEmptyChange(plan.change)) return { revision: this.#working.revision, change: {} };
		return this.#publish(plan.doc, plan.change, options.author);
	}

	/**
	 * Makes `doc` (planned against the working document) the next revision: waits until its change
	 * is in the journal, then tells subscribers. A failed append puts the working document back to
	 * what is durable.
	 */
	async #publish(doc: CausewayDocument, change: Change, author?: string): Promise<Committed> {
		const next = { ...doc, revision: this.#working.revision + 1 };
		this.#working = next;
		const committed: Committed = { revision: next.revision, change, title: next.title, at: this.#now(), ...(author ? { author } : {}) };
		try {
			await this.#queue.persist(committed);
		} catch (err) {
			this.#working = this.#durable;
			throw new StoreWriteError(err);
		}
		this.#recent.push(committed);
		if (this.#recent.length > RECENT_COMMITS) this.#recent.splice(0, this.#recent.length - RECENT_COMMITS);
		for (const listener of this.#listeners) listener(committed);
		return committed;
	}

	/**
	 * The commits after `revision`, in order, for a tab catching up: from memory when recent, else
	 * from the journal (so across restarts too). Null when the journal does not reach back that far
	 * or they are more than CATCH_UP_LIMIT: reloading the document is cheaper then.
	 */
	async changesSince(revision: number): Promise<Committed[] | null> {
		const current = this.#durable.revision;
		if (revision >= current) return [];
		if (current - revision > CATCH_UP_LIMIT) return null;
		const from = this.#recent.findIndex((c) => c.revision === revision + 1);
		if (from >= 0) return this.#recent.slice(from).filter((c) => c.revision <= current);
		return this.#journal.since(revision, current);
	}

	/** The commits that touched one entity, oldest first, read from the journal. */
	async history(collection: CollectionName, id: string): Promise<Committed[]> {
		void collection;
		return this.#journal.scan(`"id":${JSON.stringify(id)}`, this.#durable.revision);
	}

	/** Calls `listener` after each commit reaches the disk; returns the unsubscribe function. */
	subscribe(listener: (c: Committed) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Lets go of the lock at once (for process exit, where nothing can be awaited). */
	releaseLock(): void {
		this.#lock.release();
	}

	/** Waits for pending writes, brings the snapshot up to date (a quick next start), then lets go. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		clearTimeout(this.#snapshotTimer);
		await this.#queue.idle();
		await this.#snapshotting;
		if (this.#snapshotRevision < this.#durable.revision) await this.#writeSnapshot();
		await this.#journal.close();
		this.#lock.release();
	}

	// --- the snapshot ---

	/** Schedules the snapshot's rewrite by SNAPSHOT_POLICY after a commit. */
	#snapshotLater(): void {
		if (this.#closed) return;
		const now = Date.now();
		this.#behindSince ??= now;
		const behind = this.#durable.revision - this.#snapshotRevision;
		const wait = behind >= SNAPSHOT_POLICY.maxCommits ? 0 : Math.min(SNAPSHOT_POLICY.idleMs, this.#behindSince + SNAPSHOT_POLICY.maxAgeMs - now);
		clearTimeout(this.#snapshotTimer);
		this.#snapshotTimer = setTimeout(() => void this.#snapshot(), Math.max(0, wait));
		this.#snapshotTimer.unref?.();
	}

	async #snapshot(): Promise<void> {
		if (this.#snapshotting || this.#closed) return;
		this.#snapshotting = this.#writeSnapshot().finally(() => (this.#snapshotting = null));
		await this.#snapshotting;
		if (this.#snapshotRevision < this.#durable.revision) this.#snapshotLater();
	}

	/** Brings the snapshot up to the durable document, after any snapshot already being written. */
	async #snapshotNow(): Promise<void> {
		await this.#snapshotting;
		if (this.#snapshotRevision >= this.#durable.revision || this.#closed) return;
		this.#snapshotting = this.#writeSnapshot().finally(() => (this.#snapshotting = null));
		await this.#snapshotting;
	}

	/** Writes the durable document as the snapshot. A failure is only logged: the journal has it all. */
	async #writeSnapshot(): Promise<void> {
		const doc = this.#durable;
		this.#behindSince = null;
		try {
			this.#db.data = doc;
			await this.#db.write();
			this.#snapshotRevision = doc.revision;
		} catch (err) {
			this.#behindSince ??= Date.now();
			console.error(`${this.file}: the snapshot could not be written (${(err as Error).message}); the journal keeps every commit, it will be tried again`);
		}
	}

	// --- whole-document commits (imports) ---

	/** Where replaced documents are kept: `backups/` in the data file's folder (never a path from a request). */
	get backupFolder(): string {
		return join(dirname(this.file), 'backups');
	}

	/**
	 * Replaces the document with what `plan` makes of the latest one — an import. It is one commit
	 * through the same queue as every edit: planned against the latest document (edits on their way
	 * to disk included), on disk before this resolves, the revision up by one, subscribers told the
	 * change (added, updated as [before, after], removed). Entities `plan` leaves as the same objects
	 * count as unchanged. A plan that throws changes nothing; one that changes nothing writes nothing.
	 *
	 * With `backup`, the document being replaced is first written durably to
	 * `backups/<data file name>-<timestamp>.json`; if edits land while that is written, the plan
	 * and the backup are made again from the newer document, so the backup is exactly what was replaced.
	 */
	async replaceDocument<T extends { document: CausewayDocument }>(
		plan: (current: CausewayDocument, now: string) => T,
		options: ReplaceOptions = {}
	): Promise<Replaced<T>> {
		let base = this.#working;
		let result = plan(base, this.#now());
		let change = this.#diff(base, result.document);
		let backupFile: string | undefined;
		// The title is not part of a Change: a replace that only renames the document still commits.
		const unchanged = () => isEmptyChange(change) && result.document.title === base.title;
		try {
			for (let attempt = 1; options.backup && !unchanged(); attempt++) {
				if (backupFile) await unlink(backupFile).catch(() => {});
				backupFile = undefined;
				backupFile = await this.#writeBackup(base);
				if (this.#working === base) break;
				if (attempt === 5) throw new DomainError('conflict', 'the document kept changing while the backup was written; nothing was imported, try again');
				base = this.#working;
				result = plan(base, this.#now());
				change = this.#diff(base, result.document);
			}
			if (unchanged()) {
				if (backupFile) await unlink(backupFile).catch(() => {});
				return { committed: { revision: base.revision, change: {} }, result };
			}
			// `base` is the working document here: nothing can run between the last plan and this.
			const committed = await this.#publish(result.document, change, options.author);
			// An import rewrites much of the document: its snapshot is written now, so a restart need
			// not replay it (the journal has it already; a failure here is only logged).
			await this.#snapshotNow();
			return { committed, result, backupFile };
		} catch (err) {
			// A backup of a replace that did not happen is only clutter, and on a full disk it is
			// the space every later edit needs.
			if (backupFile) await unlink(backupFile).catch(() => {});
			throw err;
		}
	}

	/** The change from one document to another, comparing entities by identity. */
	#diff(before: CausewayDocument, after: CausewayDocument): Change {
		const touched: { [K in CollectionName]?: Set<string> } = {};
		for (const c of COLLECTIONS) {
			touched[c] = new Set([...before[c].map((x) => x.id), ...after[c].map((x) => x.id)]);
		}
		return diffTouched(before, after, touched);
	}

	async #writeBackup(doc: CausewayDocument): Promise<string> {
		await mkdir(this.backupFolder, { recursive: true });
		const stem = basename(this.file).replace(/\.json$/i, '');
		const stamp = new Date().toISOString().replace(/[:.]/g, '-');
		let file = join(this.backupFolder, `${stem}-${stamp}.json`);
		for (let n = 2; await access(file).then(() => true, () => false); n++) file = join(this.backupFolder, `${stem}-${stamp}-${n}.json`);
		// The document on disk is already encoded: no need to hold up other requests encoding it again.
		await writeDurably(file, doc === this.#durable ? this.documentJson() : JSON.stringify(doc) + '\n');
		return file;
	}
}
