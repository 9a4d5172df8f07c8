/**
 * Exploring cause and effect: what led to an event, what followed from it, how A led to B, where
 * the story starts and ends, and what in the data cannot be right (cycles, effects before causes).
 * Every query builds its adjacency once, in O(events + links), so each stays quick on a document of
 * 10,000 events and 15,000 links; the searches that can explode (paths, cycles) are bounded.
 */
import { causalGraph, dateKey, indexedGraph, isInside, mayFollow, sortByDate, startDays, type CausalGraph, type Scope } from './causality-graph';
import type { CausewayDocument, Event, Link } from './schema';

export { findCycles, type CausalCycle, type CycleOptions, type CyclesResult } from './causality-cycles';
export type { Scope } from './causality-graph';

export interface WalkOptions extends Scope {
	/** How many links away to look at most: 1 = direct causes (or effects) only. */
	maxDepth?: number;
}

/**
 * Every event upstream of `eventId` — its causes, their causes, … — with the fewest links that
 * lead from it to `eventId` (1 = a direct cause), in order of that depth. Never includes `eventId`
 * itself, even when it lies on a cycle.
 */
export function ancestors(doc: CausewayDocument, eventId: string, options: WalkOptions = {}): Map<string, number> {
	return walk(causalGraph(doc).incoming, eventId, 'from', options);
}

/** Every event downstream of `eventId` — its effects, their effects, … — with its depth, as ancestors. */
export function descendants(doc: CausewayDocument, eventId: string, options: WalkOptions = {}): Map<string, number> {
	return walk(causalGraph(doc).outgoing, eventId, 'to', options);
}

// Breadth first, so the first depth an event is reached at is its shortest.
function walk(adjacent: Map<string, Link[]>, start: string, end: 'from' | 'to', options: WalkOptions) {
	const { maxDepth = Infinity } = options;
	const depths = new Map<string, number>();
	let frontier = [start];
	for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
		const next: string[] = [];
		for (const id of frontier) {
			for (const link of adjacent.get(id) ?? []) {
				const other = link[end];
				if (other === start || depths.has(other) || !mayFollow(options, link, other)) continue;
				depths.set(other, depth);
				next.push(other);
			}
		}
		frontier = next;
	}
	return depths;
}

/** One way A led to B: the events from A to B and the links between them, in order. */
export interface CausalPath {
	events: string[];
	links: string[];
}

export interface PathOptions extends Scope {
	/** How many paths to list at most (default 50). */
	maxPaths?: number;
	/** How many links a path may have at most (default 12). */
	maxLength?: number;
}

export interface PathsResult {
	paths: CausalPath[];
	/** True when there may be more paths than those listed ("showing the first 50"). */
	truncated: boolean;
}

/**
 * Link steps one search may take before it gives up and answers with what it has (truncated):
 * a dense tangle can hold billions of paths within 12 links.
 */
const PATH_SEARCH_BUDGET = 250_000;

/**
 * Every simple causal path from `fromId` to `toId`, following links from cause to effect: the
 * shortest first, then by the dates of their events (earlier first, step by step). `within` and
 * `withinLinks` limit the events and links a path may pass through; its two ends need not be in it.
 */
export function pathsBetween(doc: CausewayDocument, fromId: string, toId: string, options: PathOptions = {}): PathsResult {
	const { maxPaths = 50 } = options;
	const graph = causalGraph(doc);
	// A simple path cannot have more links than there are events besides its first.
	const maxLength = Math.min(options.maxLength ?? 12, graph.events.size - 1);
	const paths: CausalPath[] = [];
	if (fromId === toId || !graph.events.has(fromId) || !graph.events.has(toId)) return { paths, truncated: false };
	const toTarget = distancesTo(graph, fromId, toId, maxLength, options);
	const shortest = toTarget.get(fromId);
	if (shortest === undefined) return { paths, truncated: false };

	// Only links into events that can still reach B, tried earliest effect first: a depth-first
	// search then meets the paths of one length in date order, so it can stop at maxPaths.
	const steps = new Map<string, Link[]>();
	const keys = new Map<string, string>();
	const keyOf = (link: Link) => {
		let key = keys.get(link.id);
		if (key === undefined) keys.set(link.id, (key = `${dateKey(graph.events.get(link.to)!)} ${link.id}`));
		return key;
	};
	const stepsFrom = (id: string) => {
		let list = steps.get(id);
		if (!list) {
			list = (graph.outgoing.get(id) ?? []).filter(
				(l) => toTarget.has(l.to) && (!options.withinLinks || options.withinLinks.has(l.id))
			);
			list.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
			steps.set(id, list);
		}
		return list;
	};

	let budget = PATH_SEARCH_BUDGET;
	let truncated = false;
	// One depth-first search per length (iterative deepening) lists the shorter paths first. When a
	// search cut no branch for being too long, no longer path exists and the next would be wasted.
	let cut = true;
	for (let length = shortest; length <= maxLength && cut && !truncated; length++) {
		cut = false;
		const events = [fromId];
		const links: string[] = [];
		const onPath = new Set(events);
		const tried = [0];
		while (tried.length) {
			const depth = tried.length - 1;
			const choices = stepsFrom(events[depth]);
			const i = tried[depth]++;
			if (i >= choices.length) {
				tried.pop();
				onPath.delete(events.pop()!);
				links.pop();
				continue;
			}
			if (--budget < 0) {
				truncated = true;
				break;
			}
			const link = choices[i];
			if (onPath.has(link.to)) continue;
			if (link.to === toId) {
				if (depth + 1 < length) continue;
				if (paths.length >= maxPaths) {
					truncated = true;
					break;
				}
				paths.push({ events: [...events, toId], links: [...links, link.id] });
			} else if (depth + 1 + toTarget.get(link.to)! > length) {
				cut = true;
			} else {
				events.push(link.to);
				links.push(link.id);
				onPath.add(link.to);
				tried.push(0);
			}
		}
	}
	return { paths, truncated };
}

