/**
 * The sync client: sends this tab's edits to the server one after another, keeps them while the
 * server cannot be reached, and brings every committed change — this tab's answers and the change
 * stream's — into the document in revision order. It talks to the server only through a Transport.
 *
 * Two rules keep a tab from tripping over itself:
 * - an edit names the revisions it saw when the user made it; when it goes out, it is moved over
 *   this tab's own commits since (a rebase), so only someone else's change is a conflict (412);
 * - a change that arrives before the one the document needs next waits for it, instead of the
 *   whole document being loaded again; only a gap that stays open loads it.
 */
import type { HistoryEntry } from '$lib/domain/history';
import type { Op } from '$lib/domain/ops';
import type { CollectionName, Entity } from '$lib/domain/schema';
import type { DocumentState } from './document.svelte';
import { OwnRevisions, rebaseOps, revisionMoves } from './rebase';
import type { ImportReport } from '$lib/domain/formats/run-import';
import { EditError, Unreachable, type Committed, type ImportFileRequest, type Transport } from './transport';

/**
 * What the page says about saving: edits on their way ("Saving…"), all on disk ("Saved"), the
 * server unreachable with edits waiting to be sent, or the last edit refused (with a retry).
 */
export type SaveState =
	| { kind: 'idle' }
	| { kind: 'saving'; pending: number }
	| { kind: 'saved' }
	| { kind: 'offline'; pending: number }
	| { kind: 'error'; message: string };

export interface SyncOptions {
	/** How long a change that came early waits for the ones before it before the document is loaded again. */
	gapMs?: number;
	/** Tells the user something (a load failed, the session ended). */
	say?: (text: string) => void;
}

interface Queued {
	ops: Op[];
	/** Runs when the server has committed it, before the next edit is sent. */
	onCommitted?: (committed: Committed) => void;
}

/** How many applied changes are kept to answer "what did revision N change" (an import's, for its undo step). */
const RECENT = 64;

export class SyncClient {
	#pending = $state(0);
	#offline = $state(false);
	/** The change stream is down (the server stopped, the network went): reconnecting. */
	#streamDown = $state(false);
	#loading = $state(false);
	#failed = $state.raw<{ message: string; retry: () => Promise<unknown> } | null>(null);
	#saved = $state(false);

	/** Edits go out one at a time, in the order made. */
	#sending: Promise<unknown> = Promise.resolve();
	/** This tab's own revision moves, which an edit is rebased over when it goes out. */
	#own = new OwnRevisions();
	/** Wakes a send waiting for the server to be back (Retry, the browser coming online). */
	#wake: (() => void) | null = null;

	/** Changes that arrived ahead of the next revision, by revision. */
	#early = new Map<number, Committed>();
	#gapTimer: ReturnType<typeof setTimeout> | undefined;
	#recent: Committed[] = [];
	#reaching: { revision: number; resolve: (c: Committed | null) => void }[] = [];
	readonly #gapMs: number;
	readonly #say: (text: string) => void;

	constructor(
		private readonly doc: DocumentState,
		private readonly transport: Transport,
		options: SyncOptions = {}
	) {
		this.#gapMs = options.gapMs ?? 3000;
		this.#say = options.say ?? (() => {});
	}

	/** True while the document is being fetched. */
	get loading(): boolean {
		return this.#loading;
	}

	/** Edits made and not yet committed (sent, or waiting to be). */
	get pending(): number {
		return this.#pending;
	}

