/**
 * The editor's client state: the document as the page knows it, with lookups derived from it, and
 * the one funnel for edits. Views read from here and never hold the truth themselves; they turn
 * user gestures (a drag, a double-click) into operations for `commit`, and everything that changes
 * the document — a committed edit, and later a remote echo, an undo, an import — goes through
 * `apply`.
 */
import { createContext } from 'svelte';
import { applyChange, type Change } from '$lib/domain/changes';
import type { Issue } from '$lib/domain/errors';
import { linkCounts, type LinkCounts } from '$lib/domain/graph';
import type { Op } from '$lib/domain/ops';
import type { Actor, CausewayDocument, Event, Source } from '$lib/domain/schema';

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
}

export class Editor {
	#doc = $state.raw<CausewayDocument>() as CausewayDocument;
	#notice = $state.raw<Notice | null>(null);
	#noticeTimer: ReturnType<typeof setTimeout> | undefined;

	readonly eventsById = $derived(new Map<string, Event>(this.#doc.events.map((e) => [e.id, e])));
	readonly actorsById = $derived(new Map<string, Actor>(this.#doc.actors.map((a) => [a.id, a])));
	readonly sourcesById = $derived(new Map<string, Source>(this.#doc.sources.map((s) => [s.id, s])));
	readonly linkCounts = $derived<Map<string, LinkCounts>>(linkCounts(this.#doc));

	constructor(doc: CausewayDocument) {
		this.#doc = doc;
	}

	get document(): CausewayDocument {
		return this.#doc;
	}

	/** The message the page shows (an edit refused, …), or null. */
	get notice(): Notice | null {
		return this.#notice;
	}

	/** Shows a message; info clears itself after a while, errors stay until dismissed. */
	say(notice: Notice | null): void {
		clearTimeout(this.#noticeTimer);
		this.#notice = notice;
		if (notice?.kind === 'info') this.#noticeTimer = setTimeout(() => (this.#notice = null), 5000);
	}

	/** Applies a committed change to the document: the one place the document changes. */
	apply(change: Change, revision: number): void {
		this.#doc = { ...applyChange(this.#doc, change), revision };
	}

	/**
	 * Sends operations to the server (`POST /api/changes`, all or nothing) and, once they are on
	 * disk, applies the committed change. Throws an EditError when refused; nothing changes then.
	 */
	async commit(ops: Op[]): Promise<Committed> {
		let response: Response;
		try {
			response = await fetch('/api/changes', {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...authorization() },
				body: JSON.stringify({ ops })
			});
		} catch {
			throw new EditError(0, 'offline', 'The server could not be reached; nothing was saved.');
		}
		const body = await response.json().catch(() => null);
		if (!response.ok) {
			if (response.status === 401 && askForToken()) return this.commit(ops);
			const error = body?.error ?? {};
			throw new EditError(response.status, error.code ?? 'error', error.message ?? `The server answered ${response.status}.`, error.issues, error.current);
		}
		const committed = body as Committed;
		try {
			this.apply(committed.change, committed.revision);
		} catch {
			// Our copy had fallen behind (another tab edited it): take the server's.
			await this.reload();
		}
		return committed;
	}

	/** Replaces the document with the server's. */
	async reload(): Promise<void> {
		const response = await fetch('/api/document');
		if (response.ok) this.#doc = (await response.json()) as CausewayDocument;
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
