import { describe, expect, it } from 'vitest';
import type { Event } from '$lib/domain/schema';
import { bucketSummary, bucketTitle, buildDetailIndex, levelOfDetail, periodEnd, periodName, periodStart, updateDetailIndex, type DetailIndex } from './level-of-detail';

const ev = (id: string, start: string, kind: Event['kind'] = 'military', actorIds: string[] = []): Event =>
	({ id, title: id, start, kind, actorIds, tags: [], citations: [], approximate: false, revision: 1 }) as unknown as Event;

const t = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** `n` day-precision events a day apart from `from`. */
function daily(n: number, from: string, kind: Event['kind'] = 'military', prefix = 'e'): Event[] {
	return Array.from({ length: n }, (_, i) => ev(`${prefix}${i}`, new Date(t(from) + i * 86_400_000).toISOString().slice(0, 10), kind));
}

describe('periods', () => {
	it('start and end on calendar boundaries, weeks on Monday', () => {
		const wed = t('2024-03-06');
		expect(new Date(periodStart(wed, 'week')).toISOString().slice(0, 10)).toBe('2024-03-04');
		expect(new Date(periodStart(wed, 'quarter')).toISOString().slice(0, 10)).toBe('2024-01-01');
		expect(new Date(periodEnd(t('2024-11-01'), 'quarter')).toISOString().slice(0, 10)).toBe('2025-02-01');
		expect(periodName({ start: t('2024-03-04'), unit: 'week' })).toBe('week of 4 Mar 2024');
		expect(periodName({ start: t('2024-07-01'), unit: 'quarter' })).toBe('Q3 2024');
	});
});

describe('levelOfDetail', () => {
	it('draws every event as itself when few are in reach', () => {
		const index = buildDetailIndex(daily(40, '2024-01-01'), 'none');
		const detail = levelOfDetail(index, { start: t('2024-01-01'), end: t('2024-03-01'), width: 1000 });
		expect(detail.unit).toBeNull();
		expect(detail.singles).toHaveLength(40);
		expect(detail.buckets).toEqual([]);
	});

	it('zoomed out, counts the events of each period in one bar with their kinds; only what is in reach of the window', () => {
		const events = [...daily(400, '2024-01-01', 'military', 'm'), ...daily(200, '2024-01-01', 'aid', 'a')];
		const index = buildDetailIndex(events, 'none');
		// Four months across 1000 px: a week is ~58 px, the finest period at least 44 px wide.
		const detail = levelOfDetail(index, { start: t('2024-03-01'), end: t('2024-07-01'), width: 1000 });
		expect(detail.unit).toBe('week');
		const counted = detail.buckets.reduce((n, b) => n + b.count, 0) + detail.singles.length;
		// The window and a window's width either side; a known day is drawn at its midday.
		const span = t('2024-07-01') - t('2024-03-01');
		const at = (e: Event) => t(e.start) + 43_200_000;
		const inReach = events.filter((e) => at(e) >= t('2024-03-01') - span && at(e) < t('2024-07-01') + span).length;
		expect(inReach).toBeLessThan(events.length);
		expect(counted).toBe(inReach);
		const week = detail.buckets.find((b) => b.start === t('2024-03-04'))!;
		expect(week).toMatchObject({ unit: 'week', count: 14, kinds: { military: 7, aid: 7 }, end: t('2024-03-11') });
		expect(bucketSummary(week)).toBe('14 events: 7 aid, 7 military');
	});

	it('puts an event known only to the month in a bar for its month, not in the week of the 1st', () => {
		const events = [...daily(300, '2024-01-01', 'military', 'm'), ...daily(300, '2024-01-01', 'aid', 'a'), ...['x1', 'x2', 'x3', 'x4'].map((id) => ev(id, '2024-03', 'political'))];
		const index = buildDetailIndex(events, 'none');
		const detail = levelOfDetail(index, { start: t('2024-03-01'), end: t('2024-05-01'), width: 1000 });
		expect(detail.unit).toBe('week');
		const month = detail.buckets.find((b) => b.unit === 'month')!;
		expect(month).toMatchObject({ start: t('2024-03-01'), end: t('2024-04-01'), count: 4, kinds: { political: 4 } });
		expect(bucketTitle(month, detail.unit)).toBe('Mar 2024 (known only to the month) — 4 events: 4 political. Click to zoom in.');
		// No week holds them.
		expect(detail.buckets.filter((b) => b.unit === 'week').every((b) => !b.kinds.political)).toBe(true);
	});

	it('always draws pinned events as themselves, and leaves them out of the counts', () => {
		const events = daily(600, '2024-01-01');
		const index = buildDetailIndex(events, 'none');
		const detail = levelOfDetail(index, { start: t('2024-01-01'), end: t('2025-01-01'), width: 1000, pinned: new Set(['e10']) });
		expect(detail.singles).toContain('e10');
		const holding = detail.buckets.find((b) => b.start <= t('2024-01-11') && b.end > t('2024-01-11'))!;
		expect(holding.count).toBe(periodEndDays(holding) - 1);
	});

	it('at the finest period, draws the events of the days in the window as themselves; the margin keeps its bars', () => {
		// Twenty events a day for a month: a week's window holds 140, a day's bar could never be opened.
		const events = Array.from({ length: 20 }, (_, k) => daily(30, '2024-03-01', 'military', `d${k}-`)).flat();
		const index = buildDetailIndex(events, 'none');
		const detail = levelOfDetail(index, { start: t('2024-03-10'), end: t('2024-03-17'), width: 1000 });
		expect(detail.unit).toBe('day');
		const drawn = new Set(detail.singles);
		const inWindow = events.filter((e) => e.start >= '2024-03-10' && e.start < '2024-03-17');
		expect(inWindow).toHaveLength(140);
		expect(inWindow.every((e) => drawn.has(e.id))).toBe(true);
		expect(detail.singles).toHaveLength(140);
		expect(detail.buckets.length).toBeGreaterThan(0);
		expect(detail.buckets.every((b) => b.unit === 'day' && (b.end <= t('2024-03-10') || b.start >= t('2024-03-17')))).toBe(true);
	});

	it('at the finest period, when the window’s days hold too many, opens those nearest its middle', () => {
		// Fifty a day: the week's 350 are too many; the middle five days (250) open, the outer two do not.
		const events = Array.from({ length: 50 }, (_, k) => daily(30, '2024-03-01', 'military', `d${k}-`)).flat();
		const index = buildDetailIndex(events, 'none');
		const detail = levelOfDetail(index, { start: t('2024-03-10'), end: t('2024-03-17'), width: 1000 });
		expect(detail.unit).toBe('day');
		expect(detail.singles).toHaveLength(250);
		const drawn = new Set(detail.singles.map((id) => events.find((e) => e.id === id)!.start));
		expect([...drawn].sort()).toEqual(['2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15']);
		expect(detail.buckets.filter((b) => b.start === t('2024-03-10') || b.start === t('2024-03-16'))).toHaveLength(2);
	});

	it('cuts each row apart: by actor, an event with two actors counts in both rows', () => {
		const events = daily(600, '2024-01-01').map((e, i) => ({ ...e, actorIds: i % 2 ? ['a', 'b'] : ['a'] }));
		const index = buildDetailIndex(events, 'actor');
		const detail = levelOfDetail(index, { start: t('2024-01-01'), end: t('2025-01-01'), width: 1000 });
		const inRow = (g: string) => detail.buckets.filter((b) => b.group === g).reduce((n, b) => n + b.count, 0) + detail.singles.filter((id) => (g === 'b' ? id.endsWith('@b') : !id.includes('@'))).length;
		expect(inRow('a')).toBe(600);
		expect(inRow('b')).toBe(300);
	});
});

