/**
 * The chronological layout: each event's box starts, on a real time scale, where its period starts
 * (as its item does on the timeline), and boxes that would overlap go to other lanes. An event
 * prefers the lane of its causes, so a chain reads along a line. Pure: positions in, positions out.
 */
import { firstDay } from '$lib/domain/partial-date';
import type { Event } from '$lib/domain/schema';

export interface Point {
	x: number;
	y: number;
}

export interface Box {
	width: number;
	height: number;
}

/** A line across the lanes at the start of a year or month, labelled with it. */
export interface Tick {
	id: string;
	label: string;
	x: number;
	major: boolean;
}

export interface ChronologicalLayout {
	/** Centre of each event's box, by event id. */
	positions: Map<string, Point>;
	ticks: Tick[];
	/** The y of the top of the first lane and of the bottom of the last one. */
	top: number;
	bottom: number;
	/** x of a day ("YYYY-MM-DD"), for placing an event added later. */
	xOf: (day: string) => number;
}

export interface ChronologicalOptions {
	node: Box;
	/** Space between boxes in one lane, and between lanes. */
	gapX?: number;
	gapY?: number;
	/** Pixels per day; by default the scale that best fills a view of `aspect`. */
	pxPerDay?: number;
	/** Width / height of the view the layout is for (default 2.5). */
	aspect?: number;
}

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY;

/**
 * Places events on a time scale in lanes. `causesOf` names each event's causes (among `events`),
 * so that an event can take the lane of a cause placed before it.
 */
export function chronologicalLayout(
	events: readonly Event[],
	causesOf: (eventId: string) => readonly string[],
	options: ChronologicalOptions
): ChronologicalLayout {
	const { node } = options;
	const gapX = options.gapX ?? 14;
	const gapY = options.gapY ?? 16;
	const starts = events.map((e) => ({ event: e, day: dayNumber(firstDay(e.start)) }));
	starts.sort((a, b) => a.day - b.day || (a.event.id < b.event.id ? -1 : 1));
	const first = starts.length ? starts[0].day : 0;
	const last = starts.length ? starts[starts.length - 1].day : 0;
	const span = Math.max(last - first, 30);
	const place = (pxPerDay: number) => placeInLanes(starts, first, pxPerDay, causesOf, node, gapX, gapY);

	// A wider scale spreads a crowded month over fewer lanes; a narrower one keeps a quiet year
	// from pushing the rest off-screen. Try a range and keep the one that shows the most when fitted
	// to the view: each try is one pass over the events.
	let best: ReturnType<typeof place> | undefined;
	let bestPxPerDay = options.pxPerDay ?? 1;
	if (options.pxPerDay) best = place(options.pxPerDay);
	else {
		const aspect = options.aspect ?? 2.5;
		let bestZoom = -1;
		for (let pxPerDay = 0.25; pxPerDay <= 32; pxPerDay *= 1.35) {
			const tried = place(pxPerDay);
			const zoom = Math.min(aspect / (span * pxPerDay + node.width), 1 / tried.height);
			if (zoom > bestZoom) {
				bestZoom = zoom;
				best = tried;
				bestPxPerDay = pxPerDay;
			}
		}
	}
	const xOf = (day: string) => (dayNumber(day) - first) * bestPxPerDay;
	return { positions: best!.positions, ticks: ticksFor(first, first + span, bestPxPerDay), top: 0, bottom: best!.height, xOf };
}

/** One try: events in date order, each in the free lane nearest its causes'. */
function placeInLanes(
	starts: { event: Event; day: number }[],
	first: number,
	pxPerDay: number,
	causesOf: (eventId: string) => readonly string[],
	node: Box,
	gapX: number,
	gapY: number
): { positions: Map<string, Point>; height: number } {
	const laneEnds: number[] = [];
	const laneOf = new Map<string, number>();
	const positions = new Map<string, Point>();
	const pitch = node.height + gapY;
	for (const { event, day } of starts) {
		const left = (day - first) * pxPerDay;
		let sum = 0;
		let count = 0;
		for (const id of causesOf(event.id)) {
			const lane = laneOf.get(id);
			if (lane === undefined) continue;
			sum += lane;
			count++;
		}
		const lane = freeLane(laneEnds, count ? Math.round(sum / count) : 0, left);
		laneEnds[lane] = left + node.width + gapX;
		laneOf.set(event.id, lane);
		positions.set(event.id, { x: left + node.width / 2, y: lane * pitch + node.height / 2 });
	}
	return { positions, height: Math.max(1, laneEnds.length) * pitch - gapY };
}

/** The lane nearest `preferred` that is free from `left` on; a new lane when none is. */
function freeLane(laneEnds: number[], preferred: number, left: number): number {
	const n = laneEnds.length;
	const p = Math.max(0, Math.min(preferred, n - 1));
	for (let d = 0; d < n; d++) {
		if (p + d < n && laneEnds[p + d] <= left) return p + d;
		if (d > 0 && p - d >= 0 && laneEnds[p - d] <= left) return p - d;
	}
	return n;
}

/** Year lines, and month lines when a month is wide enough to be worth a line of its own. */
function ticksFor(firstDayNumber: number, lastDayNumber: number, pxPerDay: number): Tick[] {
	const ticks: Tick[] = [];
	const start = new Date(firstDayNumber * DAY);
	const end = new Date(lastDayNumber * DAY);
	const months = pxPerDay * 30 >= 90;
	const x = (d: Date) => (d.getTime() / DAY - firstDayNumber) * pxPerDay;
	for (let y = start.getUTCFullYear(); y <= end.getUTCFullYear() + 1; y++) {
		for (let m = 0; m < 12; m++) {
			if (m > 0 && !months) break;
			const at = new Date(Date.UTC(y, m, 1));
			if (at.getTime() > end.getTime() + 31 * DAY) break;
			if (at.getTime() < start.getTime() - 31 * DAY) continue;
			ticks.push({ id: `tick-${y}-${m + 1}`, label: m === 0 ? String(y) : `${MONTHS[m]} ${y}`, x: x(at), major: m === 0 });
		}
	}
	return ticks;
}
