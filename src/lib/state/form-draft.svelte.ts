/**
 * What the user is typing into an entity's form, before it is saved. Each field keeps its own
 * draft (the text as typed, and the entity as it was when typing began); the field is checked on
 * every keystroke by the same zod schema the server uses, and saved on its own when the user
 * commits it (leaves the field or presses Enter) — one undo step per field, not per keystroke.
 * Fields the user is not editing always show the entity as it is now, so an edit from another tab
 * shows at once without touching what is being typed; saving a draft whose entity changed since
 * goes through the editor's conflict chooser.
 */
import { schemas, type CollectionName, type Entity } from '$lib/domain/schema';
import type { Editor } from './editor.svelte';

/** A field of a form: how the entity's value shows as text, and how text becomes a value (null clears). */
export interface FieldCodec<E = Entity> {
	key: string;
	label: string;
	toText(entity: E): string;
	fromText(text: string, entity: E): unknown;
}

interface FieldDraft {
	text: string;
	/** The entity when typing began: the revision the save is conditional on. */
	base: Entity;
}

/** Two field values alike (absent and null count as the same). */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** "required" → "Required.": zod's messages, as a sentence beside the field. */
export const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.');

export class FormDraft<E extends Entity = Entity> {
	#drafts = $state<Record<string, FieldDraft>>({});
	/** A refusal from the server for a field (rare: the schema is checked first). */
	#refused = $state<Record<string, string>>({});
	#saving = $state<Record<string, boolean>>({});
	readonly #fields: Map<string, FieldCodec<E>>;

	constructor(
		private readonly editor: Editor,
		private readonly collection: CollectionName,
		private readonly entity: () => E | undefined,
		fields: FieldCodec<E>[],
		/** Names the edit for the undo history: "edit title of “…”". */
		private readonly labelOf: (key: string, entity: E) => string
	) {
		this.#fields = new Map(fields.map((f) => [f.key, f]));
	}

	/**
	 * The messages of the fields as they would be saved: every draft applied to the entity, checked
	 * whole (so "end is before start" shows beside End while Start is typed).
	 */
	readonly #issues = $derived.by(() => {
		const entity = this.entity();
		const drafts = Object.entries(this.#drafts);
		if (!entity || drafts.length === 0) return {} as Record<string, string>;
		const candidate: Record<string, unknown> = { ...entity };
		for (const [key, draft] of drafts) {
			const value = this.#fields.get(key)!.fromText(draft.text, entity);
			if (value === null) delete candidate[key];
			else candidate[key] = value;
		}
		const parsed = schemas[this.collection].entity.safeParse(candidate);
		const issues: Record<string, string> = {};
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const key = String(issue.path[0] ?? '');
				if (key in this.#drafts && !issues[key]) issues[key] = sentence(issue.message);
			}
		}
		return issues;
	});

	/** What the field shows: the draft when one is being typed, else the entity's value. */
	text(key: string): string {
		const draft = this.#drafts[key];
		if (draft) return draft.text;
		const entity = this.entity();
		return entity ? this.#fields.get(key)!.toText(entity) : '';
	}

	/** The field's message (invalid as typed, or refused by the server), or ''. */
	error(key: string): string {
		return this.#issues[key] ?? this.#refused[key] ?? '';
	}

	dirty(key: string): boolean {
		return key in this.#drafts;
	}

	saving(key: string): boolean {
		return this.#saving[key] ?? false;
	}

	/** True when some field holds unsaved input. */
	get hasDrafts(): boolean {
		return Object.keys(this.#drafts).length > 0;
	}

	/** The user typed `text` into the field. */
	input(key: string, text: string): void {
		const entity = this.entity();
		if (!entity) return;
		delete this.#refused[key];
		const draft = this.#drafts[key];
		this.#drafts[key] = { text, base: draft?.base ?? entity };
	}

	/** Drops the field's unsaved input (Escape): it shows the entity's value again. */
	revert(key: string): void {
		delete this.#drafts[key];
		delete this.#refused[key];
	}

	/**
	 * Saves the field, if it changed and is valid; an invalid field is not sent (its message shows).
	 * Resolves true when there was nothing to save or it was saved.
	 */
	async commit(key: string): Promise<boolean> {
		const draft = this.#drafts[key];
		const entity = this.entity();
		if (!draft || !entity) return true;
		if (this.#issues[key]) return false;
		const field = this.#fields.get(key)!;
		const value = field.fromText(draft.text, entity);
		// Typed back to what it was: nothing to save (even if it changed elsewhere meanwhile).
		if (sameValue(value, (draft.base as unknown as Record<string, unknown>)[key])) {
			delete this.#drafts[key];
			return true;
		}
		this.#saving[key] = true;
		try {
			await this.editor.update(this.collection, draft.base, { [key]: value }, this.labelOf(key, entity));
			// Saved, or the user took the other version: either way the field shows the entity again,
			// unless they typed on while it was being saved.
			if (this.#drafts[key]?.text === draft.text) delete this.#drafts[key];
			return true;
		} catch (err) {
			this.#refused[key] = sentence(`not saved: ${(err as Error).message}`);
			return false;
		} finally {
			delete this.#saving[key];
		}
	}
}
