import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeActor, makeDocument, makeEvent, makeLink, makeSource } from '../test-data/factories';
import { parseDocument } from './document';
import { applyFilter, eventMatchesText, filterFromParams, filterToParams, isEmptyFilter, withFilter, type Filter } from './filter';
import { CONFIDENCES, EVENT_KINDS, RELATIONS, type Claim } from './schema';

const doc = makeDocument({
	actors: [makeActor('ukraine', { name: 'Ukraine' }), makeActor('putin', { name: 'Vladimir Putin', kind: 'person' })],
	events: [
		makeEvent('incursion', { title: 'Incursion into Kursk', start: '2024-08-06', actorIds: ['ukraine'], tags: ['disputed'] }),
		makeEvent('sudzha', { title: 'Sudzha captured', start: '2024-08', description: 'The town of Sudzha' }),
		makeEvent('diversion', { title: 'Resources diverted', start: '2024-08', end: '2025-01', kind: 'political', actorIds: ['ukraine'] }),
		makeEvent('talks', { title: 'Talks in Jeddah', start: '2025-03', kind: 'diplomatic', actorIds: ['putin'] }),
		makeEvent('year', { title: 'Pressure', start: '2024', kind: 'political' })
	],
	links: [
		makeLink('l1', 'incursion', 'sudzha', { confidence: 'high' }),
		makeLink('l2', 'incursion', 'diversion', { relation: 'enables' }),
		makeLink('l3', 'diversion', 'talks', { confidence: 'low' }),
		makeLink('l4', 'year', 'incursion', { relation: 'triggers' })
	]
});

const shown = (filter: Filter) => {
	const r = applyFilter(doc, filter);
	return [[...r.events].sort().join(' '), [...r.links].sort().join(' ')];
};

describe('applyFilter', () => {
	it('shows everything for an empty filter', () => {
		expect(applyFilter(doc, {})).toEqual({
			events: new Set(doc.events.map((e) => e.id)),
			links: new Set(doc.links.map((l) => l.id)),
			hiddenEvents: 0,
			hiddenLinks: 0
		});
		expect(applyFilter(doc, { actors: [], kinds: [], relations: [], confidences: [], text: '  ' }).hiddenEvents).toBe(0);
	});

	it('keeps events of one of the kinds, and only the links between them', () => {
		expect(shown({ kinds: ['political', 'diplomatic'] })).toEqual(['diversion talks year', 'l3']);
		const r = applyFilter(doc, { kinds: ['political', 'diplomatic'] });
		expect([r.hiddenEvents, r.hiddenLinks]).toEqual([2, 3]);
	});

	it('keeps events any of the actors took part in', () => {
		expect(shown({ actors: ['ukraine'] })).toEqual(['diversion incursion', 'l2']);
		expect(shown({ actors: ['putin', 'ukraine'] })[0]).toBe('diversion incursion talks');
		expect(shown({ actors: ['nobody'] })).toEqual(['', '']);
	});

	it('keeps events that overlap the period, each date the whole period it names', () => {
		// "2024-08" overlaps a period from the 15th; "2024" overlaps one from 31 Dec
		expect(shown({ from: '2024-08-15' })[0]).toBe('diversion sudzha talks year');
		expect(shown({ from: '2024-12-31', to: '2024-12-31' })[0]).toBe('diversion year');
		expect(shown({ from: '2024-10', to: '2024-11' })[0]).toBe('diversion year');
		expect(shown({ to: '2024-08-05' })[0]).toBe('diversion sudzha year');
		expect(shown({ from: '2025' })[0]).toBe('diversion talks');
		expect(shown({ from: '2026' })[0]).toBe('');
	});

	it('ignores a date that is not one yet, as while it is typed', () => {
		expect(shown({ from: '2024-1', to: 'soon' })).toEqual(shown({}));
	});

	it('keeps events with every word, in title, description, tags or actor names', () => {
		expect(shown({ text: 'SUDZHA town' })[0]).toBe('sudzha');
		expect(shown({ text: 'kursk disputed' })[0]).toBe('incursion');
		expect(shown({ text: 'putin' })[0]).toBe('talks');
		expect(shown({ text: 'kursk jeddah' })[0]).toBe('');
	});

	it('hides links by relation and confidence, never events', () => {
		expect(shown({ relations: ['causes'] })).toEqual(['diversion incursion sudzha talks year', 'l1 l3']);
		expect(shown({ relations: ['causes', 'triggers'], confidences: ['medium', 'low'] })[1]).toBe('l3 l4');
		expect(applyFilter(doc, { confidences: ['high'] }).hiddenLinks).toBe(3);
	});

	it('keeps only contested events when asked: rival claims that disagree, not one claim nor claims that agree', () => {
		const claim = (id: string, eventId: string, value: string): Claim => ({
			id,
			revision: 1,
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-01-01T00:00:00.000Z',
			about: { collection: 'events', id: eventId },
			property: 'troops',
			value,
			sources: [],
			note: ''
		});
		const claimed = { ...doc, claims: [claim('c1', 'sudzha', '12,000'), claim('c2', 'sudzha', '11,000'), claim('c3', 'talks', 'March'), claim('c4', 'talks', 'march')] };
		const r = applyFilter(claimed, { contested: true });
		expect([...r.events]).toEqual(['sudzha']);
		expect(r.links.size).toBe(0);
		// the `disputed` tag is not a claim: the incursion is not contested
		expect(applyFilter(doc, { contested: true }).events.size).toBe(0);
		expect(applyFilter(claimed, { contested: true, kinds: ['diplomatic'] }).events.size).toBe(0);
	});

	it('combines every part', () => {
		expect(shown({ kinds: ['military'], from: '2024-08', text: 'kursk' })).toEqual(['incursion', '']);
	});
});

