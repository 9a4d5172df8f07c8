/**
 * The timeline's model, kept apart from vis-timeline so it can be tested without a browser: how an
 * event becomes timeline items (a point for a known day, a range spanning the whole month or year
 * when that is all that is known), how rows are grouped, which arrows join which items, and how a
 * dragged item becomes new partial dates — snapped to the event's own precision, so a
 * month-precision event moves by months and never gains an invented day.
 *
 * Times are UTC throughout; the timeline is told to display UTC as well.
 */
import { EVENT_KINDS, type Actor, type CausewayDocument, type Event, type Link } from '$lib/domain/schema';
import { firstDay, isCertainlyBefore, lastDay, precisionOf, type PartialDate, type Precision } from '$lib/domain/partial-date';
import { formatSpan, isolate } from '../format';
import { KIND_COLORS, KIND_LABELS } from '../kinds';

export type Grouping = 'none' | 'actor' | 'kind';
export const GROUPINGS: Grouping[] = ['none', 'actor', 'kind'];

export interface TimelineItem {
	id: string;
	eventId: string;
	group?: string;
	start: Date;
	end?: Date;
	type: 'point' | 'range';
	className: string;
	/** The kind's colour, as a CSS variable the stylesheet uses for fill and border. */
	style: string;
	/** Date at its precision and title; the view's tooltip shows it built as text (vis would take a string as HTML). */
	title: string;
	/** vis-timeline wants content; the view's template builds the element from the event instead. */
	content: string;
}

export interface TimelineGroup {
	id: string;
	label: string;
	/** A colour for the row's marker (an actor's colour), if any. */
	color?: string;
}

export interface TimelineArrow {
	id: string;
	id_item_1: string;
	id_item_2: string;
	title: string;
	/** Effect certainly before cause: drawn in the warning style. */
	warning: boolean;
	relation: Link['relation'];
}

