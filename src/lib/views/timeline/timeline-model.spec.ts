import { describe, expect, it } from 'vitest';
import { makeActor, makeDocument, makeEvent, makeLink } from '$lib/test-data/factories';
import { arrowsFor, datesAfterDrag, dayAt, eventIdOf, groupsFor, itemIdsFor, itemsFor, spanOf, stackOrder, stepInTime, inTimeOrder, windowFor } from './timeline-model';

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

describe('spanOf: precision is never faked', () => {
	it('puts a known day without end at midday as a point', () => {
		expect(spanOf({ start: '2024-08-06' })).toEqual({ start: at('2024-08-06T12:00:00Z'), type: 'point' });
	});
	it('spans the whole month or year when that is all that is known', () => {
		expect(spanOf({ start: '2024-08' })).toEqual({ start: at('2024-08-01T00:00:00Z'), end: at('2024-09-01T00:00:00Z'), type: 'range' });
		expect(spanOf({ start: '2024' })).toEqual({ start: at('2024-01-01T00:00:00Z'), end: at('2025-01-01T00:00:00Z'), type: 'range' });
	});
	it('runs a range to the end of the last day its end covers', () => {
		expect(spanOf({ start: '2024-08-06', end: '2025-03' })).toEqual({ start: at('2024-08-06T00:00:00Z'), end: at('2025-04-01T00:00:00Z'), type: 'range' });
		expect(spanOf({ start: '2024-02', end: '2024-02-29' }).end).toEqual(at('2024-03-01T00:00:00Z'));
	});
});

describe('datesAfterDrag: snapped to the event’s own precision', () => {
	it('moves a day-precision point by whole days', () => {
		const moved = { start: new Date(at('2024-08-06T12:00:00Z').getTime() + 3.4 * DAY) };
		expect(datesAfterDrag({ start: '2024-08-06' }, moved)).toEqual({ start: '2024-08-09' });
	});
	it('moves a month-precision range by whole months, to the nearest month', () => {
		expect(datesAfterDrag({ start: '2024-08' }, { start: at('2024-10-12T00:00:00Z'), end: at('2024-11-12T00:00:00Z') })).toEqual({ start: '2024-10' });
		expect(datesAfterDrag({ start: '2024-08' }, { start: at('2024-10-20T00:00:00Z'), end: at('2024-11-20T00:00:00Z') })).toEqual({ start: '2024-11' });
	});
	it('moves a year-precision range by whole years', () => {
		expect(datesAfterDrag({ start: '2024' }, { start: at('2025-03-01T00:00:00Z'), end: at('2026-03-01T00:00:00Z') })).toEqual({ start: '2025' });
	});
	it('resizes each end at its own precision', () => {
		const event = { start: '2024-08-06', end: '2025-03' };
		// the end dragged to mid-May: the nearest month boundary is 1 June, so the end is May
		expect(datesAfterDrag(event, { start: at('2024-08-06T00:00:00Z'), end: at('2025-05-20T00:00:00Z') })).toEqual({ end: '2025-05' });
		// the start dragged two days earlier
		expect(datesAfterDrag(event, { start: at('2024-08-04T02:00:00Z'), end: at('2025-04-01T00:00:00Z') })).toEqual({ start: '2024-08-04' });
	});
	it('returns nothing when the drag stays within the same period', () => {
		expect(datesAfterDrag({ start: '2024-08' }, { start: at('2024-08-03T00:00:00Z'), end: at('2024-09-03T00:00:00Z') })).toEqual({});
	});
	it('never leaves the end before the start', () => {
		const patch = datesAfterDrag({ start: '2024-08-06', end: '2024-09' }, { start: at('2024-10-06T00:00:00Z'), end: at('2024-08-20T00:00:00Z') });
		expect(patch).toEqual({ start: '2024-10-06', end: '2024-10' });
	});
	it('gives the day of a double-click', () => {
		expect(dayAt(at('2025-03-11T23:59:00Z'))).toBe('2025-03-11');
	});
});

describe('items, groups and arrows', () => {
	const doc = makeDocument({
		actors: [makeActor('ua', { name: 'Ukraine', side: 'Ukraine' }), makeActor('ru', { name: 'Russia', side: 'Russia' })],
		events: [
			makeEvent('a', { start: '2024-08-06', actorIds: ['ua', 'ru'], kind: 'military', approximate: true }),
			makeEvent('b', { start: '2024-08', actorIds: ['ru'], kind: 'political' }),
			makeEvent('c', { start: '2024-07', kind: 'diplomatic', tags: ['disputed'] })
		],
		links: [makeLink('ab', 'a', 'b'), makeLink('bc', 'b', 'c')]
	});
	const byId = new Map(doc.events.map((e) => [e.id, e]));

	it('styles each item by kind, precision, approximate and disputed', () => {
		expect(itemsFor(byId.get('a')!, 'none')[0].className).toBe('kind-military precision-day approximate');
		expect(itemsFor(byId.get('c')!, 'none')[0].className).toBe('kind-diplomatic precision-month disputed');
		expect(itemsFor(makeEvent('d', { start: '2024', tags: ['unconfirmed', 'disputed'] }), 'none')[0].className).toMatch(/ disputed unconfirmed$/);
	});

	it('puts an event with several actors in each actor’s row; the copies map back to the event', () => {
		const items = itemsFor(byId.get('a')!, 'actor');
		expect(items.map((i) => [i.id, i.group])).toEqual([['a', 'ua'], ['a@ru', 'ru']]);
		expect(items.map((i) => eventIdOf(i.id))).toEqual(['a', 'a']);
		expect(itemIdsFor(byId.get('a')!, 'actor')).toEqual(['a', 'a@ru']);
		expect(itemsFor(byId.get('c')!, 'actor')[0].group).toBe('no-actor');
	});

	it('makes rows per actor (by side), per kind present, or none', () => {
		expect(groupsFor(doc, 'none')).toBeNull();
		expect(groupsFor(doc, 'actor')!.map((g) => g.label)).toEqual(['Russia', 'Ukraine', 'No actor']);
		expect(groupsFor(doc, 'kind')!.map((g) => g.id)).toEqual(['military', 'political', 'diplomatic']);
	});

	it('joins cause and effect, along a shared actor’s row, and flags an effect before its cause', () => {
		const arrows = arrowsFor(doc, 'actor', byId);
		expect(arrows.find((a) => a.id === 'ab')).toMatchObject({ id_item_1: 'a@ru', id_item_2: 'b', warning: false });
		// c (July) is the effect of b (August): certainly before it
		expect(arrows.find((a) => a.id === 'bc')).toMatchObject({ warning: true, title: '\u2068Event b\u2069 causes \u2068Event c\u2069 — but the effect comes before its cause' });
	});

	it('fits a window around every event', () => {
		const w = windowFor(doc.events)!;
		expect(w.start.getTime()).toBeLessThan(at('2024-07-01T00:00:00Z').getTime());
		expect(w.end.getTime()).toBeGreaterThan(at('2024-09-01T00:00:00Z').getTime());
	});
});

