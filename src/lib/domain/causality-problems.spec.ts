/**
 * The problem queries (cycles, backward links) keep what they build from one revision of a
 * document to the next. Their answers after a run of edits must be those of a fresh computation
 * (on a copy that shares no object with what was asked before), and those of the definitions.
 */
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../../../scripts/bench/generate';
import { makeDocument, makeEvent, makeLink } from '../test-data/factories';
import { applyChange, type Change } from './changes';
import { findCycles, temporalInconsistencies } from './causality';
import { isCertainlyBefore } from './partial-date';
import type { CausewayDocument, Event, Link } from './schema';

const fresh = (doc: CausewayDocument): CausewayDocument => structuredClone(doc);

/** What each query answers, as plain data. */
function problems(doc: CausewayDocument) {
	const { cycles, truncated } = findCycles(doc, { max: 20 });
	const backwards = temporalInconsistencies(doc).map(({ link, cause, effect }) => [link.id, cause.id, effect.id]);
	return { cycles, truncated, backwards };
}

/** Backward links by their definition: every link, its two events looked up, the dates compared. */
function backwardsByDefinition(doc: CausewayDocument) {
	const byId = new Map(doc.events.map((e) => [e.id, e]));
	return doc.links.flatMap((l) => {
		const cause = byId.get(l.from);
		const effect = byId.get(l.to);
		return cause && effect && isCertainlyBefore(effect.start, cause.start) ? [[l.id, cause.id, effect.id]] : [];
	});
}

/** True when `cycle` is elementary and closes: each link leads from its event to the next, the last back to the first. */
function closes(doc: CausewayDocument, cycle: { events: string[]; links: string[] }) {
	const links = new Map(doc.links.map((l) => [l.id, l]));
	return (
		new Set(cycle.events).size === cycle.events.length &&
		cycle.links.length === cycle.events.length &&
		cycle.links.every((id, i) => links.get(id)?.from === cycle.events[i] && links.get(id)?.to === cycle.events[(i + 1) % cycle.events.length])
	);
}

const bump = <T extends { revision: number }>(x: T, fields: Partial<T>): [T, T] => [x, { ...x, ...fields, revision: x.revision + 1 }];

