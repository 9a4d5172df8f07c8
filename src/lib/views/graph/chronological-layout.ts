/**
 * The chronological layout: on a real time scale, an event known to the day starts on its day; an
 * event known only to the month or the year is placed inside its period — after its causes and
 * before its effects where the links say so, and spread across the period otherwise — never on
 * the period's first day, which would invent a date ("c. 2024" is not January 2024). Boxes that
 * would overlap go to other lanes; an event prefers the lane of its causes, so a chain reads along
 * a line. Pure: positions in, positions out.
 */
import { firstDay, lastDay, precisionOf } from '$lib/domain/partial-date';
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
	/** A column's heading (the causal layout): a label alone at `y`, above the column. */
	header?: { y: number };
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
	/** What `xOf` is made of, to make it again where a function cannot go (from a worker). */
	scale: TimeScale;
}

/** The time scale: day number `first` at x 0, `pxPerDay` to the right per day. */
export interface TimeScale {
	first: number;
	pxPerDay: number;
}

/** x of a day ("YYYY-MM-DD") on `scale`. */
export const xOnScale = (scale: TimeScale) => (day: string) => (dayNumber(day) - scale.first) * scale.pxPerDay;

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
	const within = placeInPeriods(events, causesOf);
	const starts = events.map((e) => ({ event: e, day: within.get(e.id)! }));
	starts.sort((a, b) => a.day - b.day || (a.event.id < b.event.id ? -1 : 1));
	let first = Infinity;
	let last = -Infinity;
	for (const e of events) {
		first = Math.min(first, dayNumber(firstDay(e.start)));
		last = Math.max(last, dayNumber(lastDay(e.start)));
	}
	if (!events.length) first = last = 0;
	const span = Math.max(last - first, 30);
	// Each event's causes by their place in `starts`, found once for all the tries below.
	const at = new Map(starts.map((s, k) => [s.event.id, k]));
	const causes = starts.map(({ event }) => causesOf(event.id).map((id) => at.get(id) ?? -1).filter((k) => k >= 0));
	const place = (pxPerDay: number) => placeInLanes(starts, first, pxPerDay, causes, node, gapX, gapY);

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
	const scale = { first, pxPerDay: bestPxPerDay };
	const pitch = node.height + gapY;
	const positions = new Map<string, Point>();
	starts.forEach(({ event, day }, k) => positions.set(event.id, { x: (day - first) * bestPxPerDay + node.width / 2, y: best!.lanes[k] * pitch + node.height / 2 }));
	return { positions, ticks: ticksFor(first, first + span, bestPxPerDay), top: 0, bottom: best!.height, xOf: xOnScale(scale), scale };
}

/**
 * The day (a fractional day number) each event is drawn at: its own day when known; otherwise a
 * day inside its period, no earlier than its causes and no later than its effects (as far as the
 * period allows), events sharing the same room spread evenly across it. `causesOf` names causes
 * among `events`; links that close a cycle are ignored.
 */
