/** How much each actor and each source is used: what the actors and sources lists count. */
import type { CausewayDocument, Event } from './schema';

/** For every actor, how many events it takes part in (0 for none; named twice on one event counts once). */
export function eventCountsByActor(doc: CausewayDocument): Map<string, number> {
	const counts = new Map<string, number>(doc.actors.map((a) => [a.id, 0]));
	for (const event of doc.events) {
		for (const id of new Set(event.actorIds)) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
	}
	return counts;
}

/**
 * For every source, how many citations name it, on events and on links together (0 for none). Each
 * citation counts: an event quoting one source twice cites it twice.
 */
export function citationCountsBySource(doc: CausewayDocument): Map<string, number> {
	const counts = new Map<string, number>(doc.sources.map((s) => [s.id, 0]));
	for (const cited of [...doc.events, ...doc.links]) {
		for (const { sourceId } of cited.sources) if (counts.has(sourceId)) counts.set(sourceId, counts.get(sourceId)! + 1);
	}
	return counts;
}

/** The events `actorId` takes part in, in document order. */
export function eventsOfActor(doc: CausewayDocument, actorId: string): Event[] {
	return doc.events.filter((e) => e.actorIds.includes(actorId));
}