describe('windowFor: where the events are, not the widest span', () => {
	const story = makeDocument({
		events: [
			makeEvent('early', { start: '2022-02', end: '2022-03' }),
			...['2024', '2024', '2025'].map((start, i) => makeEvent(`year-${i}`, { start })),
			...Array.from({ length: 9 }, (_, i) => makeEvent(`aug-${i}`, { start: '2024-08' })),
			makeEvent('oct', { start: '2024-10' }),
			...Array.from({ length: 14 }, (_, i) => makeEvent(`jan-${i}`, { start: '2025-01' })),
			makeEvent('jan-5', { start: '2025-01-05' }),
			...Array.from({ length: 11 }, (_, i) => makeEvent(`mar-${i}`, { start: '2025-03' }))
		]
	});

	it('a year-long event does not stretch the window by its year, and years do not set it when months are known', () => {
		const w = windowFor(story.events.filter((e) => !e.id.startsWith('early')))!;
		expect(w.start.getTime()).toBeGreaterThan(at('2024-07-15T00:00:00Z').getTime());
		expect(w.start.getTime()).toBeLessThan(at('2024-08-01T00:00:00Z').getTime());
		// Room on the right for the March labels, but not the rest of 2025.
		expect(w.end.getTime()).toBeGreaterThan(at('2025-04-01T00:00:00Z').getTime());
		expect(w.end.getTime()).toBeLessThan(at("2025-06-01T00:00:00Z").getTime());
	});

	it('Fit shows every event; the first look leaves out one far from the rest, and only that', () => {
		expect(windowFor(story.events)!.start.getTime()).toBeLessThan(at('2022-02-01T00:00:00Z').getTime());
		const first = windowFor(story.events, { trim: true })!;
		expect(first.start.getTime()).toBeGreaterThan(at('2024-07-01T00:00:00Z').getTime());
		// Many events in January do not push August (a fifth of the story) out of the first look.
		const crowded = [...story.events, ...Array.from({ length: 30 }, (_, i) => makeEvent(`more-${i}`, { start: '2025-01' }))];
		expect(windowFor(crowded, { trim: true })!.start.getTime()).toBeLessThan(at('2024-08-01T00:00:00Z').getTime());
		expect(windowFor(crowded, { trim: true })!.start.getTime()).toBeGreaterThan(at('2024-07-01T00:00:00Z').getTime());
	});

	it('a filter down to one month shows that month readably, not a year', () => {
		const w = windowFor(story.events.filter((e) => e.id.startsWith('jan')))!;
		const days = (w.end.getTime() - w.start.getTime()) / DAY;
		expect(days).toBeGreaterThan(30);
		expect(days).toBeLessThan(90);
		expect(w.start.getTime()).toBeLessThan(at('2025-01-01T00:00:00Z').getTime());
	});
});

describe('stackOrder', () => {
	it('stacks days first, then months, then years, each by time', () => {
		const items = ['2024', '2024-08', '2024-08-06', '2024-07', '2023'].map((start) => spanOf({ start }));
		const order = [...items].sort(stackOrder).map((i) => i.start);
		expect(order.map((d) => d.toISOString().slice(0, 10))).toEqual(['2024-08-06', '2024-07-01', '2024-08-01', '2023-01-01', '2024-01-01']);
	});
});

describe('the keyboard walk', () => {
	const events = [makeEvent('late', { start: '2025-03', title: 'B' }), makeEvent('early', { start: '2024-08-06' }), makeEvent('mid', { start: '2025-03', title: 'A' })];
	const ordered = inTimeOrder(events);
	it('goes in time order, ties by title, and stops at the ends', () => {
		expect(ordered.map((e) => e.id)).toEqual(['early', 'mid', 'late']);
		expect(stepInTime(ordered, 'early', 1)?.id).toBe('mid');
		expect(stepInTime(ordered, 'late', 1)?.id).toBe('late');
		expect(stepInTime(ordered, 'mid', -1)?.id).toBe('early');
		expect(stepInTime(ordered, 'mid', Infinity)?.id).toBe('late');
	});
	it('starts from the selection, or the first event', () => {
		expect(stepInTime(ordered, null, 1, 'late')?.id).toBe('late');
		expect(stepInTime(ordered, null, 1)?.id).toBe('early');
		expect(stepInTime([], null, 1)).toBeNull();
	});
});
