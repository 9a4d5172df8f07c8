/**
 * The timeline's level of detail, kept apart from vis-timeline so it can be tested (and timed)
 * without a browser. Past a few hundred events the timeline is not given every event: what the
 * window shows (plus a window's width on each side, so a short pan finds items already there) is
 * cut into calendar periods per row, and a period with more than a few events becomes one bar that
 * counts them and their kinds. As one zooms in the periods shrink (years, quarters, months, weeks,
 * days) and, once few enough events are in reach, every one is drawn as itself.
 *
 * Precision-honest: an event counts in the period its own date names, never in a finer one. A
 * March 2024 event in a week-by-week view is not put in the week of 1 March; it joins a bar for
 * "March 2024 (known to the month)" drawn across the whole month, as its own item would be.
 *
 * Some events are always drawn as themselves, wherever the periods fall: the selection, the chain
 * being explored, the keyboard's focus ("pinned"). They are left out of the bars' counts.
 */
import { diffById } from '$lib/domain/collections';
import type { Event, EventKind } from '$lib/domain/schema';
import { precisionOf, type Precision } from '$lib/domain/partial-date';
import { KIND_LABELS } from '../kinds';
import { placesOf, spanOf, type Grouping } from './timeline-model';

export type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const UNITS: readonly Unit[] = ['day', 'week', 'month', 'quarter', 'year'];

const DAY = 86_400_000;
/** Roughly how long each unit is, to choose one for the zoom (the periods themselves are exact). */
const UNIT_LENGTH: Record<Unit, number> = { day: DAY, week: 7 * DAY, month: 30.44 * DAY, quarter: 91.3 * DAY, year: 365.25 * DAY };
const PRECISION_UNIT: Record<Precision, Unit> = { day: 'day', month: 'month', year: 'year' };

/** One event (or one copy of it, in one row) as the level of detail needs it. */
export interface DetailEntry {
	/** The timeline item's id (an event's id, or a copy's in an actor's row). */
	itemId: string;
	eventId: string;
	/** The row ('' without grouping). */
	group: string;
	/** Where the event's period starts and ends (ms); `start` orders the entries. */
	start: number;
	end: number;
	kind: EventKind;
	precision: Precision;
}

/** Each event's entries under the grouping they were made for: an edit makes only its own anew. */
const entriesOf = new WeakMap<Event, { grouping: Grouping; entries: DetailEntry[] }>();

/** The entries for `events` under a grouping (an event with several actors has one per actor's row). */
export function* detailEntries(events: Iterable<Event>, grouping: Grouping): Generator<DetailEntry> {
	for (const event of events) {
		let known = entriesOf.get(event);
		if (known?.grouping !== grouping) {
			const span = spanOf(event);
			const start = span.start.getTime();
			const end = (span.end ?? span.start).getTime();
			const precision = precisionOf(event.start);
			const entries = placesOf(event, grouping).map((place) => ({ itemId: place.id, eventId: event.id, group: place.group ?? '', start, end, kind: event.kind, precision }));
			entriesOf.set(event, (known = { grouping, entries }));
		}
		yield* known.entries;
	}
}

/**
 * The entries of each row, sorted by start: built once per grouping, then kept up to date edit by
 * edit (updateDetailIndex), so an edit costs what it changes and not a re-sort of every row.
 */
export interface DetailIndex {
	rows: Map<string, DetailEntry[]>;
	size: number;
	/** The longest period of any entry: how far before the window a period can start and still reach into it. */
	longest: number;
	grouping: Grouping;
	/** The events indexed, by id. Events are immutable: one whose object is not this one has changed. */
	events: Map<string, Event>;
	/** The list they came in, to compare the next one with slot by slot. */
	list: readonly Event[];
}

/** Entries in a row: by start, then by item id (unique, so any two entries are ordered). */
const before = (a: DetailEntry, b: DetailEntry) => a.start < b.start || (a.start === b.start && a.itemId < b.itemId);

export function buildDetailIndex(events: readonly Event[], grouping: Grouping): DetailIndex {
	const index: DetailIndex = { rows: new Map(), size: 0, longest: 0, grouping, events: new Map(), list: events };
	for (const event of events) index.events.set(event.id, event);
	for (const entry of detailEntries(index.events.values(), grouping)) {
		let row = index.rows.get(entry.group);
		if (!row) index.rows.set(entry.group, (row = []));
		row.push(entry);
		index.size++;
		index.longest = Math.max(index.longest, entry.end - entry.start);
	}
	for (const row of index.rows.values()) row.sort((a, b) => (before(a, b) ? -1 : 1));
	return index;
}

