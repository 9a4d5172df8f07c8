/**
 * The counts the lists show are kept from one revision to the next and patched with what each edit
 * changed. After any run of edits they must be what counting from scratch gives.
 */
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../../../scripts/bench/generate';
import { makeActor, makeEvent, makeLink, makeSource } from '../test-data/factories';
import { applyChange, type Change } from './changes';
import { linkCounts } from './graph';
import type { CausewayDocument } from './schema';
import { citationCountsBySource, eventCountsByActor } from './tallies';

/** The three counts by their definitions, one loop each. */
function counted(doc: CausewayDocument) {
	const links = Object.fromEntries(doc.events.map((e) => [e.id, { causes: 0, effects: 0 }]));
	for (const l of doc.links) {
		if (links[l.from]) links[l.from].effects++;
		if (links[l.to]) links[l.to].causes++;
	}
	const actors = Object.fromEntries(doc.actors.map((a) => [a.id, doc.events.filter((e) => e.actorIds.includes(a.id)).length]));
	const sources = Object.fromEntries(doc.sources.map((s) => [s.id, 0]));
	for (const x of [...doc.events, ...doc.links]) for (const c of x.sources) if (c.sourceId in sources) sources[c.sourceId]++;
	return { links, actors, sources };
}

const asked = (doc: CausewayDocument) => ({
	links: Object.fromEntries(linkCounts(doc)),
	actors: Object.fromEntries(eventCountsByActor(doc)),
	sources: Object.fromEntries(citationCountsBySource(doc))
});

const bump = <T extends { revision: number }>(x: T, fields: Partial<T>): [T, T] => [x, { ...x, ...fields, revision: x.revision + 1 }];

describe('counts kept between edits', () => {
	it('are what counting from scratch gives, edit after edit', () => {
		let doc = generateDocument({ events: 600, links: 900, actors: 12, sources: 30, seed: 11 });
		expect(asked(doc)).toEqual(counted(doc));
		const e = (i: number) => doc.events[i];
		const [s0, s1] = doc.sources;
		const edits: (() => Change)[] = [
			() => ({ links: { added: [makeLink('0-new', e(0).id, e(1).id, { sources: [{ sourceId: s0.id }, { sourceId: s0.id }] })] } }),
			() => ({ links: { removed: doc.links.slice(0, 3) } }),
			() => ({ events: { updated: [bump(e(2), { actorIds: [doc.actors[0].id, doc.actors[1].id], sources: [{ sourceId: s1.id }] })] } }),
			() => ({ events: { added: [makeEvent('0-event', { actorIds: [doc.actors[2].id], sources: [{ sourceId: s0.id }] })] }, links: { added: [makeLink('0-to-new', e(3).id, '0-event')] } }),
			() => ({ links: { removed: doc.links.filter((l) => l.from === e(5).id || l.to === e(5).id) }, events: { removed: [e(5)] } }),
			() => ({ sources: { added: [makeSource('0-source')] }, actors: { added: [makeActor('0-actor')] } }),
			() => ({ links: { updated: [bump(doc.links[10], { sources: [{ sourceId: '0-source' }] })] }, events: { updated: [bump(e(7), { actorIds: ['0-actor'] })] } }),
			() => ({ sources: { updated: [bump(s1, { title: 'Renamed' })] }, actors: { updated: [bump(doc.actors[3], { name: 'Renamed' })] } })
		];
		for (const edit of edits) {
			const before = asked(doc);
			doc = applyChange(doc, edit());
			const now = asked(doc);
			expect(now).toEqual(counted(doc));
			if (edit !== edits.at(-1)) expect(now).not.toEqual(before);
		}
	});

	it('are the same map when the edit changed nothing they count, and a new one when it did', () => {
		let doc = generateDocument({ events: 50, links: 60, actors: 5, seed: 2 });
		const links = linkCounts(doc);
		doc = applyChange(doc, { events: { updated: [bump(doc.events[0], { title: 'Renamed' })] } });
		expect(linkCounts(doc)).toBe(links);
		doc = applyChange(doc, { links: { removed: [doc.links[0]] } });
		expect(linkCounts(doc)).not.toBe(links);
	});
});