/** An index as data: its rows by name (in any order), each row's entries in order. */
const asData = (index: DetailIndex) => ({
	rows: Object.fromEntries([...index.rows].sort(([a], [b]) => (a < b ? -1 : 1)).map(([group, row]) => [group, row.map((e) => ({ ...e }))])),
	size: index.size,
	longest: index.longest,
	events: [...index.events.keys()].sort()
});

describe('updateDetailIndex', () => {
	it('after moves, additions, deletions and changed actors, holds what a fresh build holds, by actor', () => {
		// Ids in id order, as the document keeps its events.
		let events = daily(400, '2024-01-01').map((e, i) => ({ ...e, id: e.id.replace(/\d+/, (n) => n.padStart(4, '0')), actorIds: i % 3 ? ['a', 'b'] : i % 5 ? ['c'] : [] }));
		let index = buildDetailIndex(events, 'actor');
		const edit = (change: (events: Event[]) => Event[]) => {
			events = change(events);
			const result = updateDetailIndex(index, events);
			expect(result.index).toBe(index);
			expect(asData(index)).toEqual(asData(buildDetailIndex(events, 'actor')));
			return result.changed;
		};
		const replace = (id: string, patch: Partial<Event>) => (list: Event[]) => list.map((e) => (e.id === id ? { ...e, ...patch } : e));
		// Moved later, earlier, onto another event's day, and from a day to a month and a year.
		expect(edit(replace('e0010', { start: '2024-09-01' }))).toBe(2);
		edit(replace('e0300', { start: '2024-01-02' }));
		edit(replace('e0011', { start: '2024-09-01' }));
		edit(replace('e0012', { start: '2024-05' }));
		// The longest period, then shortened: the index's longest follows it down.
		edit(replace('e0013', { start: '2023', end: '2025' }));
		edit(replace('e0013', { start: '2024-02-02', end: undefined }));
		// Added, deleted, several at once.
		edit((list) => [...list, ev('n1', '2024-03-03', 'aid', ['b', 'd']), ev('n2', '2024-03-03', 'aid')]);
		edit((list) => list.filter((e) => e.id !== 'e0020' && e.id !== 'n2'));
		// In between, as the document keeps its events in order of id.
		expect(edit((list) => [...list.slice(0, 50), ev('e0050a', '2024-02-10', 'aid', ['a']), ...list.slice(50)])).toBe(1);
		edit((list) => [...list.slice(0, 30), { ...list[30], start: '2024-12-01' }, ...list.slice(32)]);
		edit((list) => list.slice(0, -2));
		// Actors changed: rows gained, lost, emptied.
		edit(replace('e0001', { actorIds: ['d', 'a'] }));
		edit(replace('n1', { actorIds: [] }));
		edit(replace('e0001', { actorIds: ['a'] }));
		expect(index.rows.has('d')).toBe(false);
		// Unchanged objects: nothing to do.
		expect(edit((list) => [...list])).toBe(0);
	});

	it('builds afresh when much changed at once (a filter switched)', () => {
		const events = daily(400, '2024-01-01');
		const index = buildDetailIndex(events, 'none');
		const few = events.slice(0, 10);
		const result = updateDetailIndex(index, few);
		expect(result.index).not.toBe(index);
		expect(asData(result.index)).toEqual(asData(buildDetailIndex(few, 'none')));
	});
});

/** Days in a bar's period (one event a day). */
function periodEndDays(b: { start: number; end: number }) {
	return Math.round((b.end - b.start) / 86_400_000);
}