describe('cycles and backward links after edits', () => {
	it('answer as a fresh computation and as the definitions do, edit after edit, on a generated document', () => {
		let doc = generateDocument({ events: 1500, links: 2200, actors: 20, seed: 7 });
		/** The answers for `next`, asked right after those for `doc`, as the page asks them after an edit. */
		const after = (next: CausewayDocument) => {
			const expected = problems(fresh(next));
			problems(doc);
			const now = problems(next);
			expect(now).toEqual(expected);
			expect(now.backwards).toEqual(backwardsByDefinition(next));
			for (const cycle of now.cycles) expect(closes(next, cycle)).toBe(true);
			return now;
		};
		const before = after(doc);
		expect(before.cycles.length).toBeGreaterThan(0);
		expect(before.backwards.length).toBeGreaterThan(0);

		const { events, links } = doc;
		const edits: Change[] = [
			// Only an event's fields: the same links and ids, a backward link fewer or more.
			{ events: { updated: [bump(events.find((e) => e.id === before.backwards[0][2])!, { start: '2999', title: 'Moved' })] } },
			// A backward link's effect moved after its cause, and a forward link's effect before it.
			{ events: { updated: [bump(events.find((e) => e.id === links[0].to)!, { start: '0001' })] } },
			// The links of a cycle removed (each keeps the indices of its ends in the others).
			{ links: { removed: before.cycles[0].links.map((id) => links.find((l) => l.id === id)!) } },
			// A new event (every event after it moves up one place), and links to and from it.
			{
				events: { added: [makeEvent('0-first', { start: '2001-02-03' })] },
				links: { added: [makeLink('0-in', events[5].id, '0-first'), makeLink('0-out', '0-first', events[5].id)] }
			},
			// An event and its links removed.
			{ links: { removed: links.filter((l) => l.from === events[9].id || l.to === events[9].id) }, events: { removed: [events[9]] } },
			// One event in, one out: as many events as before, but not all in the same places.
			{
				links: { removed: links.filter((l) => l.from === events[20].id || l.to === events[20].id), added: [makeLink('0-back', 'zz-last', events[30].id)] },
				events: { removed: [events[20]], added: [makeEvent('zz-last', { start: '2100' })] }
			}
		];
		for (const change of edits) {
			const previous = problems(doc);
			const next = { ...applyChange(doc, change), revision: doc.revision + 1 };
			expect(after(next)).not.toEqual(previous);
			doc = next;
		}
		// An event with no links: the same links array, but every later event one place further on.
		const previous = problems(doc);
		const next = { ...applyChange(doc, { events: { added: [makeEvent('00-alone')] } }), revision: doc.revision + 1 };
		expect(after(next)).toEqual(previous);
	});

	it('see a link become backward when its effect is re-dated, and go when it is dated back', () => {
		const a = makeEvent('a', { start: '2024-03' });
		const b = makeEvent('b', { start: '2024-05-01' });
		let doc = makeDocument({ events: [a, b], links: [makeLink('ab', 'a', 'b')] });
		expect(temporalInconsistencies(doc)).toEqual([]);
		doc = applyChange(doc, { events: { updated: [bump(b, { start: '2024-02' })] } });
		expect(temporalInconsistencies(doc).map((p) => p.link.id)).toEqual(['ab']);
		// Only the cause moved: within its month, the effect is no longer certainly before.
		const a2 = doc.events[0];
		doc = applyChange(doc, { events: { updated: [bump(a2, { start: '2024-02' })] } });
		expect(temporalInconsistencies(doc)).toEqual([]);
	});

	it('see the cycle a new link closes, and none once it is removed', () => {
		const events = ['a', 'b', 'c'].map((id, i) => makeEvent(id, { start: `2024-0${i + 1}` }));
		let doc = makeDocument({ events, links: [makeLink('ab', 'a', 'b'), makeLink('bc', 'b', 'c')] });
		expect(findCycles(doc).cycles).toEqual([]);
		const closing: Link = makeLink('ca', 'c', 'a');
		doc = applyChange(doc, { links: { added: [closing] } });
		expect(findCycles(doc, { max: 0 })).toEqual({ cycles: [], truncated: true });
		expect(findCycles(doc).cycles).toEqual([{ events: ['a', 'b', 'c'], links: ['ab', 'bc', 'ca'] }]);
		doc = applyChange(doc, { links: { removed: [doc.links.find((l) => l.id === 'ca')!] } });
		expect(findCycles(doc).cycles).toEqual([]);
	});

	it('answer for events out of id order as for the same events in order', () => {
		const a = makeEvent('a', { start: '2020' });
		const b = makeEvent('b', { start: '2024' });
		const c = makeEvent('c', { start: '2022' });
		const doc = { ...makeDocument({ links: [makeLink('ba', 'b', 'a')] }), events: [b, a, c] };
		expect(temporalInconsistencies(doc).map((p) => p.link.id)).toEqual(['ba']);
		// The same events, sorted, one of them edited: b moves from the first place to the second.
		const next = { ...doc, events: [a, b, { ...c, start: '2023' }] };
		expect(temporalInconsistencies(next).map((p) => p.link.id)).toEqual(['ba']);
	});

	it('answer from the arrays as they are now when a test pushes into one already asked about', () => {
		const events: Event[] = [makeEvent('a', { start: '2024' }), makeEvent('b', { start: '2023' })];
		const doc = makeDocument({ events, links: [] });
		expect(temporalInconsistencies(doc)).toEqual([]);
		doc.links.push(makeLink('ab', 'a', 'b'), makeLink('ba', 'b', 'a'));
		expect(temporalInconsistencies(doc).map((p) => p.link.id)).toEqual(['ab']);
		expect(findCycles(doc).cycles).toHaveLength(1);
	});
});
