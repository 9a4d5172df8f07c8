/**
 * The three layouts, as positions computed for what is on the canvas without moving anything yet
 * (the view then moves the nodes there, animated when the graph is small):
 * - causal (the default): left to right, causes before effects and earlier before later
 *   (layered-layout.ts), events without links in the column of their time;
 * - chronological: a real time scale, lanes to avoid overlap (chronological-layout.ts);
 * - force: fcose, spaced for boxes of 184 × 64, then any boxes still overlapping pushed apart.
 * Actors, when shown, sit in a row above their events (force places them like any node).
 * Positions are view state: never written to the document.
 */
import type { CollectionArgument, CollectionReturnValue, Core, NodeCollection, NodeSingular } from 'cytoscape';
import { firstDay, formatPartialDate, lastDay } from '$lib/domain/partial-date';
import { dateKey } from '$lib/domain/causality-graph';
import type { Event } from '$lib/domain/schema';
import { chronologicalLayout, type Point, type Tick } from './chronological-layout';
import { entityOf, eventNodeId } from './graph-model';
import { NODE } from './graph-style';
import { layeredLayout, type Period } from './layered-layout';
import { separate } from './separate';

export type LayoutName = 'causal' | 'chronological' | 'force';

export const LAYOUTS: { name: LayoutName; label: string }[] = [
	{ name: 'causal', label: 'Causal' },
	{ name: 'chronological', label: 'Chronological' },
	{ name: 'force', label: 'Force' }
];

export function isLayoutName(value: unknown): value is LayoutName {
	return LAYOUTS.some((l) => l.name === value);
}

const GAP = { x: 14, y: 16, rank: 64 };
/** Up to this many events, boxes the force layout leaves overlapping are pushed apart. */
const SEPARATE_MAX = 2000;

export interface LayoutResult {
	/** Canvas element id → centre. */
	positions: Map<string, Point>;
	/** Year and month lines (chronological only). */
	ticks: Tick[];
	/** Where the lanes start and end (chronological), for the ticks' length. */
	span?: { top: number; bottom: number };
	/** x on the time scale of a day (chronological), to place an event added later. */
	xOf?: (day: string) => number;
}

/**
 * Positions for every event and actor node on the canvas under `name`. `eventOf` gives the event
 * behind a node id. dagre and fcose run on the canvas itself; their positions are read and the
 * nodes put back, so that the caller decides how to move them.
 */
export function computeLayout(cy: Core, name: LayoutName, eventOf: (nodeId: string) => Event | undefined): LayoutResult {
	const events = cy.nodes('.event');
	// Keys computed once: a comparator that looked them up would parse 10,000 dates many times over.
	const keys = new Map(events.map((n) => [n.id(), dateKey(eventOf(n.id())!)]));
	const byDate = events.toArray().sort((a, b) => {
		const ka = keys.get(a.id())!;
		const kb = keys.get(b.id())!;
		return ka < kb ? -1 : ka > kb ? 1 : 0;
	});
	if (name === 'force') {
		const placed = runOnCanvas(cy.elements().not('.tick'), forceOptions(events.length));
		// Thousands of boxes are read from afar, where overlaps do not show and pushing them apart costs seconds.
		if (events.length > SEPARATE_MAX) return { positions: placed, ticks: [] };
		const eventIds = new Set(events.map((n) => n.id()));
		const boxes = separate(new Map([...placed].filter(([id]) => eventIds.has(id))), NODE, GAP.y);
		return { positions: new Map([...placed, ...boxes]), ticks: [] };
	}

	let result: LayoutResult;
	if (name === 'chronological') {
		const list = byDate.map((n) => eventOf(n.id())!);
		const causes = new Map<string, string[]>();
		cy.edges('.link').forEach((edge) => {
			const effect = entityOf(edge.target().id())!.id;
			const cause = entityOf(edge.source().id())!.id;
			const known = causes.get(effect);
			if (known) known.push(cause);
			else causes.set(effect, [cause]);
		});
		const aspect = cy.width() && cy.height() ? cy.width() / cy.height() : 2.5;
		const layout = chronologicalLayout(list, (id) => causes.get(id) ?? [], { node: NODE, gapX: GAP.x, gapY: GAP.y, aspect });
		const positions = new Map([...layout.positions].map(([id, p]) => [eventNodeId(id), p]));
		result = { positions, ticks: layout.ticks, span: { top: layout.top, bottom: layout.bottom }, xOf: layout.xOf };
	} else {
		const pairs = cy.edges('.link').map((e) => [e.source().id(), e.target().id()] as const);
		const bucketsOf = storyPeriods(byDate.map((n) => eventOf(n.id())!));
		const periodOf = (nodeId: string) => bucketsOf(eventOf(nodeId));
		const positions = layeredLayout(
			byDate.map((n) => n.id()),
			pairs,
			{ node: NODE, rankSep: GAP.rank, nodeSep: GAP.y, periodOf }
		);
		result = { positions, ticks: columnHeadings(positions, (nodeId) => eventOf(nodeId)) };
	}
	placeActors(cy.nodes('.actor'), result.positions);
	return result;
}

