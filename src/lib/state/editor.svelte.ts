/**
 * The editor the views talk to: the document with its history (DocumentState), kept in step with
 * the server by the sync client, plus what the user meets on top — messages, the conflict
 * question, undo and redo. Views read from here and never hold the truth themselves; they turn
 * gestures (a drag, a double-click) into operations for `commit`. Every change the document takes
 * — a committed edit, an undo, a remote echo, an import — goes through `DocumentState.apply`.
 */
import { createContext } from 'svelte';
import { isEmptyChange, type Change } from '$lib/domain/changes';
import { newId } from '$lib/domain/ids';
import { apiBase } from '$lib/domain/document-route';
import type { Op } from '$lib/domain/ops';
import { revertOps } from '$lib/domain/revert';
import type { CausewayDocument, CollectionName, Entity } from '$lib/domain/schema';
import { DocumentState } from './document.svelte';
import type { Step } from './history.svelte';
import { httpTransport } from './http-transport';
import { revisionMoves } from './rebase';
import { keepHistory, type SessionStore } from './session-history';
import { SyncClient, type SaveState } from './sync.svelte';
import type { ImportReport } from '$lib/domain/formats/run-import';
import { EditError, type Committed, type ImportFileRequest, type Transport } from './transport';

export { EditError, type Committed, type SaveState };

export interface Notice {
	kind: 'error' | 'info';
	text: string;
}

/**
 * An update refused because the entity changed since the user began editing it (412): the user's
 * patch and the entity as it is now, until they choose to keep their own or take the other.
 */
export interface Conflict {
	collection: CollectionName;
	/** What the user was saving. */
	patch: Record<string, unknown>;
	/** The entity as the user saw it when they began editing. */
	base: Entity;
	/** The entity as the server has it now. */
	theirs: Entity;
	choose(choice: 'mine' | 'theirs'): void;
}

export interface CommitOptions {
	/** What the user did, in their words, for the undo history and messages ("move “Capture of Sudzha”"). */
	label?: string;
	/** false for edits that are themselves undo/redo: they manage the history. */
	history?: boolean;
}

export interface EditorOptions {
	transport?: Transport;
	/** Where this tab keeps its history for the session (sessionStorage in the page). */
	session?: SessionStore | null;
	gapMs?: number;
	/** The document being edited, when not the default one: its API, and its own history in this tab. */
	documentId?: string;
}

const refusedForGood = (err: unknown) => err instanceof EditError && [404, 409, 412].includes(err.status);

export class Editor extends DocumentState {
	#notice = $state.raw<Notice | null>(null);
	#noticeTimer: ReturnType<typeof setTimeout> | undefined;
	#conflict = $state.raw<Conflict | null>(null);
	readonly sync: SyncClient;
	/** Where the document's API is (`/api`, or `/api/d/{id}`), for downloads. */
	readonly apiBase: string;

	constructor(doc: CausewayDocument, options: EditorOptions = {}) {
		super(doc);
		this.apiBase = apiBase(options.documentId);
		this.sync = new SyncClient(this, options.transport ?? httpTransport(this.apiBase), {
			gapMs: options.gapMs,
			say: (text) => this.say({ kind: 'error', text })
		});
		const session = options.session === undefined ? globalThis.sessionStorage : options.session;
		if (session) this.#keeper = keepHistory(this, session, options.documentId);
	}

	#keeper: { save: () => void } | null = null;

	/** Keeps this tab's history for the session now (the page does it when it goes away). */
	saveHistory(): void {
		this.#keeper?.save();
	}

	/** True while the document is being fetched (a large one is not written into the page). */
	get loading(): boolean {
		return this.sync.loading;
	}

	/** The message the page shows (an edit refused, …), or null. */
	get notice(): Notice | null {
		return this.#notice;
	}

	/** What the save indicator shows. */
	get saveState(): SaveState {
		return this.sync.saveState;
	}

	/** The update waiting for the user to settle a conflict, or null. */
	get conflict(): Conflict | null {
		return this.#conflict;
	}

	/** Tries again now: the edits waiting for the server, or the last edit it refused. */
	retry(): void {
		this.sync.retry();
	}

	/** Shows a message; info clears itself after a while, errors stay until dismissed. */
	say(notice: Notice | null): void {
		clearTimeout(this.#noticeTimer);
		this.#notice = notice;
		if (notice?.kind === 'info') this.#noticeTimer = setTimeout(() => (this.#notice = null), 5000);
	}

	/**
	 * Sends operations to the server (all or nothing) after this tab's earlier edits and resolves
	 * once the committed change is in the document. Throws an EditError when refused; nothing
	 * changes then. A create gets its id here, so sending it again after a lost answer cannot make
	 * the entity twice.
	 */
	commit(ops: Op[], options: CommitOptions = {}): Promise<Committed> {
		// Named now: by the time the answer comes, what the edit deleted may be gone from the document.
		const label = options.label ?? labelOf(ops, this);
		return this.sync.commit(this.#withIds(ops), (committed) => {
			if (options.history !== false && !isEmptyChange(committed.change)) this.history.record({ label, change: committed.change });
			this.history.rebase(revisionMoves(committed.change));
		});
	}

