/**
 * What the graph's gestures mean in the editor's terms: the words the tooltip shows for what is
 * under the pointer, and the link a drag from one event to another asks for — refused, with the
 * reason said, when the link rule refuses it (a link to itself, or a second "causes" between the same two events).
 */
import { linkRefusal } from '$lib/domain/link-rule';
import type { Link } from '$lib/domain/schema';
import type { Editor } from '$lib/state/editor.svelte';
import { formatSpan, isolate } from '../format';

export interface Target {
	kind: 'event' | 'link' | 'actor';
	id: string;
}

/** The tooltip's text: "6 Aug 2024 — Title", an actor's name, or "Cause — relation (confidence) → Effect". */
export function describe(editor: Editor, target: Target): string {
	if (target.kind === 'event') {
		const event = editor.eventsById.get(target.id);
		return event ? `${formatSpan(event)} — ${isolate(event.title)}` : '';
	}
	if (target.kind === 'actor') return isolate(editor.actorsById.get(target.id)?.name ?? '');
	const link = editor.document.links.find((l) => l.id === target.id);
	const cause = link && editor.eventsById.get(link.from);
	const effect = link && editor.eventsById.get(link.to);
	return link && cause && effect ? `${isolate(cause.title)} — ${link.relation} (${link.confidence} confidence) → ${isolate(effect.title)}` : '';
}

/**
 * Creates the link `from` → `to` (relation "causes") through the editor and says so; says why when
 * it is refused. Resolves with the new link, or undefined.
 */
export async function drawLink(editor: Editor, from: string, to: string): Promise<Link | undefined> {
	const cause = editor.eventsById.get(from);
	const effect = editor.eventsById.get(to);
	if (!cause || !effect) return undefined;
	const refusal = linkRefusal(editor.document.links, { from, to, relation: 'causes' });
	if (refusal?.reason === 'self') {
		editor.say({ kind: 'error', text: `An event cannot cause itself: drag from “${cause.title}” to another event.` });
		return undefined;
	}
	if (refusal?.reason === 'duplicate') {
		editor.say({ kind: 'error', text: `“${cause.title}” already causes “${effect.title}”: no second such link was made. Select that link to change it.` });
		return undefined;
	}
	try {
		const { change } = await editor.commit([{ op: 'create', collection: 'links', value: { from, to, relation: 'causes' } }]);
		editor.say({ kind: 'info', text: `Linked: “${cause.title}” causes “${effect.title}”. Change the relation or confidence in the inspector.` });
		return change.links?.added?.[0];
	} catch (err) {
		editor.say({ kind: 'error', text: `Could not link “${cause.title}” to “${effect.title}”: ${(err as Error).message}` });
		return undefined;
	}
}
