import { describe, expect, it } from 'vitest';
import { makeChain, makeDocument, makeEvent, makeLink } from '../test-data/factories';
import { parseDocument } from './document';
import { DomainError } from './errors';
import { integrityIssues } from './integrity';

describe('integrity of a whole document', () => {
	it('finds nothing wrong with a sound document, in any order', () => {
		const doc = makeChain();
		expect(integrityIssues({ ...doc, events: [...doc.events].reverse(), links: [...doc.links].reverse() })).toEqual([]);
	});

	it('lists every problem with the path of the entity in the file', () => {
		const doc = makeDocument({
			events: [makeEvent('b', { actorIds: ['ghost'] }), makeEvent('a', { start: '2024-08', end: '2024-07' }), makeEvent('a')],
			links: [makeLink('l1', 'a', 'b'), makeLink('l2', 'a', 'nope'), makeLink('l3', 'b', 'b'), makeLink('l4', 'a', 'b', { sources: [{ sourceId: 'ghost' }] })]
		});
		const raw = { ...doc, events: [doc.events[2], doc.events[0], doc.events[1]] }; // b, a, a: not sorted
		const found = integrityIssues(raw).map((i) => `${i.path}: ${i.message}`);
		expect(found).toEqual(
			expect.arrayContaining([
				'events[2].id: duplicate id "a"',
				'events[0].actorIds[0]: actor "ghost" does not exist',
				'events[1].end: end 2024-07 is before start 2024-08',
				'links[1].to: effect event "nope" does not exist',
				'links[2].to: an event cannot cause itself',
				'links[3]: duplicates link "l1" (a causes b)',
				'links[3].sources[0].sourceId: source "ghost" does not exist'
			])
		);
	});

	it('parseDocument returns the canonical form, or refuses with every issue', () => {
		const doc = makeChain();
		const parsed = parseDocument({ ...doc, events: [...doc.events].reverse() });
		expect(parsed.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
		// claims too: every collection is kept sorted by id
		const claim = (id: string) => ({ id, revision: 1, createdAt: doc.events[0].createdAt, updatedAt: doc.events[0].updatedAt, about: { collection: 'events', id: 'a' }, property: 'p', value: 'v', sources: [], note: '' });
		expect(parseDocument({ ...doc, claims: [claim('z'), claim('m')] }).claims.map((c) => c.id)).toEqual(['m', 'z']);
		try {
			parseDocument({ ...doc, links: [makeLink('x', 'a', 'zz')] });
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(DomainError);
			expect((e as DomainError).message).toBe('links[0].to: effect event "zz" does not exist');
		}
		expect(() => parseDocument({ ...doc, events: [{ ...doc.events[0], start: '2024-02-30' }] })).toThrow(/events\[0\]\.start: not a date/);
		expect(() => parseDocument({ ...doc, schemaVersion: 3 })).toThrow(/schemaVersion/);
	});
});
