/**
 * The events table's rows in order, kept from one revision to the next: at 50,000 events a full
 * sort costs ~120 ms, and an edit changes a few events. When the events change but the sort and
 * the filter do not, the rows of the events that went (or were replaced) are taken out and the
 * new ones put in by binary search; anything else sorts again, with each event's date key kept.
 */
import { diffById } from '$lib/domain/collections';
import type { Event } from '$lib/domain/schema';
import { collator, dateSortKey } from './rows';

export type EventSortKey = 'date' | 'title';

const dateKeys = new WeakMap<Event, { start: string; key: string }>();

/** dateSortKey of an event's start, computed once per event object (and again if its start changed). */
function dateKeyOf(event: Event): string {
	const known = dateKeys.get(event);
	if (known && known.start === event.start) return known.key;
	const key = dateSortKey(event.start);
	dateKeys.set(event, { start: event.start, key });
	return key;
}

const byId = (a: Event, b: Event) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function byKey(a: Event, b: Event): number {
	const ka = dateKeyOf(a);
	const kb = dateKeyOf(b);
	return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The orders of the table, ascending: by date (then title), or by title (then date). Events equal
 * on both go by id, the order of the document, as the stable sort of the document's events did.
 */
export const EVENT_ORDERS: Record<EventSortKey, (a: Event, b: Event) => number> = {
	date: (a, b) => byKey(a, b) || collator.compare(a.title, b.title) || byId(a, b),
	title: (a, b) => collator.compare(a.title, b.title) || byKey(a, b) || byId(a, b)
};

type Keyed = { event: Event; key: string };

/** The rows by their definition: the events shown, sorted, reversed when descending. */
export function sortEvents(events: readonly Event[], shown: ReadonlySet<string> | null, key: EventSortKey, ascending: boolean): Event[] {
	const rows = shown ? events.filter((e) => shown.has(e.id)) : events.slice();
	// Each date key looked up once, not once per comparison (50,000 rows: 800,000 comparisons).
	const keyed = rows.map((event) => ({ event, key: dateKeyOf(event) }));
	const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
	const order = key === 'date' ? (a: Keyed, b: Keyed) => byKey(a, b) || collator.compare(a.event.title, b.event.title) || byId(a.event, b.event) : (a: Keyed, b: Keyed) => collator.compare(a.event.title, b.event.title) || byKey(a, b) || byId(a.event, b.event);
	keyed.sort(order);
	const sorted = keyed.map((k) => k.event);
	if (!ascending) sorted.reverse();
	return sorted;
}

/** Past this many events in and out, patching the rows costs more than sorting them again. */
const MOST_PATCHED = 200;

export class EventRows {
	#last: { events: readonly Event[]; shown: ReadonlySet<string> | null; key: EventSortKey; ascending: Event[] } | null = null;

	/** The events `shown` (all when null), ordered by `key`, as sortEvents orders them. */
	rows(events: readonly Event[], shown: ReadonlySet<string> | null, key: EventSortKey, ascending: boolean): Event[] {
		const last = this.#last;
		let sorted: Event[] | null = null;
		if (last && last.shown === shown && last.key === key) {
			sorted = last.events === events ? last.ascending : patched(last.ascending, last.events, events, shown, EVENT_ORDERS[key]);
		}
		sorted ??= sortEvents(events, shown, key, true);
		this.#last = { events, shown, key, ascending: sorted };
		return ascending ? sorted.slice() : sorted.slice().reverse();
	}
}

/** `rows` (sorted by `order`, from `before`) brought up to date with `after`, or null when too much changed. */
function patched(rows: Event[], before: readonly Event[], after: readonly Event[], shown: ReadonlySet<string> | null, order: (a: Event, b: Event) => number): Event[] | null {
	const delta = diffById(before, after, MOST_PATCHED);
	if (!delta) return null;
	const { gone, came } = delta;
	const out = rows.slice();
	for (const event of gone) {
		if (shown && !shown.has(event.id)) continue;
		const at = position(out, event, order);
		if (out[at] !== event) return null;
		out.splice(at, 1);
	}
	for (const event of came) if (!shown || shown.has(event.id)) out.splice(position(out, event, order), 0, event);
	return out;
}

/** The first place in `rows` whose event does not come before `event`. */
function position(rows: readonly Event[], event: Event, order: (a: Event, b: Event) => number): number {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (order(rows[mid], event) < 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