/** A collection of the nodes in `list` (cytoscape takes an array of elements; its types do not say so). */
export function collectionOf(cy: Core, list: NodeSingular[]): CollectionReturnValue {
	return cy.collection(list as unknown as CollectionArgument);
}

/**
 * The time buckets an event's start covers, for ordering columns by time: months while the
 * events span up to 5 years, quarters up to 15, years beyond. Events in the same bucket are
 * ordered by their links only: ordering by day would give each day a column of its own, and a
 * graph of a thousand days would become a timeline a thousand columns wide.
 */
export function storyPeriods(events: readonly Event[]): (event: Event | undefined) => Period | undefined {
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
 * fcose for boxes of 184 × 64: links about a box and a half long, and enough repulsion that boxes
 * do not sit on each other (at the library's defaults, sized for small round nodes, the dataset
 * was one knot at Fit). Separate parts of the graph are packed side by side, not scattered.
 */
function forceOptions(count: number) {
	return {
		name: 'fcose',
		quality: count > 1500 ? 'draft' : 'default',
		randomize: true,
		animate: false,
		fit: false,
		nodeDimensionsIncludeLabels: false,
		uniformNodeDimensions: true,
		idealEdgeLength: () => 260,
		edgeElasticity: () => 0.3,
		nodeRepulsion: () => 60000,
		nodeSeparation: 140,
		gravity: 0.15,
		gravityRange: 3.8,
		tile: true,
		tilingPaddingVertical: 24,
		tilingPaddingHorizontal: 24,
		packComponents: true,
		numIter: count > 3000 ? 1200 : 2500
	};
}

/**
 * A heading over each column of the causal layout saying when its events happened ("2024",
 * "Aug 2024", "Aug 2024 – Jan 2025"), where it differs from the column before: the time a
 * reader crosses going right. Positions by node id; `eventOf` names the event behind a node.
 */
export function columnHeadings(positions: ReadonlyMap<string, Point>, eventOf: (nodeId: string) => Event | undefined): Tick[] {
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

/** Runs a cytoscape layout on `eles` and returns the nodes' new positions, putting them back. */
function runOnCanvas(eles: CollectionReturnValue, options: Record<string, unknown>): Map<string, Point> {
	const nodes = eles.nodes();
	const before = new Map(nodes.map((n) => [n.id(), { ...n.position() }]));
	eles.layout(options as never).run();
	const after = new Map(nodes.map((n) => [n.id(), { ...n.position() }]));
	nodes.forEach((n) => void n.position(before.get(n.id())!));
	return after;
}

/** Actors in a row above their events, each over the middle of its events, spread so none overlap. */
function placeActors(actors: NodeCollection, positions: Map<string, Point>) {
	if (!actors.length) return;
	const box = boundsOf(positions.values());
	const wanted = actors.map((a) => {
		const xs = a
			.outgoers('node.event')
			.map((e) => positions.get(e.id())?.x)
			.filter((x): x is number => x !== undefined);
		return { id: a.id(), x: xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0 };
	});
	wanted.sort((a, b) => a.x - b.x);
	const spacing = 190;
	const rows: number[] = [];
	const top = (box ? box.y1 : 0) - NODE.height * 2.5;
	for (const { id, x } of wanted) {
		let row = rows.findIndex((end) => end <= x);
		if (row < 0) row = rows.push(-Infinity) - 1;
		rows[row] = x + spacing;
		positions.set(id, { x, y: top - row * 46 });
	}
}

export interface Bounds {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

/** The box around node centres, widened by a node's size. */
export function boundsOf(points: Iterable<Point>): Bounds | null {
	let x1 = Infinity;
	let y1 = Infinity;
	let x2 = -Infinity;
	let y2 = -Infinity;
	for (const p of points) {
		x1 = Math.min(x1, p.x);
		y1 = Math.min(y1, p.y);
		x2 = Math.max(x2, p.x);
		y2 = Math.max(y2, p.y);
	}
	if (x1 === Infinity) return null;
	return { x1: x1 - NODE.width / 2, y1: y1 - NODE.height / 2, x2: x2 + NODE.width / 2, y2: y2 + NODE.height / 2 };
}

/** The x on the time scale for an event added after a chronological layout. */
export function chronologicalX(layout: LayoutResult, event: Event): number | undefined {
	if (!layout.xOf) return undefined;
	// Inside its period (the middle), as the layout would place it without links.
	const from = layout.xOf(firstDay(event.start));
	const to = layout.xOf(lastDay(event.start));
	return from === to ? from + NODE.width / 2 : (from + to) / 2 + NODE.width / 2;
}
