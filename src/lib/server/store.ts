/**
 * The store: one document in memory, persisted to a JSON file through lowdb with the durable
 * adapter, one writer per file (the lock), edits funnelled through `commit` and grouped into as few
 * writes as the disk allows (the commit queue). A request is answered only after its edit is on
 * disk; readers see only what is on disk.
 */
import { access, mkdir, readdir, readFile, realpath, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { diffTouched, isEmptyChange, type Change } from '$lib/domain/changes';
import { findById } from '$lib/domain/collections';
import { emptyDocument, parseDocument } from '$lib/domain/document';
import { DomainError } from '$lib/domain/errors';
import { planChange, planChangeSteps, type Op } from '$lib/domain/ops';
import { runYielding, STEP } from '$lib/domain/steps';
import { COLLECTIONS, type CausewayDocument, type CollectionName, type EntityOf } from '$lib/domain/schema';
import { CommitQueue } from './commit-queue';
import { DataFileError, DurableJSONFile, writeDurably } from './durable-file';
import { lockFile, type FileLock } from './lock';
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

/** How many recent commits are kept for tabs that reconnect and catch up. */
export const RECENT_COMMITS = 1000;

/** A write to disk failed; nothing of the edit was kept. */
export class StoreWriteError extends Error {
	constructor(cause: unknown) {
		super(`the edit could not be saved to disk: ${(cause as Error)?.message ?? cause}`);
		this.name = 'StoreWriteError';
	}
}

/** The seed, validated; an empty document without one. */
export async function initialDocument(seedFile: string | undefined): Promise<CausewayDocument> {
	if (!seedFile) return emptyDocument();
	let raw: unknown;
	try {
		raw = JSON.parse(await readFile(seedFile, 'utf8'));
	} catch (err) {
		throw new DataFileError(`the seed ${seedFile} could not be read: ${(err as Error).message}`);
	}
	return parseDocument(raw);
}

function describeInvalid(file: string, err: unknown): Error {
	if (!(err instanceof DomainError)) return err as Error;
	const list = (err.issues ?? []).slice(0, 10).map((i) => `  ${i.path}: ${i.message}`).join('\n');
	return new DataFileError(`${file} is not a valid Causeway document; it was left as it is:\n${list || err.message}`);
}

const PERMISSION_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'EISDIR']);

/** A start-up failure to use the data folder, said as what is wrong and how to fix it. */
function unusableFolder(file: string, err: unknown): Error {
	const code = (err as NodeJS.ErrnoException)?.code ?? '';
	if (!PERMISSION_CODES.has(code)) return err as Error;
	const why: Record<string, string> = {
		EACCES: 'this user may not write there',
		EPERM: 'this user may not write there',
		EROFS: 'the file system is read-only',
		ENOSPC: 'the disk is full',
		EDQUOT: 'the disk quota is used up',
		ENOTDIR: 'a part of the path is a file, not a folder',
		EISDIR: 'the path is a folder, not a file'
	};
	return new DataFileError(
		`cannot use the data file ${file}: ${why[code]} (${code}). ` +
			`Make ${dirname(file)} writable by this user, free some space, or set CAUSEWAY_DATA to a file in a writable folder.`
	);
}

/** The data file's real path: symlinks to the file or its folder resolved (the file need not exist yet). */
async function realDataPath(file: string): Promise<string> {
	try {
		return await realpath(file);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
		return join(await realpath(dirname(file)), basename(file));
	}
}

/**
 * Temp files left by writes that a kill interrupted (`.causeway.json.<pid>.<random>.tmp`, see
 * writeDurably). Only the lock holder writes this file, so once the lock is taken none is in use.
 */
async function removeStaleTempFiles(file: string): Promise<void> {
	const prefix = `.${basename(file)}.`;
	for (const name of await readdir(dirname(file))) {
		if (name.startsWith(prefix) && name.endsWith('.tmp')) await unlink(join(dirname(file), name)).catch(() => {});
	}
}

