/**
 * The one store contract. The server's routes, the change stream, imports and the command-line
 * tools speak only to this; the embedded lowdb file (`store.ts`) and PostgreSQL implement it.
 * Reads are synchronous on the document held in memory (planning needs the whole document);
 * what may need the disk or the database (commits, the change log) is asynchronous.
 */
import type { Change } from '$lib/domain/changes';
import type { Op, PlanOptions } from '$lib/domain/ops';
import type { CausewayDocument, CollectionName, EntityOf } from '$lib/domain/schema';

/** A committed change and the document revision it made. */
export interface Committed {
	revision: number;
	change: Change;
	/** The document's title after the change (a Change does not carry it; an import can rename). */
	title?: string;
	/** Who made it: the user's name when users are configured. */
	author?: string;
	/** When it was committed (ISO 8601). */
	at?: string;
}

export interface CommitOptions extends Pick<PlanOptions, 'pathOf'> {
	/** The user making the change, recorded with it. */
	author?: string;
}

export interface ReplaceOptions {
	/** Keep a durable copy of the document being replaced first. */
	backup?: boolean;
	author?: string;
}

export interface Replaced<T> {
	committed: Committed;
	result: T;
	backupFile?: string;
}

export interface DocumentStore {
	/** Where the document lives, for messages (a file path, or a database and document id). */
	readonly file: string;
	/** The document as it is durably stored: what readers see. */
	readonly document: CausewayDocument;
	/** What the next commit is planned against: the stored document plus edits on their way. */
	readonly latest: CausewayDocument;
	/** The stored document as JSON bytes. */
	documentJson(): Buffer;
	list<K extends CollectionName>(collection: K): EntityOf[K][];
	/** The entity, or a DomainError 'not_found'. */
	get<K extends CollectionName>(collection: K, id: string): EntityOf[K];
	/**
	 * The one funnel for edits: plans `ops` against the latest document (a DomainError, nothing
	 * changed, when refused) and resolves once the change is durable.
	 */
	commit(ops: Op[], options?: CommitOptions): Promise<Committed>;
	/** Replaces the document with what `plan` makes of the latest one (an import), as one commit. */
	replaceDocument<T extends { document: CausewayDocument }>(
		plan: (current: CausewayDocument, now: string) => T,
		options?: ReplaceOptions
	): Promise<Replaced<T>>;
	/**
	 * The commits after `revision`, oldest first, from the persistent change log (so also after a
	 * restart); null when they can no longer be replayed (the log does not reach back that far, or
	 * reloading the document is cheaper).
	 */
	changesSince(revision: number): Promise<Committed[] | null>;
	/**
	 * The commits in the persistent change log that touched the entity `id` of `collection`, oldest
	 * first. A commit may come whole (other entities in it too): callers narrow it with
	 * `entityHistory` ($lib/domain/history).
	 */
	history(collection: CollectionName, id: string): Promise<Committed[]>;
	/** Calls `listener` after each durable commit; returns the unsubscribe function. */
	subscribe(listener: (c: Committed) => void): () => void;
	/** Where replaced documents are kept. */
	readonly backupFolder: string;
	/**
	 * True once another server on the same database deleted the document (PostgreSQL): the
	 * documents registry then lets this store go. Stores no other server shares (the files) leave it out.
	 */
	readonly deleted?: boolean;
	/** Waits for pending writes, then lets go of the document. */
	close(): Promise<void>;
	/** Lets go at once (process exit, where nothing can be awaited). */
	releaseLock(): void;
}
