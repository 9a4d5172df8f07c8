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
import type { CollectionArgument, CollectionReturnValue, Core, NodeSingular } from 'cytoscape';
import { firstDay, lastDay } from '$lib/domain/partial-date';
import type { Event } from '$lib/domain/schema';
import { xOnScale, type Point, type Tick } from './chronological-layout';
import { entityOf } from './graph-model';
import { NODE } from './graph-style';
import { GAP, planLayout, type PlannedLayout } from './layout-plan';
import { separate } from './separate';

export { columnHeadings, storyPeriods } from './layout-plan';

export type LayoutName = 'causal' | 'chronological' | 'force';

export const LAYOUTS: { name: LayoutName; label: string }[] = [
	{ name: 'causal', label: 'Causal' },
	{ name: 'chronological', label: 'Chronological' },
	{ name: 'force', label: 'Force' }
];

export function isLayoutName(value: unknown): value is LayoutName {
	return LAYOUTS.some((l) => l.name === value);
}

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
 * behind a node id. fcose runs on the canvas itself; its positions are read and the nodes put
 * back, so that the caller decides how to move them. The other two are planLayout's, which a
 * large graph runs in a worker instead (layout-worker.ts).
 */
export function computeLayout(cy: Core, name: LayoutName, eventOf: (nodeId: string) => Event | undefined): LayoutResult {
	const events = cy.nodes('.event');
	if (name === 'force') return forceLayout(cy.elements().not('.tick'), events.length);
	const pairs = cy.edges('.link').map((e) => [entityOf(e.source().id())!.id, entityOf(e.target().id())!.id] as [string, string]);
	const result = layoutResultOf(planLayout({ name, events: events.map((n) => eventOf(n.id())!), pairs, aspect: aspectOf(cy) }));
	placeActors(
		cy.nodes('.actor').map((a) => ({ id: a.id(), events: a.outgoers('node.event').map((e) => e.id()) })),
		result.positions
	);
	return result;
}

/** fcose on `elements` (on a canvas, or a headless one for a large graph), boxes pushed apart when few. */
export function forceLayout(elements: CollectionReturnValue, count: number): LayoutResult {
	const placed = runOnCanvas(elements, forceOptions(count));
	// Thousands of boxes are read from afar, where overlaps do not show and pushing them apart costs seconds.
	if (count > SEPARATE_MAX) return { positions: placed, ticks: [] };
	const eventIds = new Set(elements.nodes('.event').map((n) => n.id()));
	const boxes = separate(new Map([...placed].filter(([id]) => eventIds.has(id))), NODE, GAP.y);
	return { positions: new Map([...placed, ...boxes]), ticks: [] };
}

/** The view's width / height (2.5 before it has a size). */
export const aspectOf = (cy: Core) => (cy.width() && cy.height() ? cy.width() / cy.height() : 2.5);

/** planLayout's answer as the canvas uses it. */
export function layoutResultOf(planned: PlannedLayout): LayoutResult {
	return { ...planned, xOf: planned.scale ? xOnScale(planned.scale) : undefined };
}

/** A collection of the nodes in `list` (cytoscape takes an array of elements; its types do not say so). */
export function collectionOf(cy: Core, list: NodeSingular[]): CollectionReturnValue {
	return cy.collection(list as unknown as CollectionArgument);
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

/** Runs a cytoscape layout on `eles` and returns the nodes' new positions, putting them back. */
function runOnCanvas(eles: CollectionReturnValue, options: Record<string, unknown>): Map<string, Point> {
	const nodes = eles.nodes();
	const before = new Map(nodes.map((n) => [n.id(), { ...n.position() }]));
	eles.layout(options as never).run();
	const after = new Map(nodes.map((n) => [n.id(), { ...n.position() }]));
	nodes.forEach((n) => void n.position(before.get(n.id())!));
	return after;
}

/** Actors (with their events' node ids) in a row above their events, each over the middle of its events, spread so none overlap. */
export function placeActors(actors: { id: string; events: string[] }[], positions: Map<string, Point>) {
	if (!actors.length) return;
	const box = boundsOf(positions.values());
	const wanted = actors.map((a) => {
		const xs = a.events.map((e) => positions.get(e)?.x).filter((x): x is number => x !== undefined);
		return { id: a.id, x: xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0 };
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