describe('what was known, and what a link rests on', () => {
	const cite = (...ids: string[]) => ids.map((sourceId) => ({ sourceId, quote: 'q' }));
	const known = makeDocument({
		sources: [makeSource('early', { publisher: 'AP', publishedAt: '2024-09' }), makeSource('late', { publisher: 'BBC', publishedAt: '2025-03-10' })],
		events: [
			makeEvent('a', { start: '2024-08-06', sources: cite('early') }),
			makeEvent('b', { start: '2024-08', sources: cite('late') }),
			makeEvent('c', { start: '2024-08', sources: cite('early', 'late') }),
			makeEvent('bare', { start: '2024-08' })
		],
		links: [
			makeLink('ac', 'a', 'c', { sources: cite('early', 'late') }),
			makeLink('ca', 'c', 'a', { sources: cite('late') }),
			makeLink('ab', 'a', 'b', { sources: cite('early') }),
			makeLink('c-bare', 'c', 'bare')
		]
	});
	const ids = (set: Set<string>) => [...set].sort().join(' ');

	it('as of a day shows only what sources published by then support, and counts the uncited apart', () => {
		const r = applyFilter(known, { asOf: '2024-12-31' });
		expect([ids(r.events), ids(r.links)]).toEqual(['a c', 'ac']);
		expect(r.uncited).toEqual({ events: ['bare'], links: ['c-bare'] });
		expect([r.hiddenEvents, r.hiddenLinks]).toEqual([2, 3]);
		const later = applyFilter(known, { asOf: '2025-03-10' });
		expect([ids(later.events), ids(later.links)]).toEqual(['a b c', 'ab ac ca']);
		// other parts still apply on top
		expect(ids(applyFilter(known, { asOf: '2025-03-10', text: 'Event b' }).events)).toBe('b');
		expect(applyFilter(known, {}).uncited).toBeUndefined();
	});

	it('"as of" takes a whole day only; anything else constrains nothing', () => {
		expect(isEmptyFilter({ asOf: '2024-12' })).toBe(true);
		expect(applyFilter(known, { asOf: '2024-12' }).events.size).toBe(4);
		expect(isEmptyFilter({ asOf: '2024-12-31' })).toBe(false);
	});

	it('single-source links: links one publisher (or none) supports; events stay', () => {
		const r = applyFilter(known, { singleSource: true });
		expect([ids(r.events), ids(r.links)]).toEqual(['a b bare c', 'ab c-bare ca']);
		expect(isEmptyFilter({ singleSource: true })).toBe(false);
		expect(isEmptyFilter({ singleSource: false })).toBe(true);
	});
});

describe('eventMatchesText', () => {
	it('matches every word anywhere (title, description, tags, actor names), ignoring case', () => {
		const actorsById = new Map(doc.actors.map((a) => [a.id, a]));
		const matches = (id: string, q: string) => eventMatchesText(doc.events.find((e) => e.id === id)!, q, actorsById);
		expect(matches('incursion', '')).toBe(true);
		expect(matches('sudzha', 'the TOWN')).toBe(true);
		expect(matches('talks', 'vladimir putin')).toBe(true);
		expect(matches('incursion', 'disputed')).toBe(true);
		expect(matches('incursion', 'kursk  into')).toBe(true);
		expect(matches('incursion', 'kursk jeddah')).toBe(false);
		expect(matches('diversion', 'putin')).toBe(false);
	});
});

describe('isEmptyFilter', () => {
	it('is true only when the filter shows everything', () => {
		for (const empty of [{}, { actors: [], kinds: [] }, { text: ' ' }, { from: '2024-1' }]) expect(isEmptyFilter(empty)).toBe(true);
		for (const some of [{ actors: ['ukraine'] }, { relations: ['causes'] }, { to: '2025' }, { text: 'x' }, { contested: true }] as Filter[]) {
			expect(isEmptyFilter(some)).toBe(false);
		}
	});
});

