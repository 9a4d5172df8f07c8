/**
 * How much each actor and each source is used: what the actors and sources lists count. The lists
 * ask after every edit; at 50,000 events a count from scratch takes 20–30 ms, so the last answer is
 * kept and patched with the entities an edit changed.
 */
import { deltasOf, unchanged } from './collections';
import type { CausewayDocument, Event, Link } from './schema';

type ActorParts = Pick<CausewayDocument, 'actors' | 'events'>;
type SourceParts = Pick<CausewayDocument, 'sources' | 'events' | 'links'>;

let lastByActor: { parts: ActorParts; counts: Map<string, number> } | null = null;
let lastBySource: { parts: SourceParts; counts: Map<string, number> } | null = null;

/** Adds `by` to the count of each id that `idsOf` gives for each entity, where that id is counted at all. */
function tally<T>(counts: Map<string, number>, entities: readonly T[], idsOf: (x: T) => Iterable<string>, by: number) {
	for (const x of entities) {
		for (const id of idsOf(x)) {
			const n = counts.get(id);
			if (n !== undefined) counts.set(id, n + by);
		}
	}
}

const actorsOf = (e: Event) => new Set(e.actorIds);
const sourcesOf = (x: Event | Link) => x.sources.map((s) => s.sourceId);

/** For every actor, how many events it takes part in (0 for none; named twice on one event counts once). */
export function eventCountsByActor(doc: CausewayDocument): Map<string, number> {
	const parts = { actors: doc.actors, events: doc.events };
	const deltas = lastByActor && deltasOf(lastByActor.parts, parts, ['actors']);
	let counts: Map<string, number>;
	if (deltas && unchanged(deltas)) counts = lastByActor!.counts;
	else if (deltas) {
		counts = new Map(lastByActor!.counts);
		tally(counts, deltas.events.gone, actorsOf, -1);
		tally(counts, deltas.events.came, actorsOf, 1);
	} else {
		counts = new Map(doc.actors.map((a) => [a.id, 0]));
		tally(counts, doc.events, actorsOf, 1);
	}
	lastByActor = { parts, counts };
	return counts;
}

/**
 * For every source, how many citations name it, on events and on links together (0 for none). Each
 * citation counts: an event quoting one source twice cites it twice.
 */
export function citationCountsBySource(doc: CausewayDocument): Map<string, number> {
	const parts = { sources: doc.sources, events: doc.events, links: doc.links };
	const deltas = lastBySource && deltasOf(lastBySource.parts, parts, ['sources']);
	let counts: Map<string, number>;
	if (deltas && unchanged(deltas)) counts = lastBySource!.counts;
	else if (deltas) {
		counts = new Map(lastBySource!.counts);
		for (const { gone, came } of [deltas.events, deltas.links]) {
			tally(counts, gone, sourcesOf, -1);
			tally(counts, came, sourcesOf, 1);
		}
	} else {
		counts = new Map(doc.sources.map((s) => [s.id, 0]));
		tally(counts, doc.events, sourcesOf, 1);
		tally(counts, doc.links, sourcesOf, 1);
	}
	lastBySource = { parts, counts };
	return counts;
}

/** The events `actorId` takes part in, in document order. */
export function eventsOfActor(doc: CausewayDocument, actorId: string): Event[] {
	return doc.events.filter((e) => e.actorIds.includes(actorId));
}
