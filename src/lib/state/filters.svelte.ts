/**
 * The filter the views share — by actor, kind, relation, confidence, period, words, "as of" and
 * single-source links — read from
 * the URL (so a filtered view can be linked to and survives a reload) and applied to the editor's
 * document. The URL is the truth; this class only derives from it, once per change of the filter
 * or the document, however many views read it.
 *
 * Words being typed reach the URL after a pause (see Toolbar); until then they are `typed`, and
 * `live` applies them at once — for the table, which is cheap to narrow on every key, while the
 * timeline and the graph wait for the URL and redraw once.
 */
import { createContext } from 'svelte';
import { applyFilter, filterFromParams, filterToParams, isEmptyFilter, withFilter, type Filter, type FilterResult } from '$lib/domain/filter';
import type { Editor } from './editor.svelte';

export class ViewFilter {
	readonly #editor: Editor;
	readonly #url: () => URL;

	/**
	 * The filter's own URL parameters, in canonical order: a string, so that a change of something
	 * else in the URL (the selection) leaves everything derived from the filter alone.
	 */
	readonly #key = $derived.by(() => filterToParams(filterFromParams(this.#url().searchParams)).toString());
	readonly filter: Filter = $derived(filterFromParams(new URLSearchParams(this.#key)));
	/** True when the filter hides something, or could (some part of it is set). */
	readonly active = $derived(!isEmptyFilter(this.filter));
	/** What the filter shows, or null when it shows everything. */
	readonly result: FilterResult | null = $derived(this.active ? applyFilter(this.#document(), this.filter) : null);

	/** Words in the search box that the URL does not have yet (null: none). */
	#typed = $state<string | null>(null);
	/** The filter with the words being typed: what the table shows. */
	readonly live: FilterResult | null = $derived.by(() => {
		const typed = this.#typed;
		if (typed === null || typed === (this.filter.text ?? '')) return this.result;
		const filter = { ...this.filter, text: typed || undefined };
		return isEmptyFilter(filter) ? null : applyFilter(this.#document(), filter);
	});

	constructor(editor: Editor, url: () => URL) {
		this.#editor = editor;
		this.#url = url;
	}

	#document() {
		return this.#editor.document;
	}

	/** The ids of the events shown, or null for all of them. */
	get shownEvents(): ReadonlySet<string> | null {
		return this.result?.events ?? null;
	}

	/** The ids of the links shown, or null for all of them. */
	get shownLinks(): ReadonlySet<string> | null {
		return this.result?.links ?? null;
	}

	get hiddenEvents(): number {
		return this.result?.hiddenEvents ?? 0;
	}

	get hiddenLinks(): number {
		return this.result?.hiddenLinks ?? 0;
	}

	/** With "as of": the events and links no source supports, not shown and counted apart. */
	get uncited(): { events: string[]; links: string[] } | null {
		return this.result?.uncited ?? null;
	}

	/** True when the event is shown (or nothing is filtered). */
	shows(eventId: string): boolean {
		return !this.result || this.result.events.has(eventId);
	}

	/** The search box changed; the URL follows later. */
	typing(text: string): void {
		this.#typed = text;
	}

	/** The current URL with `next` as its filter, every other parameter kept. */
	urlWith(next: Filter): URL {
		return withFilter(this.#url(), next);
	}
}

export const [getViewFilter, setViewFilter] = createContext<ViewFilter>();
