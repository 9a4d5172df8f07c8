/**
 * The selection, as kept in the URL: `?select=event:<id>` (also actor:, link:, source:), so a view
 * can be linked to and a reload selects the same thing.
 */
import { ID_PATTERN } from '$lib/domain/schema';

export type SelectionKind = 'event' | 'actor' | 'link' | 'source';
export interface Selection {
	kind: SelectionKind;
	id: string;
}

const KINDS: SelectionKind[] = ['event', 'actor', 'link', 'source'];

/** The selection named by a `select` parameter, or null when absent or malformed. */
export function parseSelection(param: string | null): Selection | null {
	if (!param) return null;
	const [kind, id] = param.split(':', 2) as [SelectionKind, string | undefined];
	if (!KINDS.includes(kind) || !id || !ID_PATTERN.test(id)) return null;
	return { kind, id };
}

/** The `select` parameter for a selection. */
export function formatSelection(selection: Selection): string {
	return `${selection.kind}:${selection.id}`;
}

/** `url` with its selection replaced (or removed, for null). */
export function withSelection(url: URL, selection: Selection | null): URL {
	const next = new URL(url);
	if (selection) next.searchParams.set('select', formatSelection(selection));
	else next.searchParams.delete('select');
	return next;
}
