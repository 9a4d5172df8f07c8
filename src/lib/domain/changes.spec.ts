import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeChain, makeEvent, makeLink } from '../test-data/factories';
import { applyChange, invertChange, isEmptyChange, type Change } from './changes';
import { DomainError } from './errors';
import { planChange, type Op } from './ops';

const NOW = '2026-11-21T10:00:00.000Z';

describe('applyChange', () => {
	it('adds in id order, updates and removes, leaving the input untouched', () => {
		const doc = makeChain();
		const before = structuredClone(doc);
		const b = doc.events[1];
		const next = applyChange(doc, {
			events: { added: [makeEvent('aa')], updated: [[b, { ...b, title: 'B!', revision: 2 }]] },
			links: { removed: [doc.links[1]] }
		});
		expect(next.events.map((e) => e.id)).toEqual(['a', 'aa', 'b', 'c']);
		expect(next.events[2].title).toBe('B!');
		expect(next.links.map((l) => l.id)).toEqual(['ab']);
		expect(doc).toEqual(before);
	});

	it('refuses a stale update, a missing removal and a duplicate add', () => {
		const doc = makeChain();
		const a = doc.events[0];
		const code = (c: Change) => {
			try {
				applyChange(doc, c);
			} catch (e) {
				return (e as DomainError).code;
			}
			return 'applied';
		};
		expect(code({ events: { updated: [[{ ...a, revision: 7 }, { ...a, revision: 8 }]] } })).toBe('stale');
		expect(code({ events: { removed: [makeEvent('zz')] } })).toBe('not_found');
		expect(code({ events: { added: [makeEvent('a')] } })).toBe('conflict');
	});

	it('refuses a result that breaks integrity', () => {
		const doc = makeChain();
		expect(() => applyChange(doc, { events: { removed: [doc.events[0]] } })).toThrow(/still has link "ab"/);
		expect(() => applyChange(doc, { links: { added: [makeLink('aa', 'a', 'a')] } })).toThrow(/cannot cause itself/);
		expect(() => applyChange(doc, { links: { added: [makeLink('ab2', 'a', 'b')] } })).toThrow(/duplicates link "ab"/);
		expect(() => applyChange(doc, { links: { added: [makeLink('ax', 'a', 'x')] } })).toThrow(/effect event "x" does not exist/);
	});

	it('finds a duplicate among many links added at once (the indexed check)', () => {
		const doc = makeChain();
		const events = Array.from({ length: 12 }, (_, i) => makeEvent(`e${String(i).padStart(2, '0')}`));
		const withEvents = applyChange(doc, { events: { added: events } });
		const links = Array.from({ length: 10 }, (_, i) => makeLink(`l${i}`, events[i].id, events[i + 1].id));
		expect(applyChange(withEvents, { links: { added: links } }).links).toHaveLength(12);
		expect(() => applyChange(withEvents, { links: { added: [...links, makeLink('twin', 'a', 'b')] } })).toThrow(/duplicates link "ab"/);
		expect(() => applyChange(withEvents, { links: { added: [...links, makeLink('l9b', events[9].id, events[10].id)] } })).toThrow(/links\.l9: duplicates link "l9b"/);
	});

	it('checks a few links against the links as the change leaves them (the scanned check)', () => {
		const doc = makeChain();
		const [ab, bc] = doc.links;
		// "ab" goes in the same change as a link takes its place: no duplicate.
		const moved = applyChange(doc, { links: { removed: [ab], updated: [[bc, { ...bc, from: 'a', to: 'b', revision: 2 }]] } });
		expect(moved.links.map((l) => [l.id, l.from, l.to])).toEqual([['bc', 'a', 'b']]);
		// Two links moved onto the same ends in one change: a duplicate, though neither was there before.
		const twins: Change = { links: { updated: [[ab, { ...ab, to: 'c', revision: 2 }], [bc, { ...bc, from: 'a', revision: 2 }]] } };
		expect(() => applyChange(doc, twins)).toThrow(/duplicates link/);
	});

	it('keeps every collection in id order after adding, removing and replacing at once', () => {
		const doc = makeChain();
		const [a, b, c] = doc.events;
		const next = applyChange(doc, {
			events: { added: [makeEvent('0'), makeEvent('ab'), makeEvent('d'), makeEvent('bb')], updated: [[c, { ...c, title: 'C', revision: 2 }]] },
			links: { added: [makeLink('0l', 'ab', 'd')], removed: [doc.links[1]] }
		});
		expect(next.events.map((e) => e.id)).toEqual(['0', 'a', 'ab', 'b', 'bb', 'c', 'd']);
		expect(next.events[1]).toBe(a);
		expect(next.events[3]).toBe(b);
		expect(next.events[5].title).toBe('C');
		expect(next.links.map((l) => l.id)).toEqual(['0l', 'ab']);
	});

	it('is undone by its inverse', () => {
		const doc = makeChain();
		const change: Change = { events: { added: [makeEvent('d')] }, links: { added: [makeLink('cd', 'c', 'd')], removed: [doc.links[0]] } };
		expect(applyChange(applyChange(doc, change), invertChange(change))).toEqual(doc);
		expect(invertChange(invertChange(change))).toEqual(change);
	});
});

// Random operations against a small story: whichever plans succeed, the inverse of the planned
// change must give back exactly the document it started from.
const ids = ['a', 'b', 'c', 'd', 'e'];
const anId = fc.constantFrom(...ids);
const anOp: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		op: fc.constant('create' as const),
		collection: fc.constant('events' as const),
		value: fc.record({ id: anId, title: fc.string({ minLength: 1, maxLength: 5 }), start: fc.constantFrom('2024', '2024-08', '2025-01-05'), kind: fc.constant('other') })
	}),
	fc.record({
		op: fc.constant('create' as const),
		collection: fc.constant('links' as const),
		value: fc.record({ from: anId, to: anId, relation: fc.constantFrom('causes', 'enables') })
	}),
	fc.record({
		op: fc.constant('update' as const),
		collection: fc.constant('events' as const),
		id: anId,
		patch: fc.record({ title: fc.string({ minLength: 1, maxLength: 5 }), end: fc.constantFrom(null, '2025', '2023') }, { requiredKeys: [] })
	}),
	fc.record({ op: fc.constant('delete' as const), collection: fc.constantFrom('events' as const, 'actors' as const, 'sources' as const, 'links' as const), id: fc.constantFrom(...ids, 'ab', 'bc', 'ukraine', 'src-1') })
);

describe('change inverse property', () => {
	it('apply(plan(ops)) then apply(invert) gives back the same document', () => {
		let nonEmpty = 0;
		fc.assert(
			fc.property(fc.array(fc.array(anOp, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (batches) => {
				let doc = makeChain();
				for (const ops of batches) {
					let plan;
					try {
						plan = planChange(doc, ops, { now: NOW });
					} catch (e) {
						if (!(e instanceof DomainError)) throw e;
						continue;
					}
					expect(applyChange(plan.doc, invertChange(plan.change))).toEqual(doc);
					if (!isEmptyChange(plan.change)) {
						nonEmpty++;
						expect(applyChange(doc, plan.change)).toEqual(plan.doc);
					}
					doc = plan.doc;
				}
			}),
			{ numRuns: 500 }
		);
		// the property means something only if many random batches really changed the document
		expect(nonEmpty).toBeGreaterThan(100);
	});
});
