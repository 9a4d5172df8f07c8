/**
 * The links of a document as adjacency lists, built once per query in O(events + links), so that
 * walking cause and effect never scans every link for every event.
 */
import { diffById, sameIds } from './collections';
import { dayNumbers, firstDay, precisionOf } from './partial-date';
import type { CausewayDocument, Event, Link } from './schema';

export interface CausalGraph {
	events: Map<string, Event>;
	/** The links whose ends both exist, in document (id) order. */
	links: Link[];
	/** Event id → the links leading out of it, to its effects. */
	outgoing: Map<string, Link[]>;
	/** Event id → the links leading into it, from its causes. */
	incoming: Map<string, Link[]>;
}

/**
 * The part of a document a walk may use — usually what a filter shows. Absent means everything.
 */
export interface Scope {
	/** The events a walk may reach (the event it starts from need not be one of them). */
	within?: ReadonlySet<string>;
	/** The links a walk may follow. */
	withinLinks?: ReadonlySet<string>;
}

/** The adjacency lists of a document's links, each list in link id order. */
export function causalGraph(doc: CausewayDocument): CausalGraph {
	const events = new Map(doc.events.map((e) => [e.id, e]));
	const outgoing = new Map<string, Link[]>();
	const incoming = new Map<string, Link[]>();
	const links: Link[] = [];
	for (const link of doc.links) {
		// Integrity forbids dangling links, but a document being imported is not checked yet.
		if (!events.has(link.from) || !events.has(link.to)) continue;
		links.push(link);
		push(outgoing, link.from, link);
		push(incoming, link.to, link);
	}
	return { events, links, outgoing, incoming };
}

function push(map: Map<string, Link[]>, key: string, link: Link) {
	const list = map.get(key);
	if (list) list.push(link);
	else map.set(key, [link]);
}

/** True when a walk in `scope` may follow `link` to the event `next` at its other end. */
export function mayFollow(scope: Scope, link: Link, next: string): boolean {
	return (!scope.withinLinks || scope.withinLinks.has(link.id)) && (!scope.within || scope.within.has(next));
}

/** True when both ends of `link` and the link itself lie inside `scope`. */
export function isInside(scope: Scope, link: Link): boolean {
	return mayFollow(scope, link, link.to) && (!scope.within || scope.within.has(link.from));
}

const PRECISION_RANK = { year: 0, month: 1, day: 2 };

/**
 * A string that sorts events by start date as comparePartialDates does (coarser first on the same
 * first day), then by id. Sorting by precomputed keys parses each date once, not once per comparison.
 */
export function dateKey(event: Event): string {
	return `${firstDay(event.start)}${PRECISION_RANK[precisionOf(event.start)]}${event.id}`;
}

/** The events in date order (then by id), as a new array. */
export function sortByDate(events: readonly Event[]): Event[] {
	return events
		.map((event) => ({ event, key: dateKey(event) }))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
		.map(({ event }) => event);
}

/**
 * The same graph over integer indices, for the queries that walk all of it after every edit
 * (cycles, backward links): typed arrays instead of maps keyed by id strings. Event `i` is
 * `events[i]`; the links leading out of it are `links[first[i]]` … `links[first[i + 1] - 1]`, in
 * document order, and `target[k]` is the index of the effect of `links[k]`.
 */
export interface IndexedGraph {
	events: readonly Event[];
	/** Event id → its index (the last event with that id, as `causalGraph` keeps). */
	index: ReadonlyMap<string, number>;
	/** Whether the events are in id order (as stored), so that a lower index is a lower id. */
	byId: boolean;
	first: Int32Array;
	target: Int32Array;
	links: Link[];
	/** The links whose ends both exist, in document order, with the indices of their cause and effect. */
	inOrder: Link[];
	causeOf: Int32Array;
	effectOf: Int32Array;
}

/*
 * These queries run after every edit of documents of 50,000 events, so what they build is kept
 * and reused. Documents are immutable: an edit makes new arrays for the collections it changes
 * and keeps every entity it does not touch. So:
 * - what was asked last is what the next revision is built from (a repeated question counts);
 * - a document's graph is built once however many queries ask (keyed by its links array, with
 *   the events array it was built with; lengths are checked too, so that a test that pushes into
 *   an array it already queried is not answered from before);
 * - the index of the events is kept while their ids stay in the same places (an edit of the
 *   links, or of an event's fields), and with it the indices of the ends of the links kept;
 * - when only events' fields changed, the graph's arrays are the very same, which tells
 *   findCycles (whose answer depends on nothing else) that its last answer still stands.
 */
interface Layout {
	events: readonly Event[];
	index: Map<string, number>;
	/** Whether the events are in id order, as a stored document keeps them. */
	byId: boolean;
}

let lastLayout: Layout | null = null;
let lastGraph: { links: readonly Link[]; length: number; graph: IndexedGraph } | null = null;
const layouts = new WeakMap<readonly Event[], { length: number; layout: Layout }>();
const graphs = new WeakMap<readonly Link[], { events: readonly Event[]; length: number; graph: IndexedGraph }>();

function samePlaces(a: readonly Event[], b: readonly Event[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i].id !== b[i].id) return false;
	return true;
}

