/**
 * The links of a document as adjacency lists, built once per query in O(events + links), so that
 * walking cause and effect never scans every link for every event.
 */
import { firstDay, precisionOf } from './partial-date';
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
