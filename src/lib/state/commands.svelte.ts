/**
 * The page's commands that open a dialog — New event/actor/link/source, Delete (asking first when
 * it takes other things along), the keyboard shortcuts — reachable alike from buttons and keys.
 * Views ask here; the page shows the one dialog that is open.
 */
import { createContext } from 'svelte';
import { planChange } from '$lib/domain/ops';
import type { CausewayDocument, CollectionName } from '$lib/domain/schema';
import type { Editor } from './editor.svelte';
import type { Selection, SelectionKind } from './selection';

export type NewKind = 'event' | 'actor' | 'link' | 'source';

/** What deleting one entity takes along, counted from the planner's own cascade. */
export interface Deletion {
	collection: CollectionName;
	id: string;
	revision: number;
	name: string;
	/** "its 3 links", "its place on 5 events", … or '' when it takes nothing along. */
	along: string;
}

export const COLLECTION_OF: Record<SelectionKind, CollectionName> = { event: 'events', actor: 'actors', link: 'links', source: 'sources' };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What deleting `selection` would do to `doc`, or null if it does not exist. */
export function deletionOf(doc: CausewayDocument, selection: Selection, nameOf: (s: Selection) => string): Deletion | null {
	const collection = COLLECTION_OF[selection.kind];
	const entity = (doc[collection] as { id: string; revision: number }[]).find((e) => e.id === selection.id);
	if (!entity) return null;
	const { change } = planChange(doc, [{ op: 'delete', collection, id: selection.id }], { now: new Date().toISOString() });
	const links = (change.links?.removed ?? []).filter((l) => l.id !== selection.id).length;
	const events = change.events?.updated?.length ?? 0;
	const citingLinks = change.links?.updated?.length ?? 0;
	const parts: string[] = [];
	if (links) parts.push(`its ${plural(links, 'link')} to other events`);
	if (selection.kind === 'actor' && events) parts.push(`its place on ${plural(events, 'event')}`);
	if (selection.kind === 'source' && events + citingLinks) parts.push(`its citations on ${[events && plural(events, 'event'), citingLinks && plural(citingLinks, 'link')].filter(Boolean).join(' and ')}`);
	return { collection, id: selection.id, revision: entity.revision, name: nameOf(selection), along: parts.join(' and ') };
}

export class Commands {
	/** The New dialog open, and for a new link the event it starts from or the one it leads to. */
	creating = $state<{ kind: NewKind; from?: string; to?: string } | null>(null);
	/** The deletion waiting for the user's confirmation. */
	confirming = $state.raw<Deletion | null>(null);
	helpOpen = $state(false);

	constructor(
		private readonly editor: Editor,
		private readonly select: (next: Selection | null) => void,
		private readonly selection: () => Selection | null
	) {}

	create(kind: NewKind, from?: string, to?: string): void {
		this.creating = { kind, from, to };
	}

	/** The name an entity goes by in messages. */
	nameOf(selection: Selection): string {
		const { editor } = this;
		if (selection.kind === 'event') return editor.eventsById.get(selection.id)?.title ?? selection.id;
		if (selection.kind === 'actor') return editor.actorsById.get(selection.id)?.name ?? selection.id;
		if (selection.kind === 'source') return editor.sourcesById.get(selection.id)?.title ?? selection.id;
		const link = editor.document.links.find((l) => l.id === selection.id);
		return link ? `${editor.eventsById.get(link.from)?.title ?? link.from} → ${editor.eventsById.get(link.to)?.title ?? link.to}` : selection.id;
	}

	/** Deletes `target` (the selection by default): at once when it takes nothing along, else after asking. */
	askDelete(target: Selection | null = this.selection()): void {
		if (!target) return;
		const deletion = deletionOf(this.editor.document, target, (s) => this.nameOf(s));
		if (!deletion) return;
		if (deletion.along) this.confirming = deletion;
		else void this.delete(deletion);
	}

	/** Deletes, through the editor (one undo step that brings back everything it took along). */
	async delete(deletion: Deletion): Promise<void> {
		this.confirming = null;
		const { editor } = this;
		try {
			await editor.commit([{ op: 'delete', collection: deletion.collection, id: deletion.id, ifRevision: deletion.revision }], { label: `delete “${deletion.name}”` });
			editor.say({ kind: 'info', text: `Deleted “${deletion.name}”${deletion.along ? ` and ${deletion.along}` : ''}. Undo brings ${deletion.along ? 'them' : 'it'} back.` });
			if (this.selection()?.id === deletion.id) this.select(null);
		} catch (err) {
			editor.say({ kind: 'error', text: `“${deletion.name}” was not deleted: ${(err as Error).message}` });
		}
	}
}

export const [getCommands, setCommands] = createContext<Commands>();
