/**
 * The editor's client state: the document as the page knows it, with lookups derived from it, and
 * the one funnel for edits. Views read from here and never hold the truth themselves; they turn
 * user gestures (a drag, a double-click) into operations for `commit`, and everything that changes
 * the document — a committed edit, and later a remote echo, an undo, an import — goes through
 * `apply`.
 */
import { createContext } from 'svelte';
import { applyChange, isEmptyChange, type Change } from '$lib/domain/changes';
import type { Issue } from '$lib/domain/errors';
import { linkCounts, type LinkCounts } from '$lib/domain/graph';
import type { Op } from '$lib/domain/ops';
import { revertOps } from '$lib/domain/revert';
import { History, type Step } from './history.svelte';
import type { Actor, CausewayDocument, CollectionName, Entity, Event, Source } from '$lib/domain/schema';

/** An edit the server refused (or could not be reached for), with its reason. */
export class EditError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly issues?: Issue[],
		readonly current?: unknown
	) {
		super(message);
		this.name = 'EditError';
	}
}

export interface Notice {
	kind: 'error' | 'info';
	text: string;
}

interface Committed {
	revision: number;
	change: Change;
	title?: string;
}

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
	/** What the user did, for the undo history and messages ("Move “Capture of Sudzha”"). */
	label?: string;
	/** false for edits that are themselves undo/redo: they manage the history. */
	history?: boolean;
}

export class Editor {
	#doc = $state.raw<CausewayDocument>() as CausewayDocument;
	#notice = $state.raw<Notice | null>(null);
	#loading = $state(false);
	#noticeTimer: ReturnType<typeof setTimeout> | undefined;
	/** Edits sent or waiting to be; whether the server is unreachable; the last refusal. */
	#pending = $state(0);
	#offline = $state(false);
	/** The change stream is down (the server stopped, the network went): reconnecting. */
	#streamDown = $state(false);
	#failed = $state.raw<{ message: string; retry: () => Promise<unknown> } | null>(null);
	#saved = $state(false);
	#conflict = $state.raw<Conflict | null>(null);
	/** Edits go out one at a time, in the order made: a queue of sends. */
	#sending: Promise<unknown> = Promise.resolve();
	/** Wakes a send waiting for the server to be back (Retry, the browser coming online). */
	#wake: (() => void) | null = null;