export class Store implements DocumentStore {
	readonly file: string;
	readonly #db: Low<CausewayDocument | null>;
	readonly #adapter: DurableJSONFile<CausewayDocument | null>;
	readonly #lock: FileLock;
	readonly #queue: CommitQueue<CausewayDocument>;
	readonly #now: () => string;
	readonly #listeners = new Set<(c: Committed) => void>();
	/** The latest commits, oldest first, for catching up (changesSince). */
	readonly #recent: Committed[] = [];
	/** What is on disk: what readers see. */
	#durable: CausewayDocument;
	/** What edits are planned against: the durable document plus edits still on their way to disk. */
	#working: CausewayDocument;

	private constructor(
		file: string,
		db: Low<CausewayDocument | null>,
		adapter: DurableJSONFile<CausewayDocument | null>,
		lock: FileLock,
		doc: CausewayDocument,
		now: () => string
	) {
		this.file = file;
		this.#db = db;
		this.#adapter = adapter;
		this.#lock = lock;
		this.#durable = this.#working = doc;
		this.#now = now;
		this.#queue = new CommitQueue(async (next) => {
			this.#db.data = next;
			await this.#db.write();
			this.#durable = next;
		});
	}

	/**
	 * Opens the store on `file`: takes the lock (LockedError when another server holds it), reads
	 * and validates the file, or creates it from the seed when it does not exist.
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
				// Encode once now: it warms the per-record cache, so the first edit is as quick as the rest.
				adapter.remember(doc);
			}
			return new Store(file, db, adapter, lock, doc, now);
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

	/** The document as it is on disk, as JSON bytes (no need to encode 15 MB again for each read). */
	documentJson(): Buffer {
		return this.#adapter.lastWritten ?? Buffer.from(JSON.stringify(this.#durable) + '\n');
	}

	/** How many file writes have been made since opening (several edits can share one). */
	get writes(): number {
		return this.#queue.writes;
	}

	list<K extends CollectionName>(collection: K): EntityOf[K][] {
		return this.#durable[collection] as EntityOf[K][];
	}

	get<K extends CollectionName>(collection: K, id: string): EntityOf[K] {
		const found = findById(this.#durable, collection, id);
		if (!found) throw new DomainError('not_found', `${collection.slice(0, -1)} "${id}" does not exist`);
		return found;
	}

	/**
	 * The one funnel for edits: plans the operations against the latest document (throwing a
	 * DomainError, with nothing changed, when they are refused), then waits until the result is on
	 * disk. Every edit — single API calls, batches, undo — comes through here.
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
	 * Makes `doc` (planned against the working document) the next revision: waits until it is on
	 * disk, then tells subscribers. A failed write puts the working document back to what is on disk.
	 */
	async #publish(doc: CausewayDocument, change: Change, author?: string): Promise<Committed> {
		const next = { ...doc, revision: this.#working.revision + 1 };
		this.#working = next;
		try {
			await this.#queue.persist(next);
		} catch (err) {
			this.#working = this.#durable;
			throw new StoreWriteError(err);
		}
		const committed: Committed = { revision: next.revision, change, title: next.title, at: this.#now(), ...(author ? { author } : {}) };
		this.#recent.push(committed);
		if (this.#recent.length > RECENT_COMMITS) this.#recent.splice(0, this.#recent.length - RECENT_COMMITS);
		for (const listener of this.#listeners) listener(committed);
		return committed;
	}

	/**
	 * The commits after `revision`, in order, for a tab catching up; null when they are no longer
	 * all kept (older than the last RECENT_COMMITS, or from before this server started): reload then.
	 */
	async changesSince(revision: number): Promise<Committed[] | null> {
		const current = this.#durable.revision;
		if (revision >= current) return [];
		const from = this.#recent.findIndex((c) => c.revision === revision + 1);
		if (from < 0) return null;
		return this.#recent.slice(from).filter((c) => c.revision <= current);
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

	/** Waits for pending writes, then lets go of the lock. */
	async close(): Promise<void> {
		await this.#queue.idle();
		this.#lock.release();
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
