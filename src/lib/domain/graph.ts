/** Cause and effect over the links of a document. */
import { deltasOf, unchanged, type CollectionDelta } from './collections';
import { PatchedMap } from './patched-map';
import type { CausewayDocument, Event, Link } from './schema';

export interface LinkCounts {
	causes: number;
	effects: number;
}

/** For every event, how many links lead into it (causes) and out of it (effects). */
export function linkCounts(doc: Pick<CausewayDocument, 'events' | 'links'>): PatchedMap<string, LinkCounts> {
	// The last answer is kept and patched with what an edit changed: the table asks after every edit.
	const parts = { events: doc.events, links: doc.links };
	const deltas = lastLinkCounts && deltasOf(lastLinkCounts.parts, parts, ['events']);
	const counts = deltas ? patchLinkCounts(lastLinkCounts!.counts, deltas.links) : new PatchedMap(countLinks(parts));
	lastLinkCounts = { parts, counts };
	return counts;
}

let lastLinkCounts: { parts: Pick<CausewayDocument, 'events' | 'links'>; counts: PatchedMap<string, LinkCounts> } | null = null;

function countLinks(doc: Pick<CausewayDocument, 'events' | 'links'>): Map<string, LinkCounts> {
	const counts = new Map<string, LinkCounts>(doc.events.map((e) => [e.id, { causes: 0, effects: 0 }]));
	for (const l of doc.links) {
		const cause = counts.get(l.from);
		const effect = counts.get(l.to);
		if (cause) cause.effects++;
		if (effect) effect.causes++;
	}
	return counts;
}

/** The counts after links went and came (the events' ids unchanged); the same map when none did. */
function patchLinkCounts(last: PatchedMap<string, LinkCounts>, links: CollectionDelta<Link>): PatchedMap<string, LinkCounts> {
	if (unchanged({ links })) return last;
	const changed = new Map<string, LinkCounts>();
	const count = (l: Link, by: number) => {
		const cause = changed.get(l.from) ?? last.get(l.from);
		if (cause) changed.set(l.from, { ...cause, effects: cause.effects + by });
		const effect = changed.get(l.to) ?? last.get(l.to);
		if (effect) changed.set(l.to, { ...effect, causes: effect.causes + by });
	};
	for (const l of links.gone) count(l, -1);
	for (const l of links.came) count(l, 1);
	return last.with(changed);
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