	/**
	 * Each collection on its own: applyChange keeps the arrays a change does not touch, and a derived
	 * value that comes out the same wakes nothing, so drawing a link does not rebuild the 10,000
	 * events' lookup (nor re-sort the table).
	 */
	readonly events = $derived(this.#doc.events);
	readonly actors = $derived(this.#doc.actors);
	readonly links = $derived(this.#doc.links);
	readonly sources = $derived(this.#doc.sources);
	readonly eventsById = $derived(new Map<string, Event>(this.events.map((e) => [e.id, e])));
	readonly actorsById = $derived(new Map<string, Actor>(this.actors.map((a) => [a.id, a])));
	readonly sourcesById = $derived(new Map<string, Source>(this.sources.map((s) => [s.id, s])));
	readonly linkCounts = $derived<Map<string, LinkCounts>>(linkCounts({ events: this.events, links: this.links }));

	/** This tab's undo and redo. */
	readonly history = new History();

	constructor(doc: CausewayDocument) {
		this.#doc = doc;
	}

	get document(): CausewayDocument {
		return this.#doc;
	}

	/** True while the document is being fetched (a large one is not written into the page). */
	get loading(): boolean {
		return this.#loading;
	}

	/** The message the page shows (an edit refused, …), or null. */
	get notice(): Notice | null {
		return this.#notice;
	}

	/** What the save indicator shows. */
	get saveState(): SaveState {
		if (this.#offline || (this.#streamDown && !this.#pending)) return { kind: 'offline', pending: this.#pending };
		if (this.#pending) return { kind: 'saving', pending: this.#pending };
		if (this.#failed) return { kind: 'error', message: this.#failed.message };
		return this.#saved ? { kind: 'saved' } : { kind: 'idle' };
	}

	/** The update waiting for the user to settle a conflict, or null. */
	get conflict(): Conflict | null {
		return this.#conflict;
	}

	/** Tries again now: the edits waiting for the server, or the last edit it refused. */
	retry(): void {
		if (this.#wake) return this.#wake();
		const failed = this.#failed;
		if (failed) void failed.retry().catch(() => {});
	}

	/** Shows a message; info clears itself after a while, errors stay until dismissed. */
	say(notice: Notice | null): void {
		clearTimeout(this.#noticeTimer);
		this.#notice = notice;
		if (notice?.kind === 'info') this.#noticeTimer = setTimeout(() => (this.#notice = null), 5000);
	}

	/** Applies a committed change to the document: the one place the document changes. */
	apply(change: Change, revision: number, title = this.#doc.title): void {
		this.#doc = { ...applyChange(this.#doc, change), revision, title };
	}

	/**
	 * A change committed elsewhere (another tab, an import), from the change stream: applied without
	 * entering this tab's history. One this tab already has (its own edits echoed back) is skipped; a
	 * gap in revisions means something was missed, so the document is reloaded.
	 */
	async applyRemote(committed: Committed): Promise<void> {
		if (committed.revision <= this.#doc.revision) return;
		if (committed.revision === this.#doc.revision + 1) {
			try {
				this.apply(committed.change, committed.revision, committed.title);
				return;
			} catch {
				// fall through: our copy does not fit the change
			}
		}
		await this.reload();
	}

	/**
	 * Sends operations to the server (`POST /api/changes`, all or nothing) and, once they are on
	 * disk, applies the committed change. Throws an EditError when refused; nothing changes then.
	 * Edits are sent one after another in the order made; while the server cannot be reached they
	 * wait (the page says so) and go out when it is back, so nothing made on a network blip is lost.
	 */
	commit(ops: Op[], options: CommitOptions = {}): Promise<Committed> {
		this.#pending++;
		const done = this.#sending.then(() => this.#send(ops, options));
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
				// A conflict is settled by the user in the conflict dialog, not retried as is.
				if (!(err instanceof EditError && (err.status === 412 || err.status === 409))) {
					this.#failed = { message: (err as Error).message, retry: () => this.commit(ops, options) };
				}
				throw err;
			}
		);
	}

	async #send(ops: Op[], options: CommitOptions): Promise<Committed> {
		let response: Response;
		for (let attempt = 0; ; attempt++) {
			try {
				response = await fetch('/api/changes', {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...authorization() },
					body: JSON.stringify({ ops })
				});
				break;
			} catch {
				// Unreachable: wait (1 s, 2 s, … up to 10 s, or until woken) and send again.
				this.#offline = true;
				await this.#waitToRetry(Math.min(10_000, 1000 * 2 ** attempt));
			}
		}
		this.#offline = false;
		const body = await response.json().catch(() => null);
		if (!response.ok) {
			if (response.status === 401 && askForToken()) return this.#send(ops, options);
			const error = body?.error ?? {};
			throw new EditError(response.status, error.code ?? 'error', error.message ?? `The server answered ${response.status}.`, error.issues, error.current);
		}
		const committed = body as Committed;
		// The change stream may have brought it already; else it is the next revision, or we fell behind.
		if (committed.revision > this.#doc.revision) {
			try {
				if (committed.revision !== this.#doc.revision + 1) throw new Error('behind');
				this.apply(committed.change, committed.revision);
			} catch {
				// Our copy had fallen behind (another tab edited it): take the server's.
				await this.reload();
			}
		}
		if (options.history !== false && !isEmptyChange(committed.change)) {
			this.history.record({ label: options.label ?? 'Edit', change: committed.change });
		}
		return committed;
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

	/** Undo and redo run one after another: a quick second Ctrl+Z must see what the first one did. */
	#reverting: Promise<void> = Promise.resolve();

	/** Takes back this tab's last edit, through the API; refused with a message if it was changed since. */
	undo(): Promise<void> {
		return (this.#reverting = this.#reverting.then(async () => {
			// An edit still on its way is the one the user means to take back: wait for it.
			await this.#sending;
			const step = this.history.nextUndo;
			if (step) await this.#revert(step, 'Undo', (change) => this.history.undone(step, change));
		}));
	}

	/** Does again what was last undone, through the API. */
	redo(): Promise<void> {
		return (this.#reverting = this.#reverting.then(async () => {
			await this.#sending;
			const step = this.history.nextRedo;
			if (step) await this.#revert(step, 'Redo', (change) => this.history.redone(step, change));
		}));
	}

	async #revert(step: Step, verb: 'Undo' | 'Redo', done: (change: Change) => void): Promise<void> {
		try {
			const committed = await this.commit(revertOps(step.change), { history: false });
			done(committed.change);
			this.say({ kind: 'info', text: `${verb}: ${step.label}.` });
		} catch (err) {
			const why = err instanceof EditError && (err.status === 412 || err.status === 409) ? 'it was changed since (in another tab?)' : (err as Error).message;
			this.say({ kind: 'error', text: `Could not ${verb.toLowerCase()} “${step.label}”: ${why}. Nothing was changed.` });
		}
	}

	/**
	 * Follows the server's change stream so edits from other tabs appear here; returns the function
	 * that stops. EventSource reconnects by itself, sending the last revision it saw to catch up.
	 */
	connect(): () => void {
		const source = new EventSource(`/api/changes/stream?since=${this.#doc.revision}`);
		source.addEventListener('change', (e) => void this.applyRemote(JSON.parse((e as MessageEvent).data) as Committed));
		source.addEventListener('reset', () => void this.reload());
		// EventSource reconnects by itself; meanwhile the page says the server is unreachable.
		source.addEventListener('error', () => (this.#streamDown = source.readyState !== EventSource.OPEN));
		source.addEventListener('open', () => (this.#streamDown = false));
		return () => source.close();
	}

	/** Replaces the document with the server's. */
	async reload(): Promise<void> {
		this.#loading = true;
		try {
			const response = await fetch('/api/document');
			if (response.ok) this.#doc = (await response.json()) as CausewayDocument;
			else this.say({ kind: 'error', text: `The document could not be loaded (the server answered ${response.status}).` });
		} catch {
			this.say({ kind: 'error', text: 'The document could not be loaded: the server could not be reached.' });
		} finally {
			this.#loading = false;
		}
	}
}

const TOKEN_KEY = 'causeway-token';

function authorization(): Record<string, string> {
	const token = globalThis.localStorage?.getItem(TOKEN_KEY);
	return token ? { authorization: `Bearer ${token}` } : {};
}

/** The server wants a token for writes (CAUSEWAY_TOKEN): ask once, keep it for next time. */
function askForToken(): boolean {
	const token = globalThis.prompt?.('This Causeway server needs its access token to save changes:');
	if (!token) return false;
	localStorage.setItem(TOKEN_KEY, token.trim());
	return true;
}

export const [getEditor, setEditor] = createContext<Editor>();
