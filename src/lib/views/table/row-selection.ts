/** Selecting from a list's rows: a click anywhere on a row, or its title link (keyboard, new tab). */
import type { Selection, SelectionKind } from '$lib/state/selection';

/** A click on a row selects its item; the title link handles its own clicks. */
export function selectRow(event: MouseEvent, item: Selection, onselect: (selection: Selection) => void): void {
	if ((event.target as HTMLElement).closest('a')) return;
	onselect(item);
}

/** The title link selects in place; modified clicks keep their meaning (a new tab, a new window). */
export function followLink(event: MouseEvent, item: Selection, onselect: (selection: Selection) => void): void {
	if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
	event.preventDefault();
	onselect(item);
}

/** Brings the selected row into view when the selection is of this list's kind (a shared link, a click elsewhere). */
export function revealSelectedRow(body: HTMLElement | undefined, selection: Selection | null, kind: SelectionKind): void {
	if (selection?.kind !== kind) return;
	body?.querySelector('tr[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
}