	#withIds(ops: Op[]): Op[] {
		return ops.map((o) => {
			if (o.op !== 'create' || !o.value || typeof o.value !== 'object') return o;
			const value = o.value as Record<string, unknown>;
			if (value.id !== undefined) return o;
			const taken = (id: string) => this.document[o.collection].some((e: Entity) => e.id === id);
			return { ...o, value: { id: newId(String(value.title ?? value.name ?? o.collection.slice(0, -1)), taken), ...value } };
		});
	}

	/**
	 * Saves `patch` to an entity the user began editing when it was `base`. When it was changed
	 * elsewhere since (412), the conflict is put to the user: "Keep mine" saves the patch over the
	 * entity as it is now, "Take theirs" drops it. Resolves true when the patch was saved, false
	 * when the user took theirs; throws other refusals.
	 */
	async update(collection: CollectionName, base: Entity, patch: Record<string, unknown>, label?: string): Promise<boolean> {
		try {
			await this.commit([{ op: 'update', collection, id: base.id, patch, ifRevision: base.revision }], { label });
			return true;
		} catch (err) {
			if (!(err instanceof EditError) || err.status !== 412 || !err.current) throw err;
			const theirs = err.current as Entity;
			const choice = await new Promise<'mine' | 'theirs'>((choose) => {
				this.#conflict = { collection, patch, theirs, base, choose };
			});
			this.#conflict = null;
			if (choice === 'theirs') return false;
			return this.update(collection, theirs, patch, label);
		}
	}

	/** A change committed elsewhere (another tab, an import), from the change stream. */
	applyRemote(committed: Committed): void {
		this.sync.receive(committed);
	}

	/**
	 * Imports a file (or checks it, with dryRun) through the same client as every edit. The change
	 * reaches the document by the stream like any other commit, and nothing is reloaded; a merge is
	 * one undo step, named after the file (a replace is undone from its backup).
	 */
	async importFile(file: Blob, request: ImportFileRequest & { name: string }, progress?: (f: number | null) => void): Promise<ImportReport & { undoable: boolean }> {
		const { report, committed } = await this.sync.importFile(file, request, progress);
		// A change too large for the stream comes as a whole document instead: then there is no step to record.
		const undoable = !!committed && request.mode === 'merge' && !isEmptyChange(committed.change);
		if (undoable) {
			this.history.record({ label: `import “${request.name}”`, change: committed!.change });
			this.history.rebase(revisionMoves(committed!.change));
		}
		return { ...report, undoable };
	}

	/** Undo and redo run one after another: a quick second Ctrl+Z must see what the first one did. */
	#reverting: Promise<void> = Promise.resolve();

	/** Takes back this tab's last edit, through the API; refused with a message if it was changed since. */
	undo(): Promise<void> {
		return (this.#reverting = this.#reverting.then(async () => {
			// An edit still on its way is the one the user means to take back: wait for it.
			await this.sync.settled;
			const step = this.history.nextUndo;
			if (step) await this.#revert(step, 'Undo', (change) => this.history.undone(step, change));
		}));
	}

	/** Does again what was last undone, through the API. */
	redo(): Promise<void> {
		return (this.#reverting = this.#reverting.then(async () => {
			await this.sync.settled;
			const step = this.history.nextRedo;
			if (step) await this.#revert(step, 'Redo', (change) => this.history.redone(step, change));
		}));
	}

	async #revert(step: Step, verb: 'Undo' | 'Redo', done: (change: Change) => void): Promise<void> {
		try {
			await this.sync.commit(revertOps(step.change), (committed) => {
				done(committed.change);
				this.history.rebase(revisionMoves(committed.change));
			});
			this.say({ kind: 'info', text: `${verb}: ${step.label}.` });
		} catch (err) {
			if (refusedForGood(err)) {
				// It can never apply now: keep it and every older step would be out of reach.
				this.history.drop(step);
				const next = verb === 'Undo' ? this.history.nextUndo : this.history.nextRedo;
				this.say({
					kind: 'error',
					text: `Could not ${verb.toLowerCase()} “${step.label}”: it was changed since (in another tab?). Nothing was changed, and that step was dropped${next ? `; ${verb} now takes “${next.label}”` : ''}.`
				});
			} else {
				this.say({ kind: 'error', text: `Could not ${verb.toLowerCase()} “${step.label}”: ${(err as Error).message}. Nothing was changed.` });
			}
		}
	}

	/** Follows the server's change stream so edits from other tabs appear here; returns the function that stops. */
	connect(): () => void {
		return this.sync.connect();
	}

	/** Loads the server's document (never an older one than this tab has). */
	reload(): Promise<void> {
		return this.sync.reload();
	}
}

/** A label in the user's words for an edit its view did not name. */
function labelOf(ops: Op[], doc: DocumentState): string {
	const o = ops[0];
	const event = (id: unknown) => doc.eventsById.get(String(id))?.title ?? String(id);
	if (o.op === 'create') {
		const v = (o.value ?? {}) as Record<string, unknown>;
		if (o.collection === 'links') return `link “${event(v.from)}” to “${event(v.to)}”`;
		return `create “${String(v.title ?? v.name ?? 'item')}”`;
	}
	const entity = doc.document[o.collection].find((e: Entity) => e.id === o.id) as Record<string, unknown> | undefined;
	const name =
		o.collection === 'links' && entity ? `the link “${event(entity.from)}” → “${event(entity.to)}”` : `“${String(entity?.title ?? entity?.name ?? o.id)}”`;
	return o.op === 'delete' ? `delete ${name}` : `edit ${name}`;
}

export const [getEditor, setEditor] = createContext<Editor>();
