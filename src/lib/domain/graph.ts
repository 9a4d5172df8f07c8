/** Cause and effect over the links of a document. */
import type { CausewayDocument, Event, Link } from './schema';

export interface LinkCounts {
	causes: number;
	effects: number;
}

/** For every event, how many links lead into it (causes) and out of it (effects). */
export function linkCounts(doc: Pick<CausewayDocument, 'events' | 'links'>): Map<string, LinkCounts> {
	const counts = new Map<string, LinkCounts>(doc.events.map((e) => [e.id, { causes: 0, effects: 0 }]));
	for (const l of doc.links) {
		const cause = counts.get(l.from);
		const effect = counts.get(l.to);
		if (cause) cause.effects++;
		if (effect) effect.causes++;
	}
	return counts;
}

/** The links whose effect is `eventId`, with their cause events. */
export function causesOf(doc: CausewayDocument, eventId: string): { link: Link; event: Event }[] {
	return pairs(doc, doc.links.filter((l) => l.to === eventId), 'from');
}

/** The links whose cause is `eventId`, with their effect events. */
export function effectsOf(doc: CausewayDocument, eventId: string): { link: Link; event: Event }[] {
	return pairs(doc, doc.links.filter((l) => l.from === eventId), 'to');
}

function pairs(doc: CausewayDocument, links: Link[], end: 'from' | 'to') {
	const byId = new Map(doc.events.map((e) => [e.id, e]));
	return links.flatMap((link) => {
		const event = byId.get(link[end]);
		return event ? [{ link, event }] : [];
	});
}
