import { describe, expect, it } from 'vitest';
import { makeDocument, makeEvent, makeLink, makeSource } from '$lib/test-data/factories';
import { pathsBetween } from './causality';
import { chainStrength, firstReported, reportLag, independentSupport, knownAsOf, nearestConnection, publishedBy, singleSourceLinks, sourcesById } from './evidence';

const cite = (...ids: string[]) => ids.map((sourceId) => ({ sourceId, quote: 'q' }));

const doc = makeDocument({
	sources: [
		makeSource('ap-1', { publisher: 'AP', publishedAt: '2024-08-10' }),
		makeSource('ap-2', { publisher: ' ap ', publishedAt: '2025-01' }),
		makeSource('bbc', { publisher: 'BBC', publishedAt: '2025-03-15' }),
		makeSource('blog', { publisher: '', publishedAt: undefined })
	],
	events: [
		makeEvent('a', { start: '2024-08-06', sources: cite('ap-1', 'ap-2') }),
		makeEvent('b', { start: '2024-10', sources: cite('ap-2', 'bbc') }),
		makeEvent('c', { start: '2025-03', sources: cite('bbc') }),
		makeEvent('d', { start: '2025-03', sources: [] }),
		makeEvent('x', { start: '2024', sources: cite('blog') })
	],
	links: [
		makeLink('ab', 'a', 'b', { confidence: 'high', sources: cite('ap-1', 'bbc') }),
		makeLink('bc', 'b', 'c', { confidence: 'low', sources: cite('bbc') }),
		makeLink('xb', 'x', 'b', { confidence: 'medium', sources: cite('blog') }),
		makeLink('xd', 'x', 'd', { confidence: 'medium', sources: [] })
	]
});
const sources = sourcesById(doc);

describe('support', () => {
	it('counts one publisher once, and a source without one as its own', () => {
		expect(independentSupport(doc.events[0], sources)).toBe(1);
		expect(independentSupport(doc.events[1], sources)).toBe(2);
		expect(independentSupport(doc.events.find((e) => e.id === 'x')!, sources)).toBe(1);
		expect([...singleSourceLinks(doc)].sort()).toEqual(['bc', 'xb', 'xd']);
	});

	it('a chain: its weakest link, and whether it rests on a single source', () => {
		const [path] = pathsBetween(doc, 'a', 'c').paths;
		const strength = chainStrength(doc, path);
		expect(strength.weakest?.id).toBe('bc');
		expect(strength.singleSource).toBe(false);
		const [single] = pathsBetween(doc, 'b', 'c').paths;
		expect(chainStrength(doc, single).singleSource).toBe(true);
	});
});

describe('what was known when', () => {
	it('first reported: the earliest citing source', () => {
		expect(firstReported(doc.events[1], sources)).toBe('2025-01');
		expect(firstReported(doc.events[3], sources)).toBeNull();
		// A year may mean its December: a month-precision source in it was certainly earlier.
		const byYearAndMonth = sourcesById({ sources: [makeSource('y', { publishedAt: '2025' }), makeSource('m', { publishedAt: '2025-01' })] });
		expect(firstReported({ sources: cite('y', 'm') }, byYearAndMonth)).toBe('2025-01');
		expect(firstReported({ sources: cite('m', 'y') }, byYearAndMonth)).toBe('2025-01');
	});

	it('the lag from an event to its first report, at the coarser precision of the two', () => {
		expect(reportLag('2024-08-06', '2025-01')).toEqual({ amount: 5, unit: 'month' });
		expect(reportLag('2024-08', '2024-08-20')).toEqual({ amount: 0, unit: 'month' });
		expect(reportLag('2024', '2025-03-15')).toEqual({ amount: 1, unit: 'year' });
		expect(reportLag('2024-08-06', '2024-08-10')).toEqual({ amount: 4, unit: 'day' });
		expect(reportLag('2024-08-06', '2024-08-06')).toEqual({ amount: 0, unit: 'day' });
		expect(reportLag('2024-08-06', '2024-10-01')).toEqual({ amount: 56, unit: 'day' });
		expect(reportLag('2024-08-06', '2024-10-05')).toEqual({ amount: 1, unit: 'month' });
		expect(reportLag('2024-08-06', '2024-10-06')).toEqual({ amount: 2, unit: 'month' });
		expect(reportLag('2025-03-10', '2024-12-01')).toEqual({ amount: -3, unit: 'month' });
		expect(reportLag('2024-08-06', 'soon')).toBeNull();
	});

	it('a source counts from the end of the period its date names; undated ones never', () => {
		expect(publishedBy({ publishedAt: '2025-01' }, '2025-01-15')).toBe(false);
		expect(publishedBy({ publishedAt: '2025-01' }, '2025-01-31')).toBe(true);
		expect(publishedBy({}, '2030-01-01')).toBe(false);
	});

	it('as of a date: only what sources published by then support; uncited entities apart', () => {
		const known = knownAsOf(doc, '2024-12-31');
		expect(known.doc.events.map((e) => e.id)).toEqual(['a']);
		expect(known.doc.links).toEqual([]);
		expect(known.doc.sources.map((s) => s.id)).toEqual(['ap-1']);
		expect(known.uncited.events.map((e) => e.id)).toEqual(['d']);
		const later = knownAsOf(doc, '2025-03-31');
		expect(later.doc.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
		expect(later.doc.links.map((l) => l.id)).toEqual(['ab', 'bc']);
	});

	it('as of a date: a sound document, citing only sources known then, with claims only about what is known', () => {
		const claim = (id: string, collection: 'events' | 'links', about: string, cited: string[]) =>
			({ id, about: { collection, id: about }, property: 'p', value: 'v', sources: cite(...cited), note: '', revision: 1, createdAt: doc.events[0].createdAt, updatedAt: doc.events[0].updatedAt });
		const withClaims = { ...doc, claims: [claim('on-a', 'events', 'a', ['ap-1']), claim('on-b', 'events', 'b', ['ap-1']), claim('on-ab', 'links', 'ab', ['bbc'])] };
		const known = knownAsOf(withClaims, '2025-01-31');
		// "a" cites ap-2 (known by then) and ap-1; "b" cites ap-2 and bbc (not yet): bbc is left out
		expect(known.doc.events.find((e) => e.id === 'b')!.sources.map((c) => c.sourceId)).toEqual(['ap-2']);
		expect(known.doc.links.find((l) => l.id === 'ab')!.sources.map((c) => c.sourceId)).toEqual(['ap-1']);
		expect(known.doc.claims.map((c) => c.id)).toEqual(['on-a', 'on-b']);
		expect(knownAsOf(withClaims, '2024-12-31').doc.claims.map((c) => c.id)).toEqual(['on-a']);
		const cited = new Set([...known.doc.events, ...known.doc.links, ...known.doc.claims].flatMap((e) => e.sources.map((c) => c.sourceId)));
		expect([...cited].every((id) => known.doc.sources.some((s) => s.id === id))).toBe(true);
	});
});

describe('when A did not lead to B', () => {
	it('says what they share and whether they connect ignoring direction', () => {
		const near = nearestConnection(doc, 'a', 'x');
		expect(near.sharedEffects.map((e) => e.id)).toEqual(['b', 'c']);
		expect(near.sharedCauses).toEqual([]);
		expect(near.undirected).toEqual(['a', 'b', 'x']);
		const apart = makeDocument({ events: [makeEvent('p'), makeEvent('q')] });
		expect(nearestConnection(apart, 'p', 'q')).toEqual({ sharedCauses: [], sharedEffects: [], undirected: null });
	});
});
