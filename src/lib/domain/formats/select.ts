/** "What is shown": the part of a document an export covers when the page filters the events. */
import type { CausewayDocument } from '../schema';

/**
 * The events with these ids, the links between two of them, and the actors and sources those
 * events and links name — a sound document on its own. Ids that name no event are passed over
 * (the page's filter may hold an event another tab has just deleted).
 */
export function selectEvents(doc: CausewayDocument, ids: readonly string[]): CausewayDocument {
	const wanted = new Set(ids);
	const events = doc.events.filter((e) => wanted.has(e.id));
	const kept = new Set(events.map((e) => e.id));
	const links = doc.links.filter((l) => kept.has(l.from) && kept.has(l.to));
	const actorIds = new Set(events.flatMap((e) => e.actorIds));
	const sourceIds = new Set([...events, ...links].flatMap((x) => x.sources.map((s) => s.sourceId)));
	return {
		...doc,
		events,
		links,
		actors: doc.actors.filter((a) => actorIds.has(a.id)),
		sources: doc.sources.filter((s) => sourceIds.has(s.id))
	};
}