/** Where `entry` is, or would go, in its row (binary search). */
function positionOf(row: DetailEntry[], entry: DetailEntry): number {
	let lo = 0;
	let hi = row.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (before(row[mid], entry)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Past this share of the events changed at once (a filter switched, a document replaced), a fresh
 * build is cheaper than taking entries out and putting them in one at a time.
 */
const REBUILD_ABOVE = 1 / 8;

/**
 * Brings the index in line with `events` (the events shown now): the entries of events that
 * changed, left or came are taken out of their rows and put in again by binary search. Returns the
 * index, the same one unless a fresh build was cheaper; `changed` counts the events that differed.
 */
export function updateDetailIndex(index: DetailIndex, events: readonly Event[]): { index: DetailIndex; changed: number } {
	// What the edit changed: the domain's one walk of the old and new lists (shared with the other
	// readers of the same edit); lists out of id order (never the stored ones) only report more.
	const { gone, came: come } = diffById(index.list, events)!;
	index.list = events;
	const changed = gone.length + come.length;
	if (!changed) return { index, changed: 0 };
	if (changed > Math.max(events.length, index.events.size) * REBUILD_ABOVE) return { index: buildDetailIndex(events, index.grouping), changed };
	let longestLeft = false;
	for (const entry of detailEntries(gone, index.grouping)) {
		const row = index.rows.get(entry.group);
		const at = row ? positionOf(row, entry) : -1;
		if (!row || row[at]?.itemId !== entry.itemId) continue;
		row.splice(at, 1);
		if (!row.length) index.rows.delete(entry.group);
		index.size--;
		if (entry.end - entry.start >= index.longest) longestLeft = true;
	}
	for (const event of gone) index.events.delete(event.id);
	for (const entry of detailEntries(come, index.grouping)) {
		let row = index.rows.get(entry.group);
		if (!row) index.rows.set(entry.group, (row = []));
		row.splice(positionOf(row, entry), 0, entry);
		index.size++;
		index.longest = Math.max(index.longest, entry.end - entry.start);
	}
	for (const event of come) index.events.set(event.id, event);
	if (longestLeft) {
		// Rare (the longest period was edited): one pass over the entries, no sort.
		index.longest = 0;
		for (const row of index.rows.values()) for (const e of row) index.longest = Math.max(index.longest, e.end - e.start);
	}
	return { index, changed };
}

/** A bar standing for the events of one row that start in one period. */
export interface Bucket {
	id: string;
	group: string;
	unit: Unit;
	start: number;
	end: number;
	count: number;
	kinds: Partial<Record<EventKind, number>>;
}

export interface Detail {
	/** Item ids drawn as themselves. */
	singles: string[];
	buckets: Bucket[];
	/** The unit of the periods (null: every event in reach is drawn as itself). */
	unit: Unit | null;
}

export interface DetailOptions {
	/** The window (ms). */
	start: number;
	end: number;
	/** The pane's width in pixels. */
	width: number;
	/** Event ids always drawn as themselves. */
	pinned?: ReadonlySet<string>;
	/** Up to this many events in reach are all drawn as themselves. */
	singlesUpTo?: number;
	/** A period is at least this wide on screen (a bar narrower than that could not be told apart). */
	minPeriodPx?: number;
	/** A period with at most this many events shows them as themselves. */
	fewUpTo?: number;
}

/** The first event of each row at or after `time` (binary search). */
function firstFrom(row: DetailEntry[], time: number): number {
	let lo = 0;
	let hi = row.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (row[mid].start < time) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The start of the period of `unit` that contains `time` (UTC; weeks start on Monday). */
export function periodStart(time: number, unit: Unit): number {
	const d = new Date(time);
	const y = d.getUTCFullYear();
	const m = d.getUTCMonth();
	if (unit === 'year') return Date.UTC(y, 0, 1);
	if (unit === 'quarter') return Date.UTC(y, m - (m % 3), 1);
	if (unit === 'month') return Date.UTC(y, m, 1);
	const day = Date.UTC(y, m, d.getUTCDate());
	if (unit === 'day') return day;
	return day - ((d.getUTCDay() + 6) % 7) * DAY;
}

/** The start of the period after the one that starts at `start`. */
export function periodEnd(start: number, unit: Unit): number {
	const d = new Date(start);
	if (unit === 'day') return start + DAY;
	if (unit === 'week') return start + 7 * DAY;
	const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

/** The finest unit whose periods are at least `minPx` wide at this zoom. */
export function unitFor(msPerPx: number, minPx: number): Unit {
	return UNITS.find((u) => UNIT_LENGTH[u] / msPerPx >= minPx) ?? 'year';
}

const coarser = (a: Unit, b: Unit) => (UNITS.indexOf(a) >= UNITS.indexOf(b) ? a : b);

/**
 * A day is the finest period: zooming in cannot open a day's bar. So at that zoom the days of the
 * window are opened, nearest its middle first, as long as their events known to the day add up to
 * at most `upTo` (a busy week of a dense document holds more than that; its middle days open).
 * Returns the start of each day opened.
 */
function daysToOpen(reach: DetailEntry[][], start: number, end: number, pinned: ReadonlySet<string>, upTo: number): Set<number> {
	const counts = new Map<number, number>();
	for (const row of reach) {
		for (const e of row) {
			if (e.precision !== 'day' || e.start >= end || e.end < start || pinned.has(e.eventId)) continue;
			const day = periodStart(e.start, 'day');
			counts.set(day, (counts.get(day) ?? 0) + 1);
		}
	}
	const middle = (start + end) / 2;
	const days = [...counts.keys()].sort((a, b) => Math.abs(a + DAY / 2 - middle) - Math.abs(b + DAY / 2 - middle) || a - b);
	const opened = new Set<number>();
	let total = 0;
	for (const day of days) {
		total += counts.get(day)!;
		if (total > upTo) break;
		opened.add(day);
	}
	return opened;
}

/** What to draw for the window: single events and bars, each row cut into periods. */
export function levelOfDetail(index: DetailIndex, options: DetailOptions): Detail {
	const { start, end, width, pinned = new Set<string>(), singlesUpTo = 250, minPeriodPx = 30, fewUpTo = 2 } = options;
	const span = Math.max(end - start, 1);
	// A window's width either side: a pan of up to a window finds its items already drawn.
	const from = start - span;
	const to = end + span;
	const reach: DetailEntry[][] = [];
	let total = 0;
	for (const row of index.rows.values()) {
		const inReach: DetailEntry[] = [];
		// A period that starts before `from` may still reach into it (a year known only to the year).
		for (let i = firstFrom(row, from - index.longest); i < row.length && row[i].start < to; i++) {
			if (row[i].end >= from) inReach.push(row[i]);
		}
		if (inReach.length) reach.push(inReach);
		total += inReach.length;
	}
	const singles: string[] = [];
	if (total <= singlesUpTo) {
		for (const row of reach) for (const e of row) singles.push(e.itemId);
		return { singles, buckets: [], unit: null };
	}
	const unit = unitFor(span / Math.max(width, 1), minPeriodPx);
	const opened = unit === 'day' ? daysToOpen(reach, start, end, pinned, singlesUpTo) : new Set<number>();
	const buckets: Bucket[] = [];
	for (const row of reach) {
		// The row is in time order: periods of the unit follow one another, found by walking it once.
		// An event known more coarsely than the unit goes to a period of its own precision instead.
		const periods: { unit: Unit; start: number; entries: DetailEntry[] }[] = [];
		const coarse = new Map<string, { unit: Unit; start: number; entries: DetailEntry[] }>();
		let current: { unit: Unit; start: number; entries: DetailEntry[] } | null = null;
		let currentEnd = -Infinity;
		for (const e of row) {
			if (pinned.has(e.eventId)) {
				singles.push(e.itemId);
				continue;
			}
			const own = coarser(unit, PRECISION_UNIT[e.precision]);
			if (own !== unit) {
				const at = periodStart(e.start, own);
				const key = `${own}:${at}`;
				let period = coarse.get(key);
				if (!period) coarse.set(key, (period = { unit: own, start: at, entries: [] }));
				period.entries.push(e);
				continue;
			}
			if (!current || e.start >= currentEnd) {
				const at = periodStart(e.start, unit);
				current = { unit, start: at, entries: [] };
				currentEnd = periodEnd(at, unit);
				periods.push(current);
			}
			current.entries.push(e);
		}
		for (const period of [...periods, ...coarse.values()]) {
			if (period.entries.length <= fewUpTo || (period.unit === 'day' && opened.has(period.start))) {
				for (const e of period.entries) singles.push(e.itemId);
				continue;
			}
			const kinds: Partial<Record<EventKind, number>> = {};
			for (const e of period.entries) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
			const group = period.entries[0].group;
			buckets.push({
				id: `bucket:${group}:${period.unit}:${period.start}`,
				group,
				unit: period.unit,
				start: period.start,
				end: periodEnd(period.start, period.unit),
				count: period.entries.length,
				kinds
			});
		}
	}
	return { singles, buckets, unit };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The period a bar stands for, as the timeline names it ("Mar 2024", "Q1 2024", "week of 4 Mar 2024"). */
export function periodName(bucket: Pick<Bucket, 'start' | 'unit'>): string {
	const d = new Date(bucket.start);
	const y = d.getUTCFullYear();
	const month = MONTHS[d.getUTCMonth()];
	if (bucket.unit === 'year') return String(y);
	if (bucket.unit === 'quarter') return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${y}`;
	if (bucket.unit === 'month') return `${month} ${y}`;
	const day = `${d.getUTCDate()} ${month} ${y}`;
	return bucket.unit === 'week' ? `week of ${day}` : day;
}

/** "37 events: 20 military, 9 political, 8 other" — the kinds most frequent first. */
export function bucketSummary(bucket: Pick<Bucket, 'count' | 'kinds'>): string {
	const kinds = (Object.entries(bucket.kinds) as [EventKind, number][]).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	return `${bucket.count} events: ${kinds.map(([kind, n]) => `${n} ${KIND_LABELS[kind].toLowerCase()}`).join(', ')}`;
}

/**
 * What a bar says on hover: the period, how precisely its events are known when that is coarser
 * than the view's periods, and the count by kind.
 */
export function bucketTitle(bucket: Bucket, unit: Unit | null): string {
	const known = unit && bucket.unit !== unit ? ` (known only to the ${bucket.unit})` : '';
	return `${periodName(bucket)}${known} — ${bucketSummary(bucket)}. Click to zoom in.`;
}
