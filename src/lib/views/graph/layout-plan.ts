/**
 * The causal and chronological layouts as one pure step, from plain data to positions: what the
 * canvas runs at once on a small graph and a Web Worker runs for a large one (layout.worker.ts), so
 * that the page stays responsive while thousands of events are placed. Nothing here may touch
 * the page or cytoscape; what goes in and out is cloned between threads.
 */
import { dateKey } from '$lib/domain/causality-graph';
import { firstDay, formatPartialDate, lastDay } from '$lib/domain/partial-date';
import type { Event } from '$lib/domain/schema';
import { chronologicalLayout, type Point, type Tick, type TimeScale } from './chronological-layout';
import { eventNodeId } from './graph-model';
import { NODE } from './graph-style';
import { layeredLayout, type Period } from './layered-layout';

/** The part of an event the layouts read: sent to a worker instead of whole events with their texts. */
export type LayoutEvent = Pick<Event, 'id' | 'start' | 'end'>;

export interface LayoutInput {
	name: 'causal' | 'chronological';
	events: LayoutEvent[];
	/** [cause, effect] event ids, both among `events`. */
	pairs: [string, string][];
	/** Width / height of the view. */
	aspect: number;
}

export interface PlannedLayout {
	/** Node id (`e:…`) → centre. */
	positions: Map<string, Point>;
	ticks: Tick[];
	span?: { top: number; bottom: number };
	scale?: TimeScale;
}

export const GAP = { x: 14, y: 16, rank: 64 };

/** Only these fields of an event, for sending it to the layout worker. */
export const layoutEventOf = (e: Event): LayoutEvent => ({ id: e.id, start: e.start, end: e.end });

export function planLayout({ name, events: given, pairs, aspect }: LayoutInput): PlannedLayout {
	// The layouts read only the fields of LayoutEvent.
	const events = given as Event[];
	// Keys computed once: a comparator that looked them up would parse 10,000 dates many times over.
	const keys = new Map(events.map((e) => [e, dateKey(e)]));
	const byDate = [...events].sort((a, b) => {
		const ka = keys.get(a)!;
		const kb = keys.get(b)!;
		return ka < kb ? -1 : ka > kb ? 1 : 0;
	});
	if (name === 'chronological') {
		const causes = new Map<string, string[]>();
		for (const [cause, effect] of pairs) {
			const known = causes.get(effect);
			if (known) known.push(cause);
			else causes.set(effect, [cause]);
		}
		const layout = chronologicalLayout(byDate, (id) => causes.get(id) ?? [], { node: NODE, gapX: GAP.x, gapY: GAP.y, aspect });
		const positions = new Map([...layout.positions].map(([id, p]) => [eventNodeId(id), p]));
		return { positions, ticks: layout.ticks, span: { top: layout.top, bottom: layout.bottom }, scale: layout.scale };
	}
	const byNode = new Map(events.map((e) => [eventNodeId(e.id), e]));
	const bucketsOf = storyPeriods(byDate);
	const positions = layeredLayout(
		byDate.map((e) => eventNodeId(e.id)),
		pairs.map(([a, b]) => [eventNodeId(a), eventNodeId(b)] as const),
		{ node: NODE, rankSep: GAP.rank, nodeSep: GAP.y, periodOf: (nodeId) => bucketsOf(byNode.get(nodeId)) }
	);
	return { positions, ticks: columnHeadings(positions, (nodeId) => byNode.get(nodeId)) };
}

/**
 * The time buckets an event's start covers, for ordering columns by time: months while the
 * events span up to 5 years, quarters up to 15, years beyond. Events in the same bucket are
 * ordered by their links only: ordering by day would give each day a column of its own, and a
 * graph of a thousand days would become a timeline a thousand columns wide.
 */
export function storyPeriods(events: readonly LayoutEvent[]): (event: LayoutEvent | undefined) => Period | undefined {
	const month = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
	// Each date read once (a layout asks for every event's period).
	const months = new Map(events.map((e) => [e, { first: month(firstDay(e.start)), last: month(lastDay(e.start)) }]));
	let from = Infinity;
	let to = -Infinity;
	for (const m of months.values()) {
		from = Math.min(from, m.first);
		to = Math.max(to, m.last);
	}
	const size = to - from <= 60 ? 1 : to - from <= 180 ? 3 : 12;
	const periods = new Map([...months].map(([e, m]) => [e, { first: Math.floor(m.first / size), last: Math.floor(m.last / size) }]));
	return (event) => (event ? (periods.get(event) ?? { first: Math.floor(month(firstDay(event.start)) / size), last: Math.floor(month(lastDay(event.start)) / size) }) : undefined);
}

/**
 * A heading over each column of the causal layout saying when its events happened ("2024",
 * "Aug 2024", "Aug 2024 – Jan 2025"), where it differs from the column before: the time a
 * reader crosses going right. Positions by node id; `eventOf` names the event behind a node.
 */
export function columnHeadings(positions: ReadonlyMap<string, Point>, eventOf: (nodeId: string) => LayoutEvent | undefined): Tick[] {
	const columns = new Map<number, { first: string; last: string; top: number }>();
	for (const [id, p] of positions) {
		const event = eventOf(id);
		if (!event) continue;
		const x = Math.round(p.x);
		const column = columns.get(x);
		const first = firstDay(event.start);
		const last = lastDay(event.end ?? event.start);
		if (!column) columns.set(x, { first, last, top: p.y });
		else {
			if (first < column.first) column.first = first;
			if (last > column.last) column.last = last;
			column.top = Math.min(column.top, p.y);
		}
	}
	const ticks: Tick[] = [];
	let previous = '';
	for (const [x, c] of [...columns].sort((a, b) => a[0] - b[0])) {
		const label = periodLabel(c.first, c.last);
		if (label !== previous) ticks.push({ id: `column-${x}`, label, x, major: false, header: { y: c.top - NODE.height / 2 - 14 } });
		previous = label;
	}
	return ticks;
}

/** "Aug 2024", "2024", "Aug – Oct 2024", "Aug 2024 – Jan 2025", for the days from `first` to `last`. */
function periodLabel(first: string, last: string): string {
	const [fy, fm] = first.split('-');
	const [ly, lm] = last.split('-');
	const wholeYears = first.endsWith('-01-01') && last.endsWith('-12-31');
	if (wholeYears) return fy === ly ? fy : `${fy} – ${ly}`;
	if (fy === ly && fm === lm) return formatPartialDate(`${fy}-${fm}`);
	if (fy === ly) return `${formatPartialDate(`${fy}-${fm}`).split(' ')[0]} – ${formatPartialDate(`${ly}-${lm}`)}`;
	return `${formatPartialDate(`${fy}-${fm}`)} – ${formatPartialDate(`${ly}-${lm}`)}`;
}

