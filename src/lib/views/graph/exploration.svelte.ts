/**
 * Exploring cause and effect, shared by the graph (which highlights) and the inspector (which lists
 * and holds the controls): the whole chain of causes or effects of the selected event, the paths
 * from one event to another, where the story starts and ends, and what in the data cannot be right
 * (cycles, effects before their causes). Everything is computed by the domain's causality queries,
 * within what the filter shows. View state: none of it is stored in the document.
 */
import { createContext } from 'svelte';
import { ancestors, descendants, finalEffects, findCycles, pathsBetween, rootCauses, temporalInconsistencies, type CausalCycle, type PathsResult, type Scope, type TemporalInconsistency } from '$lib/domain/causality';
import { nearestConnection, type NearestConnection } from '$lib/domain/evidence';
import type { CausewayDocument, Event } from '$lib/domain/schema';
import type { Editor } from '$lib/state/editor.svelte';
import type { ViewFilter } from '$lib/state/filters.svelte';
import type { Selection } from '$lib/state/selection';
import { highlightFor, type Highlight } from './highlight';

export type Chain = 'causes' | 'effects';

export interface Problems {
	cycles: CausalCycle[];
	/** True when there are more cycles than listed. */
	moreCycles: boolean;
	backwards: TemporalInconsistency[];
}

/** How many cycles are listed at most: a tangle can hold thousands, and each is a data error anyway. */
const MAX_CYCLES = 50;

/** Looks for problems in a document: cycles and links whose effect comes before the cause. */
export function problemsOf(doc: CausewayDocument): Problems {
	const { cycles, truncated } = findCycles(doc, { max: MAX_CYCLES });
	return { cycles, moreCycles: truncated, backwards: temporalInconsistencies(doc) };
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = Object.is): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	// A plain loop: 50 cycles can hold 5,000 events each.
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !same(a[i], b[i])) return false;
	return true;
}

/**
 * True when two findings name the same cycles and the same backward links, with the same link
 * and event objects (so nothing shown about them changed either). Most edits change neither:
 * keeping the earlier object then spares the graph re-marking every cycle's links.
 */
export function sameProblems(a: Problems, b: Problems): boolean {
	return (
		a.moreCycles === b.moreCycles &&
		sameList(a.cycles, b.cycles, (x, y) => sameList(x.links, y.links) && sameList(x.events, y.events)) &&
		sameList(a.backwards, b.backwards, (x, y) => x.link === y.link && x.cause === y.cause && x.effect === y.effect)
	);
}

export class Exploration {
	readonly #editor: Editor;
	readonly #filter: ViewFilter;
	readonly #selection: () => Selection | null;

	/** Show every cause (or effect) of the selected event, not only the direct ones. */
	chain = $state<Chain | null>(null);
	/** How many links away the chain goes; 0 for no limit. */
	depth = $state(0);

	/** "How did A lead to B?": the two events, and whether the answer is on show. */
	pathFrom = $state<string | null>(null);
	pathTo = $state<string | null>(null);
	pathsOpen = $state(false);
	endsOpen = $state(false);
	problemsOpen = $state(false);

	/** Found in the background after each change of the document (see watchProblems). */
	problems = $state.raw<Problems | null>(null);

	/** Where walks may go: what the filter shows. */
	readonly scope: Scope = $derived.by(() => {
		const result = this.#filter.result;
		return result ? { within: result.events, withinLinks: result.links } : {};
	});

	/** The selected event, if an event is selected and exists. */
	readonly selectedEvent: Event | null = $derived.by(() => {
		const selection = this.#selection();
		return (selection?.kind === 'event' && this.#editor.eventsById.get(selection.id)) || null;
	});

	/** The chain of the selected event: each event in it with its distance in links, nearest first. */
	readonly chainDepths: Map<string, number> | null = $derived.by(() => {
		const event = this.selectedEvent;
		if (!this.chain || !event) return null;
		const walk = this.chain === 'causes' ? ancestors : descendants;
		return walk(this.#editor.document, event.id, { ...this.scope, maxDepth: this.depth || undefined });
	});

	/** What the views light up (and whether the rest fades): one answer for the graph and the timeline. */
	readonly highlight: Highlight = $derived.by(() =>
		highlightFor({
			doc: this.#editor.document,
			selection: this.#selection(),
			chain: this.chainDepths && this.selectedEvent ? { of: this.selectedEvent.id, depths: this.chainDepths } : null,
			paths: this.paths,
			ends: this.ends
		})
	);

	/** Every path from pathFrom to pathTo within the filter, when asked for. */
	readonly paths: PathsResult | null = $derived.by(() => {
		if (!this.pathsOpen || !this.pathFrom || !this.pathTo) return null;
		return pathsBetween(this.#editor.document, this.pathFrom, this.pathTo, this.scope);
	});

	/** When the filter leaves no path: whether the whole document has one (worth saying). */
	readonly pathsWithoutFilter: boolean = $derived.by(() => {
		if (!this.paths || this.paths.paths.length || !this.#filter.active) return false;
		return pathsBetween(this.#editor.document, this.pathFrom!, this.pathTo!, { maxPaths: 1 }).paths.length > 0;
	});

	/** When there is no path from A to B: what comes closest (shared causes and effects, a chain ignoring direction). */
	readonly nearest: NearestConnection | null = $derived.by(() => {
		if (!this.paths || this.paths.paths.length || this.pathFrom === this.pathTo) return null;
		return nearestConnection(this.#editor.document, this.pathFrom!, this.pathTo!, this.scope);
	});

	/** Where the shown story starts (root causes) and ends (final effects), when asked for. */
	readonly ends: { roots: Event[]; finals: Event[] } | null = $derived.by(() => {
		if (!this.endsOpen) return null;
		const { within, withinLinks } = this.scope;
		const doc = this.#editor.document;
		return { roots: rootCauses(doc, within, withinLinks), finals: finalEffects(doc, within, withinLinks) };
	});

	constructor(editor: Editor, filter: ViewFilter, selection: () => Selection | null) {
		this.#editor = editor;
		this.#filter = filter;
		this.#selection = selection;
	}

	/** The number of problems found (cycles and backward links). */
	get problemCount(): number {
		return this.problems ? this.problems.cycles.length + this.problems.backwards.length : 0;
	}

	showChain(chain: Chain | null): void {
		this.chain = this.chain === chain ? null : chain;
	}

	/** Starts or ends "How did A lead to B?" at an event; the answer shows once both are chosen. */
	setPathEnd(end: 'from' | 'to', eventId: string | null): void {
		if (end === 'from') this.pathFrom = eventId;
		else this.pathTo = eventId;
		this.pathsOpen = true;
	}

	swapPathEnds(): void {
		[this.pathFrom, this.pathTo] = [this.pathTo, this.pathFrom];
	}

	/**
	 * Keeps `problems` up to date, computed when the browser is idle after the document changes
	 * rather than as part of the change: an edit is on screen before the whole graph is searched
	 * for cycles (about 0.1 s at 10,000 events). Call during component initialisation.
	 */
	watchProblems(): void {
		$effect(() => {
			const doc = this.#editor.document;
			const find = () => {
				const found = problemsOf(doc);
				if (!this.problems || !sameProblems(this.problems, found)) this.problems = found;
			};
			if (typeof requestIdleCallback === 'function') {
				const handle = requestIdleCallback(find, { timeout: 2000 });
				return () => cancelIdleCallback(handle);
			}
			const timer = setTimeout(find, 200);
			return () => clearTimeout(timer);
		});
	}
}

export const [getExploration, setExploration] = createContext<Exploration>();