/**
 * For each event that can reach `toId` within `maxLength` links without passing through `fromId`,
 * the fewest links it takes. The path search walks only inside this set and uses the distances
 * to cut any branch that could no longer arrive in time.
 */
function distancesTo(graph: CausalGraph, fromId: string, toId: string, maxLength: number, scope: Scope) {
	const distance = new Map([[toId, 0]]);
	let frontier = [toId];
	for (let d = 1; d <= maxLength && frontier.length; d++) {
		const next: string[] = [];
		for (const id of frontier) {
			for (const link of graph.incoming.get(id) ?? []) {
				const cause = link.from;
				if (distance.has(cause)) continue;
				if (cause === fromId) {
					if (!scope.withinLinks || scope.withinLinks.has(link.id)) distance.set(cause, d);
				} else if (mayFollow(scope, link, cause)) {
					distance.set(cause, d);
					next.push(cause);
				}
			}
		}
		frontier = next;
	}
	return distance;
}

/** A link whose effect certainly starts before its cause does. */
export interface TemporalInconsistency {
	link: Link;
	cause: Event;
	effect: Event;
}

/**
 * The links whose effect certainly starts before its cause — every day the effect's start covers
 * precedes every day the cause's start covers. Allowed, but usually a mistake in a date or a link.
 */
export function temporalInconsistencies(doc: CausewayDocument): TemporalInconsistency[] {
	// Asked after every edit: over indices and day numbers kept from one revision to the next.
	const { events, inOrder, causeOf, effectOf } = indexedGraph(doc);
	const { first, last } = startDays(events);
	const found: TemporalInconsistency[] = [];
	for (let k = 0; k < inOrder.length; k++) {
		if (last[effectOf[k]] < first[causeOf[k]]) found.push({ link: inOrder[k], cause: events[causeOf[k]], effect: events[effectOf[k]] });
	}
	return found;
}

/**
 * The events where the (filtered) story starts: they cause something inside `within` but nothing
 * inside it causes them. Events with no links inside it are left out. Sorted by date.
 */
export function rootCauses(doc: CausewayDocument, within?: ReadonlySet<string>, withinLinks?: ReadonlySet<string>): Event[] {
	const { causes, effects } = linkedEnds(doc, { within, withinLinks });
	return sortByDate(doc.events.filter((e) => causes.has(e.id) && !effects.has(e.id)));
}

/**
 * The events where the (filtered) story ends: something inside `within` causes them but they cause
 * nothing inside it. Events with no links inside it are left out. Sorted by date.
 */
export function finalEffects(doc: CausewayDocument, within?: ReadonlySet<string>, withinLinks?: ReadonlySet<string>): Event[] {
	const { causes, effects } = linkedEnds(doc, { within, withinLinks });
	return sortByDate(doc.events.filter((e) => effects.has(e.id) && !causes.has(e.id)));
}

/** The events that are the cause, and those that are the effect, of some link inside `scope`. */
function linkedEnds(doc: CausewayDocument, scope: Scope) {
	const causes = new Set<string>();
	const effects = new Set<string>();
	for (const link of causalGraph(doc).links) {
		if (!isInside(scope, link)) continue;
		causes.add(link.from);
		effects.add(link.to);
	}
	return { causes, effects };
}