const DAY = 86_400_000;
const NO_ACTOR = 'no-actor';
/** Items of events with several actors are copies, one per actor's row: `<event>@<actor>`. */
const COPY = '@';

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The event an item (or a copy of it in an actor's row) stands for. */
export function eventIdOf(itemId: string): string {
	const at = itemId.indexOf(COPY);
	return at < 0 ? itemId : itemId.slice(0, at);
}

/**
 * Where an event sits in time: a point at midday of its day when the day is known and it has no
 * end, else a range from the first instant of its start to the end of the last day of its end.
 */
export function spanOf(event: Pick<Event, 'start' | 'end'>): { start: Date; end?: Date; type: 'point' | 'range' } {
	if (!event.end && precisionOf(event.start) === 'day') {
		return { start: new Date(utc(event.start).getTime() + DAY / 2), type: 'point' };
	}
	const last = lastDay(event.end ?? event.start);
	return { start: utc(firstDay(event.start)), end: new Date(utc(last).getTime() + DAY), type: 'range' };
}

/** The start of the day, month or year that contains `date`. */
function floorTo(date: Date, precision: Precision): Date {
	const y = date.getUTCFullYear();
	if (precision === 'year') return new Date(Date.UTC(y, 0, 1));
	if (precision === 'month') return new Date(Date.UTC(y, date.getUTCMonth(), 1));
	return new Date(Date.UTC(y, date.getUTCMonth(), date.getUTCDate()));
}

function nextBoundary(boundary: Date, precision: Precision): Date {
	const next = new Date(boundary);
	if (precision === 'year') next.setUTCFullYear(next.getUTCFullYear() + 1);
	else if (precision === 'month') next.setUTCMonth(next.getUTCMonth() + 1);
	else next.setUTCDate(next.getUTCDate() + 1);
	return next;
}

/** The day, month or year boundary nearest to `date`. */
function nearestBoundary(date: Date, precision: Precision): Date {
	const before = floorTo(date, precision);
	const after = nextBoundary(before, precision);
	return date.getTime() - before.getTime() < after.getTime() - date.getTime() ? before : after;
}

/** The partial date, at `precision`, of the period that begins at `boundary`. */
function periodFrom(boundary: Date, precision: Precision): PartialDate {
	const day = dayOf(boundary);
	return precision === 'year' ? day.slice(0, 4) : precision === 'month' ? day.slice(0, 7) : day;
}

/** The partial date, at `precision`, of the period that ends at `boundary` (exclusive). */
function periodUntil(boundary: Date, precision: Precision): PartialDate {
	return periodFrom(new Date(boundary.getTime() - DAY), precision);
}

/** The day that contains `date`, as a day-precision partial date (for a double-click). */
export function dayAt(date: Date): PartialDate {
	return dayOf(floorTo(date, 'day'));
}

/**
 * New dates for an event after its item was dragged or resized to `start`–`end`, each snapped to
 * the precision it already has; only the fields that changed. A resize that would put the end
 * before the start keeps them in the same period instead.
 */
export function datesAfterDrag(event: Pick<Event, 'start' | 'end'>, moved: { start: Date; end?: Date }): { start?: PartialDate; end?: PartialDate } {
	const startPrecision = precisionOf(event.start);
	const span = spanOf(event);
	const startInstant = span.type === 'point' ? new Date(moved.start.getTime() - DAY / 2) : moved.start;
	const start = periodFrom(nearestBoundary(startInstant, startPrecision), startPrecision);
	const patch: { start?: PartialDate; end?: PartialDate } = {};
	if (start !== event.start) patch.start = start;
	if (event.end && moved.end) {
		const endPrecision = precisionOf(event.end);
		let end = periodUntil(nearestBoundary(moved.end, endPrecision), endPrecision);
		if (isCertainlyBefore(end, start)) end = periodFrom(utc(firstDay(start)), endPrecision);
		if (end !== event.end) patch.end = end;
	}
	return patch;
}

function classNameOf(event: Event): string {
	const names = [`kind-${event.kind}`, `precision-${precisionOf(event.start)}`];
	if (event.end) names.push(`end-precision-${precisionOf(event.end)}`);
	if (event.approximate) names.push('approximate');
	// The tags that say how sure the story is get a style of their own (timeline.css).
	for (const tag of ['disputed', 'unconfirmed']) if (event.tags.includes(tag)) names.push(tag);
	return names.join(' ');
}

/** The rows for a grouping: none, one per actor (and one for events with none), one per kind. */
export function groupsFor(doc: CausewayDocument, grouping: Grouping): TimelineGroup[] | null {
	if (grouping === 'none') return null;
	if (grouping === 'kind') {
		const present = new Set(doc.events.map((e) => e.kind));
		return EVENT_KINDS.filter((k) => present.has(k)).map((k) => ({ id: k, label: KIND_LABELS[k] }));
	}
	const used = new Set(doc.events.flatMap((e) => e.actorIds));
	const bySide = (a: Actor, b: Actor) => (a.side ?? '~').localeCompare(b.side ?? '~') || a.name.localeCompare(b.name);
	const rows: TimelineGroup[] = doc.actors
		.filter((a) => used.has(a.id))
		.sort(bySide)
		.map((a) => ({ id: a.id, label: a.name, color: a.color }));
	if (doc.events.some((e) => e.actorIds.length === 0)) rows.push({ id: NO_ACTOR, label: 'No actor' });
	return rows;
}

/** Where an event's items go: one, or by actor one copy in each of its actors' rows. */
export function placesOf(event: Pick<Event, 'id' | 'kind' | 'actorIds'>, grouping: Grouping): { id: string; group?: string }[] {
	if (grouping === 'none') return [{ id: event.id }];
	if (grouping === 'kind') return [{ id: event.id, group: event.kind }];
	if (event.actorIds.length === 0) return [{ id: event.id, group: NO_ACTOR }];
	return event.actorIds.map((actorId, i) => ({ id: i === 0 ? event.id : `${event.id}${COPY}${actorId}`, group: actorId }));
}

/** The items for one event: one, or by actor one copy in each of its actors' rows. */
export function itemsFor(event: Event, grouping: Grouping): TimelineItem[] {
	const span = spanOf(event);
	const base = { eventId: event.id, ...span, className: classNameOf(event), style: `--kind: ${KIND_COLORS[event.kind]}`, title: `${formatSpan(event)} — ${event.title}`, content: event.title };
	return placesOf(event, grouping).map((place) => ({ ...place, ...base }));
}

/** All item ids that stand for an event under a grouping (its copies select together). */
export function itemIdsFor(event: Event, grouping: Grouping): string[] {
	if (grouping !== 'actor' || event.actorIds.length <= 1) return [event.id];
	return event.actorIds.map((actorId, i) => (i === 0 ? event.id : `${event.id}${COPY}${actorId}`));
}

/**
 * An arrow per link, from the cause's item to the effect's. With copies, the arrow joins copies in
 * a row both share when there is one, so it runs along that row rather than across the chart.
 */
export function arrowsFor(doc: CausewayDocument, grouping: Grouping, events: Map<string, Event>): TimelineArrow[] {
	const arrows: TimelineArrow[] = [];
	for (const link of doc.links) {
		const cause = events.get(link.from);
		const effect = events.get(link.to);
		if (!cause || !effect) continue;
		let from = cause.id;
		let to = effect.id;
		if (grouping === 'actor') {
			const shared = cause.actorIds.find((a) => effect.actorIds.includes(a));
			if (shared) {
				from = cause.actorIds[0] === shared ? cause.id : `${cause.id}${COPY}${shared}`;
				to = effect.actorIds[0] === shared ? effect.id : `${effect.id}${COPY}${shared}`;
			}
		}
		const warning = isCertainlyBefore(effect.start, cause.start);
		const title = `${isolate(cause.title)} ${link.relation} ${isolate(effect.title)}${warning ? ' — but the effect comes before its cause' : ''}`;
		arrows.push({ id: link.id, id_item_1: from, id_item_2: to, title, warning, relation: link.relation });
	}
	return arrows;
}

/** Where an event is anchored in time: the first instant of its period (a known day: the day). */
function anchorOf(event: Pick<Event, 'start' | 'end'>): number {
	return spanOf(event).start.getTime();
}

export interface WindowOptions {
	/**
	 * Leave out a few events far from the rest, for a first look at a story whose one early event
	 * would otherwise squeeze everything else into a corner.
	 */
	trim?: boolean;
}

/**
 * `spans` (sorted by start) without stragglers at either end: at most 5 % of the events, cut off
 * from the rest by a gap longer than the rest spans (and than three months).
 */
function withoutStragglers<T extends { start: number }>(spans: T[]): T[] {
	const few = Math.max(1, Math.floor(spans.length * 0.05));
	let lo = 0;
	let hi = spans.length - 1;
	const gapAfter = (i: number) => spans[i + 1].start - spans[i].start;
	for (let i = lo; i < lo + few && i < hi; i++) {
		if (gapAfter(i) > Math.max(spans[hi].start - spans[i + 1].start, 90 * DAY)) lo = i + 1;
	}
	for (let i = hi; i > hi - few && i > lo; i--) {
		if (gapAfter(i - 1) > Math.max(spans[i - 1].start - spans[lo].start, 90 * DAY)) hi = i - 1;
	}
	return spans.slice(lo, hi + 1);
}

/**
 * The window that shows `events` where they are: from the first to the last event's start (the
 * start of its period, so a year-long "c. 2024" does not stretch the window by its whole year),
 * a little before, and on the right the room their labels need. Events known only to the year do
 * not set the window when others are known more precisely.
 */
export function windowFor(events: readonly Event[], { trim = false }: WindowOptions = {}): { start: Date; end: Date } | null {
	if (!events.length) return null;
	const precise = events.filter((e) => precisionOf(e.start) !== 'year');
	let spans = (precise.length ? precise : events).map((e) => spanOf(e)).map((s) => ({ start: s.start.getTime(), end: (s.end ?? s.start).getTime() }));
	spans.sort((a, b) => a.start - b.start);
	if (trim) spans = withoutStragglers(spans);
	const min = spans[0].start;
	const max = spans[spans.length - 1].start;
	const width = Math.max(max - min, 45 * DAY);
	// A label runs right of its event's start: the last ones need about a quarter of the window more.
	// A month's band is shown whole; a year's or a long range's need not be.
	const bandEnd = Math.max(...spans.filter((s) => s.end - s.start <= 32 * DAY).map((s) => s.end));
	return { start: new Date(min - width * 0.04 - DAY), end: new Date(Math.max(max + width * 0.25, bandEnd + width * 0.04)) };
}

/**
 * The order items are stacked in, top first: shorter periods (known days, then months) before
 * longer ones, then by time. A year-long "c. 2024" then sits below the month and day events that
 * happen inside it instead of pushing them down.
 */
export function stackOrder(a: { start: Date | number | string; end?: Date | number | string | null }, b: typeof a): number {
	const length = (i: typeof a) => (i.end ? new Date(i.end).getTime() - new Date(i.start).getTime() : 0);
	return length(a) - length(b) || new Date(a.start).getTime() - new Date(b.start).getTime();
}

/** Events in the order the keyboard walks them: by when they start, then by title. */
export function inTimeOrder(events: readonly Event[]): Event[] {
	return [...events].sort((a, b) => anchorOf(a) - anchorOf(b) || a.title.localeCompare(b.title));
}

/**
 * The event the keyboard moves to from `current` by `step` (−1 earlier, +1 later; ±Infinity the
 * first or last). With nothing focused yet it starts from `from` (the selection), else the first.
 */
export function stepInTime(ordered: readonly Event[], current: string | null, step: number, from: string | null = null): Event | null {
	if (!ordered.length) return null;
	if (step === -Infinity) return ordered[0];
	if (step === Infinity) return ordered[ordered.length - 1];
	const at = ordered.findIndex((e) => e.id === current);
	if (at < 0) {
		const start = ordered.findIndex((e) => e.id === from);
		return start < 0 ? ordered[0] : ordered[start];
	}
	return ordered[Math.min(Math.max(at + step, 0), ordered.length - 1)];
}