	get saveState(): SaveState {
		if (this.#offline || (this.#streamDown && !this.#pending)) return { kind: 'offline', pending: this.#pending };
		if (this.#pending) return { kind: 'saving', pending: this.#pending };
		if (this.#failed) return { kind: 'error', message: this.#failed.message };
		return this.#saved ? { kind: 'saved' } : { kind: 'idle' };
	}

	/** A promise that settles once every edit made so far has been answered. */
	get settled(): Promise<unknown> {
		return this.#sending;
	}

	/** Tries again now: the edits waiting for the server, or the last edit it refused. */
	retry(): void {
		if (this.#wake) return this.#wake();
		const failed = this.#failed;
		if (failed) void failed.retry().catch(() => {});
	}

	/**
	 * Sends operations (all or nothing) after the edits before them, and resolves once the committed
	 * change is in the document. Throws an EditError when refused; nothing changes then.
	 */
	commit(ops: Op[], onCommitted?: (committed: Committed) => void): Promise<Committed> {
		const item: Queued = { ops, onCommitted };
		this.#pending++;
		const done = this.#sending.then(() => this.#send(item));
		this.#sending = done.catch(() => {});
		return done.then(
			(committed) => {
				this.#pending--;
				this.#failed = null;
				this.#saved = true;
				return committed;
			},
			(err: unknown) => {
				this.#pending--;
				// A conflict is settled by the user (the conflict dialog, a dropped undo step), not retried as is.
				if (!(err instanceof EditError && [401, 409, 412].includes(err.status))) {
					this.#failed = { message: (err as Error).message, retry: () => this.commit(item.ops, onCommitted) };
				}
				throw err;
			}
		);
	}

	async #send(item: Queued): Promise<Committed> {
		// Every commit of this tab before it is in by now (one send at a time): move over all of them.
		item.ops = rebaseOps(item.ops, this.#own);
		// What an update found, for telling its own change from someone else's after a lost answer.
		const seen = item.ops.length === 1 && item.ops[0].op === 'update' ? this.#entity(item.ops[0].collection, item.ops[0].id) : undefined;
		let committed: Committed;
		let lost = false;
		for (let attempt = 0; ; attempt++) {
			try {
				committed = await this.transport.send(item.ops);
				break;
			} catch (err) {
				if (err instanceof Unreachable) {
					// Wait (1 s, 2 s, … up to 10 s, or until woken) and send the same again.
					lost = true;
					this.#offline = true;
					await this.#waitToRetry(Math.min(10_000, 1000 * 2 ** attempt));
					continue;
				}
				this.#offline = false;
				if (err instanceof EditError && err.status === 409) {
					// An earlier attempt was committed and only its answer was lost: the ids made here say so.
					const mine = ownCreates(item.ops, err.current);
					if (mine) {
						committed = await this.#recover(mine);
						break;
					}
				}
				if (lost && err instanceof EditError && err.status === 412 && holdsPatch(item.ops, err.current)) {
					// Refused as stale only because the attempt whose answer was lost did move the revision.
					const now = err.current as Entity;
					const c = item.ops[0].collection;
					committed = { revision: this.doc.revision, change: seen && seen.revision !== now.revision ? { [c]: { updated: [[seen, now]] } } : {} };
					break;
				}
				if (err instanceof EditError && err.status === 401) this.signedOut();
				throw err;
			}
		}
		this.#offline = false;
		this.#own.add(revisionMoves(committed.change));
		item.onCommitted?.(committed);
		this.receive(committed);
		await this.reached(committed.revision);
		return committed;
	}

	#entity(collection: CollectionName, id: string): Entity | undefined {
		return (this.doc.document[collection] as Entity[]).find((e) => e.id === id);
	}

	/** What a retried create finds already there: the change that made it, as the document has it. */
	async #recover(created: { collection: CollectionName; id: string }[]): Promise<Committed> {
		const present = () => created.every(({ collection, id }) => this.doc.document[collection].some((e: Entity) => e.id === id));
		if (!present()) await this.reload();
		const change: Record<string, { added: Entity[] }> = {};
		for (const { collection, id } of created) {
			const entity = (this.doc.document[collection] as Entity[]).find((e) => e.id === id);
			if (entity) (change[collection] ??= { added: [] }).added.push(entity);
		}
		return { revision: this.doc.revision, change };
	}

	#waitToRetry(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const wake = () => {
				clearTimeout(timer);
				globalThis.removeEventListener?.('online', wake);
				this.#wake = null;
				resolve();
			};
			const timer = setTimeout(wake, ms);
			globalThis.addEventListener?.('online', wake);
			this.#wake = wake;
		});
	}

	/**
	 * Sends a file to import (or to check, with dryRun). A real import resolves once its change is in
	 * the document (the stream brings it, as any other commit), with that change when this tab
	 * applied it; null when a load brought it, or when the import changed nothing.
	 */
	async importFile(file: Blob, request: ImportFileRequest, progress?: (f: number | null) => void): Promise<{ report: ImportReport; committed: Committed | null }> {
		let report: ImportReport;
		try {
			report = await this.transport.importFile(file, request, progress);
		} catch (err) {
			if (err instanceof EditError && err.status === 401) this.signedOut();
			throw err;
		}
		const changed = Object.values(report.summary).some((c) => c.added || c.updated || c.removed);
		if (request.dryRun || report.revision === undefined || !changed) return { report, committed: null };
		return { report, committed: await this.reached(report.revision) };
	}

	/** An entity's history from the server's change log, newest first (Undo stays this tab's own). */
	history(collection: CollectionName, id: string): Promise<HistoryEntry[]> {
		return this.transport.history(collection, id);
	}

	/** The session ended: say so and go to sign in. */
	signedOut(): void {
		this.#say('Signed out: sign in again.');
		this.transport.signIn();
	}

	/**
	 * A committed change, from an answer or the stream: applied when the document is at the revision
	 * before it, else kept until it is. One the document already has (an echo) is skipped.
	 */
	receive(committed: Committed): void {
		if (committed.revision <= this.doc.revision) return;
		this.#early.set(committed.revision, committed);
		this.#drain();
	}

	#drain(): void {
		// A load on its way brings a whole document: what arrives meanwhile waits for it (applied to
		// the empty placeholder of a large document, it would make the placeholder look newer).
		if (this.#loading) return;
		for (let next = this.#early.get(this.doc.revision + 1); next; next = this.#early.get(this.doc.revision + 1)) {
			this.#early.delete(next.revision);
			try {
				this.doc.apply(next);
			} catch {
				// Our copy does not fit the change (it missed something): take the server's.
				void this.reload();
				return;
			}
			this.#recent = [...this.#recent.slice(-(RECENT - 1)), next];
		}
		for (const revision of this.#early.keys()) if (revision <= this.doc.revision) this.#early.delete(revision);
		this.#settleReaching();
		clearTimeout(this.#gapTimer);
		this.#gapTimer = this.#early.size ? setTimeout(() => void this.reload(), this.#gapMs) : undefined;
	}

	#settleReaching(all = false): void {
		const now = this.doc.revision;
		this.#reaching = this.#reaching.filter(({ revision, resolve }) => {
			if (!all && revision > now) return true;
			resolve(this.#recent.find((c) => c.revision === revision) ?? null);
			return false;
		});
	}

	/**
	 * Resolves once the document has reached `revision`, with the change committed at it when this
	 * tab applied that change (null when a load brought it).
	 */
	reached(revision: number): Promise<Committed | null> {
		return new Promise((resolve) => {
			this.#reaching.push({ revision, resolve });
			this.#settleReaching();
		});
	}

	/** Follows the server's change stream; returns the function that stops. */
	connect(): () => void {
		return this.transport.follow(this.doc.revision, {
			change: (c) => this.receive(c),
			reset: () => void this.reload(),
			status: (up) => (this.#streamDown = !up)
		});
	}

	/** Loads the server's document; an older one than this tab has is not taken. */
	async reload(): Promise<void> {
		if (this.#loading) return this.#load;
		this.#loading = true;
		this.#load = this.#reload();
		return this.#load;
	}

	#load: Promise<void> = Promise.resolve();

	async #reload(): Promise<void> {
		let failed = false;
		try {
			this.doc.load(await this.transport.load());
		} catch (err) {
			failed = true;
			if (err instanceof EditError && err.status === 401) this.signedOut();
			else this.#say(`The document could not be loaded: ${err instanceof Unreachable ? 'the server could not be reached' : (err as Error).message}.`);
		} finally {
			this.#loading = false;
		}
		this.#drain();
		// Nobody waits forever on a document that could not be loaded: their edits are committed.
		if (failed) this.#settleReaching(true);
	}
}