export function placeInPeriods(events: readonly Event[], causesOf: (eventId: string) => readonly string[]): Map<string, number> {
	const byId = new Map(events.map((e) => [e.id, e]));
	// Each date parsed once: at 10,000 events, parsing in comparators cost more than the rest.
	const period = new Map(events.map((e) => [e.id, { lo: dayNumber(firstDay(e.start)), hi: dayNumber(lastDay(e.start)) + 1, known: precisionOf(e.start) === 'day' }]));
	const order = causalOrder(events, causesOf, (id) => period.get(id)!.lo);
	const effects = new Map<string, string[]>();
	for (const e of events) for (const c of causesOf(e.id)) if (byId.has(c)) (effects.get(c) ?? effects.set(c, []).get(c)!).push(e.id);
	const room = new Map([...period].map(([id, p]) => [id, { lo: p.lo, hi: p.hi }]));
	const position = new Map(order.map((id, i) => [id, i]));
	const earlier = (a: string, b: string) => position.get(a)! < position.get(b)!;
	// Narrowed by the links: after every cause's earliest day, before every effect's latest.
	for (const id of order) {
		const r = room.get(id)!;
		for (const c of causesOf(id)) if (byId.has(c) && earlier(c, id)) r.lo = Math.min(Math.max(r.lo, room.get(c)!.lo), r.hi);
	}
	for (const id of [...order].reverse()) {
		const r = room.get(id)!;
		for (const f of effects.get(id) ?? []) if (earlier(id, f)) r.hi = Math.max(Math.min(r.hi, room.get(f)!.hi), r.lo);
	}
	// Events sharing the same room share it out, in causal order.
	const groups = new Map<string, string[]>();
	for (const id of order) {
		if (period.get(id)!.known) continue;
		const r = room.get(id)!;
		const key = `${r.lo}:${r.hi}`;
		(groups.get(key) ?? groups.set(key, []).get(key)!).push(id);
	}
	const day = new Map<string, number>();
	for (const [id, p] of period) if (p.known) day.set(id, p.lo);
	for (const ids of groups.values()) {
		ids.forEach((id, i) => {
			const r = room.get(id)!;
			day.set(id, r.lo + ((i + 0.5) / ids.length) * (r.hi - r.lo));
		});
	}
	// A cause spread late in its room may still pass an effect spread early in another: not past it.
	for (const id of order) {
		const p = period.get(id)!;
		if (p.hi - p.lo <= 1) continue;
		let at = day.get(id)!;
		for (const c of causesOf(id)) if (byId.has(c) && earlier(c, id)) at = Math.max(at, day.get(c)!);
		day.set(id, Math.min(at, p.hi - 0.5));
	}
	return day;
}

/** The events' ids, causes before effects (Kahn's order, the earliest ready first; a cycle broken at its earliest event). */
function causalOrder(events: readonly Event[], causesOf: (eventId: string) => readonly string[], dayOf: (eventId: string) => number): string[] {
	const byDate = [...events].sort((a, b) => dayOf(a.id) - dayOf(b.id) || (a.id < b.id ? -1 : 1));
	const index = new Map(byDate.map((e, i) => [e.id, i]));
	const waiting = new Int32Array(byDate.length);
	const effects: number[][] = byDate.map(() => []);
	byDate.forEach((e, i) => {
		for (const c of causesOf(e.id)) {
			const k = index.get(c);
			if (k === undefined || k === i) continue;
			waiting[i]++;
			effects[k].push(i);
		}
	});
	const heap = new MinHeap();
	byDate.forEach((_, i) => waiting[i] === 0 && heap.push(i));
	const done = new Uint8Array(byDate.length);
	const order: string[] = [];
	let cursor = 0;
	while (order.length < byDate.length) {
		let next = heap.pop();
		while (next !== undefined && done[next]) next = heap.pop();
		if (next === undefined) {
			while (done[cursor]) cursor++;
			next = cursor;
		}
		done[next] = 1;
		order.push(byDate[next].id);
		for (const f of effects[next]) if (--waiting[f] === 0 && !done[f]) heap.push(f);
	}
	return order;
}

/** A binary heap of numbers, smallest first. */
class MinHeap {
	#items: number[] = [];
	push(value: number) {
		const a = this.#items;
		a.push(value);
		for (let i = a.length - 1; i > 0; ) {
			const parent = (i - 1) >> 1;
			if (a[parent] <= a[i]) break;
			[a[parent], a[i]] = [a[i], a[parent]];
			i = parent;
		}
	}
	pop(): number | undefined {
		const a = this.#items;
		if (!a.length) return undefined;
		const top = a[0];
		const last = a.pop()!;
		if (a.length) {
			a[0] = last;
			for (let i = 0; ; ) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < a.length && a[l] < a[m]) m = l;
				if (r < a.length && a[r] < a[m]) m = r;
				if (m === i) break;
				[a[m], a[i]] = [a[i], a[m]];
				i = m;
			}
		}
		return top;
	}
}