function layoutOf(events: readonly Event[]): Layout {
	const cached = layouts.get(events);
	if (cached && cached.length === events.length) return (lastLayout = cached.layout);
	let layout: Layout;
	if (lastLayout && samePlaces(events, lastLayout.events)) layout = { ...lastLayout, events };
	else {
		const index = new Map<string, number>();
		let byId = true;
		for (let i = 0; i < events.length; i++) {
			index.set(events[i].id, i);
			if (i && !(events[i - 1].id < events[i].id)) byId = false;
		}
		layout = { events, index, byId };
	}
	lastLayout = layout;
	layouts.set(events, { length: events.length, layout });
	return layout;
}

/** The document's links as an IndexedGraph: the links whose ends both exist, as `causalGraph`. */
export function indexedGraph(doc: Pick<CausewayDocument, 'events' | 'links'>): IndexedGraph {
	const cached = graphs.get(doc.links);
	if (cached && cached.events === doc.events && cached.length === doc.links.length) {
		layoutOf(doc.events);
		return remember(doc, cached.graph);
	}
	const { index, byId } = layoutOf(doc.events);
	// Events edited in place (same ids, same links): the same graph, with the new events.
	if (lastGraph?.links === doc.links && lastGraph.length === doc.links.length && lastGraph.graph.index === index) {
		return remember(doc, { ...lastGraph.graph, events: doc.events });
	}
	const n = doc.events.length;
	const causeOf = new Int32Array(doc.links.length);
	const effectOf = new Int32Array(doc.links.length);
	const inOrder: Link[] = [];
	const first = new Int32Array(n + 1);
	// The links an edit did not touch are the same objects, mostly in the same order (by id), so
	// a walk along the previous graph's links gives their ends without looking their ids up.
	const previous = lastGraph?.graph.index === index ? lastGraph.graph : null;
	let j = 0;
	for (const link of doc.links) {
		let from = -1;
		let to = -1;
		while (previous && j < previous.inOrder.length && previous.inOrder[j] !== link && previous.inOrder[j].id < link.id) j++;
		if (previous && previous.inOrder[j] === link) {
			from = previous.causeOf[j];
			to = previous.effectOf[j++];
		} else {
			from = index.get(link.from) ?? -1;
			to = index.get(link.to) ?? -1;
		}
		if (from < 0 || to < 0) continue;
		causeOf[inOrder.length] = from;
		effectOf[inOrder.length] = to;
		inOrder.push(link);
		first[from + 1]++;
	}
	for (let i = 0; i < n; i++) first[i + 1] += first[i];
	// A counting sort by cause, stable: each event's links stay in document order.
	const fill = first.slice(0, n);
	const target = new Int32Array(inOrder.length);
	const links = new Array<Link>(inOrder.length);
	for (let k = 0; k < inOrder.length; k++) {
		const at = fill[causeOf[k]]++;
		target[at] = effectOf[k];
		links[at] = inOrder[k];
	}
	const graph = {
		events: doc.events,
		index,
		byId,
		first,
		target,
		links,
		inOrder,
		causeOf: causeOf.subarray(0, inOrder.length),
		effectOf: effectOf.subarray(0, inOrder.length)
	};
	return remember(doc, graph);
}

function remember(doc: Pick<CausewayDocument, 'events' | 'links'>, graph: IndexedGraph): IndexedGraph {
	lastGraph = { links: doc.links, length: doc.links.length, graph };
	graphs.set(doc.links, { events: doc.events, length: doc.links.length, graph });
	return graph;
}

/** For each event, the first and last day its start covers, as numbers (YYYYMMDD) in the same order. */
export interface StartDays {
	first: Int32Array;
	last: Int32Array;
}

let lastDays: { events: readonly Event[]; days: StartDays } | null = null;
const startDaysOf = new WeakMap<readonly Event[], { length: number; days: StartDays }>();

/** The start days of `events`, recomputed only for the events an edit replaced. */
export function startDays(events: readonly Event[]): StartDays {
	const cached = startDaysOf.get(events);
	if (cached && cached.length === events.length) {
		lastDays = { events, days: cached.days };
		return cached.days;
	}
	const previous = lastDays && lastDays.events.length === events.length ? lastDays : null;
	// The usual edit replaces a few events in their places: copy the days, redo those events'.
	const delta = previous && diffById(previous.events, events, 1000);
	const { index, byId } = layoutOf(events);
	// Two lists of the same ids, both in id order, hold each event in the same place.
	if (previous && delta && sameIds(delta) && byId && layoutOf(previous.events).byId) {
		const days = { first: previous.days.first.slice(), last: previous.days.last.slice() };
		for (const event of delta.came) {
			const i = index.get(event.id)!;
			[days.first[i], days.last[i]] = dayNumbers(event.start);
		}
		return rememberDays(events, days);
	}
	const days = { first: new Int32Array(events.length), last: new Int32Array(events.length) };
	for (let i = 0; i < events.length; i++) {
		const before = previous?.events[i];
		if (before === events[i] || (before && before.start === events[i].start)) {
			days.first[i] = previous!.days.first[i];
			days.last[i] = previous!.days.last[i];
		} else {
			[days.first[i], days.last[i]] = dayNumbers(events[i].start);
		}
	}
	return rememberDays(events, days);
}

function rememberDays(events: readonly Event[], days: StartDays): StartDays {
	lastDays = { events, days };
	startDaysOf.set(events, { length: events.length, days });
	return days;
}