describe('filters in the URL', () => {
	it('reads the parameters of a shared link', () => {
		const url = new URL('http://x/?actor=ukraine&actor=putin&kind=military&relation=causes&confidence=high&from=2024-08&to=2025-03&q=sudzha');
		expect(filterFromParams(url.searchParams)).toEqual({
			actors: ['ukraine', 'putin'],
			kinds: ['military'],
			relations: ['causes'],
			confidences: ['high'],
			from: '2024-08',
			to: '2025-03',
			text: 'sudzha'
		});
	});

	it('drops values that cannot be right instead of refusing the link', () => {
		const params = new URLSearchParams(
			'actor=Ukraine&actor=../etc&actor=ok&kind=naval&kind=aid&kind=aid&relation=maybe&confidence=HIGH&from=2024-13&to=August&q=&asOf=2025-01&single=yes'
		);
		expect(filterFromParams(params)).toEqual({ actors: ['ok'], kinds: ['aid'] });
		expect(filterFromParams(new URLSearchParams('asOf=2025-02-30'))).toEqual({});
		expect(filterFromParams(new URLSearchParams('asOf=2025-01-31&single=true'))).toEqual({ asOf: '2025-01-31', singleSource: true });
		expect(filterFromParams(new URLSearchParams('contested=yes'))).toEqual({});
		expect(filterFromParams(new URLSearchParams('contested=1&kind=aid'))).toEqual({ kinds: ['aid'], contested: true });
		expect(filterFromParams(new URLSearchParams('select=event:a'))).toEqual({});
	});

	it('round-trips every valid filter exactly', () => {
		const date = fc.oneof(
			fc.integer({ min: 1900, max: 2100 }).map(String),
			fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 7)),
			fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
		);
		const some = <T>(arb: fc.Arbitrary<T>) => fc.uniqueArray(arb, { minLength: 1, maxLength: 4 });
		const filter = fc.record(
			{
				actors: some(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/)),
				kinds: some(fc.constantFrom(...EVENT_KINDS)),
				relations: some(fc.constantFrom(...RELATIONS)),
				confidences: some(fc.constantFrom(...CONFIDENCES)),
				from: date,
				to: date,
				text: fc.string({ minLength: 1 }),
				asOf: fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
				singleSource: fc.constant(true),
				contested: fc.constant(true)
			},
			{ requiredKeys: [] }
		);
		fc.assert(
			fc.property(filter, (f: Filter) => {
				expect(filterFromParams(filterToParams(f))).toEqual(f);
				expect(filterFromParams(new URL(withFilter(new URL('http://x/'), f).href).searchParams)).toEqual(f);
			})
		);
	});

	it('replaces only its own parameters', () => {
		const url = new URL('http://x/?select=event%3Afirst-incursion&kind=aid&q=old&view=graph');
		const next = withFilter(url, { kinds: ['military', 'diplomatic'], text: 'sudzha town' });
		expect(next.search).toBe('?select=event%3Afirst-incursion&view=graph&kind=military&kind=diplomatic&q=sudzha+town');
		expect(withFilter(next, {}).search).toBe('?select=event%3Afirst-incursion&view=graph');
		expect(url.search).toBe('?select=event%3Afirst-incursion&kind=aid&q=old&view=graph');
	});
});

describe('the Kursk dataset', () => {
	const kursk = parseDocument(JSON.parse(readFileSync(resolve('data/seed/kursk.json'), 'utf8')));

	it('filtered to diplomatic events hides every other event and the links touching them', () => {
		const { events, links, hiddenEvents, hiddenLinks } = applyFilter(kursk, { kinds: ['diplomatic'] });
		const kindOf = new Map(kursk.events.map((e) => [e.id, e.kind]));
		expect(events.has('jeddah-talks') && events.has('us-ceasefire-proposal')).toBe(true);
		expect(events.has('first-incursion') || events.has('sudzha-recaptured')).toBe(false);
		for (const e of kursk.events) expect(events.has(e.id), e.id).toBe(e.kind === 'diplomatic');
		for (const l of kursk.links) expect(links.has(l.id), l.id).toBe(kindOf.get(l.from) === 'diplomatic' && kindOf.get(l.to) === 'diplomatic');
		expect(links.has('us-ceasefire-proposal--ukraine-accepts-ceasefire')).toBe(true);
		expect([hiddenEvents, hiddenLinks]).toEqual([kursk.events.length - events.size, kursk.links.length - links.size]);
	});

	it('keeps its filters in the URL', () => {
		const filter: Filter = { actors: ['zelensky', 'trump'], kinds: ['diplomatic'], from: '2025', text: 'ceasefire' };
		const url = withFilter(new URL('http://x/?select=event:jeddah-talks'), filter);
		expect(url.searchParams.get('select')).toBe('event:jeddah-talks');
		const back = filterFromParams(url.searchParams);
		expect(back).toEqual(filter);
		expect([...applyFilter(kursk, back).events].sort()).toEqual(['ukraine-accepts-ceasefire', 'us-ceasefire-proposal']);
	});
});