/** One try: events in date order, each in the free lane nearest its causes' (`causes`: their places in `starts`). */
function placeInLanes(
	starts: { event: Event; day: number }[],
	first: number,
	pxPerDay: number,
	causes: number[][],
	node: Box,
	gapX: number,
	gapY: number
): { lanes: Int32Array; height: number } {
	const lanes = new Lanes();
	const laneOf = new Int32Array(starts.length);
	const pitch = node.height + gapY;
	for (let k = 0; k < starts.length; k++) {
		const left = (starts[k].day - first) * pxPerDay;
		let sum = 0;
		let count = 0;
		// Causes come earlier in `starts` unless the dates say otherwise; those not placed yet are skipped.
		for (const c of causes[k]) {
			if (c >= k) continue;
			sum += laneOf[c];
			count++;
		}
		const lane = lanes.freeNearest(count ? Math.round(sum / count) : 0, left);
		lanes.setEnd(lane, left + node.width + gapX);
		laneOf[k] = lane;
	}
	return { lanes: laneOf, height: Math.max(1, lanes.length) * pitch - gapY };
}

/**
 * Where each lane's last event ends, with the earliest end over each span of lanes (a segment
 * tree): the free lane nearest the preferred one is found in O(log lanes), not by walking out
 * from it lane by lane — 50,000 events in thousands of lanes took seconds that way.
 */
export class Lanes {
	/** Leaves from `size` on; a node holds the least end below it; lanes not made yet are never free. */
	#min = new Float64Array(2).fill(Infinity);
	#size = 1;
	length = 0;

	setEnd(lane: number, end: number): void {
		while (lane >= this.#size) this.#grow();
		this.length = Math.max(this.length, lane + 1);
		let i = lane + this.#size;
		this.#min[i] = end;
		for (i >>= 1; i >= 1; i >>= 1) this.#min[i] = Math.min(this.#min[2 * i], this.#min[2 * i + 1]);
	}

	/**
	 * The lane nearest `preferred` (clamped to the lanes there are) that is free from `left` on —
	 * the one after it when two are as near — or a new lane when none is.
	 */
	freeNearest(preferred: number, left: number): number {
		const n = this.length;
		if (!n) return 0;
		const p = Math.max(0, Math.min(preferred, n - 1));
		const after = this.#first(1, 0, this.#size - 1, p, left);
		const before = p > 0 ? this.#last(1, 0, this.#size - 1, p - 1, left) : -1;
		if (after < 0 && before < 0) return n;
		if (before < 0) return after;
		if (after < 0) return before;
		return after - p <= p - before ? after : before;
	}

	#grow(): void {
		const size = this.#size * 2;
		const min = new Float64Array(2 * size).fill(Infinity);
		min.set(this.#min.subarray(this.#size, 2 * this.#size), size);
		for (let i = size - 1; i >= 1; i--) min[i] = Math.min(min[2 * i], min[2 * i + 1]);
		this.#min = min;
		this.#size = size;
	}

	/** The first lane ≥ `from` in the span [lo, hi] of node `i` whose end is ≤ `left`; -1 if none. */
	#first(i: number, lo: number, hi: number, from: number, left: number): number {
		if (hi < from || this.#min[i] > left) return -1;
		if (lo === hi) return lo;
		const mid = (lo + hi) >> 1;
		const found = this.#first(2 * i, lo, mid, from, left);
		return found >= 0 ? found : this.#first(2 * i + 1, mid + 1, hi, from, left);
	}

	/** The last lane ≤ `to` in the span [lo, hi] of node `i` whose end is ≤ `left`; -1 if none. */
	#last(i: number, lo: number, hi: number, to: number, left: number): number {
		if (lo > to || this.#min[i] > left) return -1;
		if (lo === hi) return lo;
		const mid = (lo + hi) >> 1;
		const found = this.#last(2 * i + 1, mid + 1, hi, to, left);
		return found >= 0 ? found : this.#last(2 * i, lo, mid, to, left);
	}
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