/** The creates among `ops` whose entity `current` is, with the very values sent: this tab made it. */
function ownCreates(ops: Op[], current: unknown): { collection: CollectionName; id: string }[] | null {
	if (!current || typeof current !== 'object') return null;
	const there = current as Record<string, unknown>;
	const creates = ops.filter((o) => o.op === 'create');
	const match = creates.find((o) => {
		const value = o.value as Record<string, unknown>;
		return value?.id === there.id && Object.entries(value).every(([k, v]) => JSON.stringify(there[k]) === JSON.stringify(v));
	});
	if (!match || creates.length !== ops.length) return null;
	return creates.map((o) => ({ collection: o.collection, id: String((o.value as { id?: unknown }).id) }));
}

/** Whether `current` already holds what the one update in `ops` asked for (null: the field is gone). */
function holdsPatch(ops: Op[], current: unknown): boolean {
	const o = ops[0];
	if (ops.length !== 1 || o.op !== 'update' || !current || typeof current !== 'object') return false;
	const there = current as Record<string, unknown>;
	if (there.id !== o.id) return false;
	return Object.entries((o.patch ?? {}) as Record<string, unknown>).every(([k, v]) =>
		v === undefined ? true : v === null ? there[k] === undefined : JSON.stringify(there[k]) === JSON.stringify(v)
	);
}
