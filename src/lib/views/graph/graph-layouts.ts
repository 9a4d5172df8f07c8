/**
 * The three layouts, as positions computed for what is on the canvas without moving anything yet
 * (the view then moves the nodes there, animated when the graph is small):
 * - causal: left to right, causes before effects — dagre while it is quick, a linear layered
 *   layout beyond (layered-layout.ts); events without links in a block beside the rest;
 * - chronological: a real time scale, lanes to avoid overlap (chronological-layout.ts);
 * - force: fcose.
 * Actors, when shown, sit in a row above their events (force places them like any node).
 * Positions are view state: never written to the document.
 */
import type { CollectionArgument, CollectionReturnValue, Core, NodeCollection, NodeSingular } from 'cytoscape';
import { firstDay } from '$lib/domain/partial-date';
import { dateKey } from '$lib/domain/causality-graph';
import type { Event } from '$lib/domain/schema';
import { chronologicalLayout, type Point, type Tick } from './chronological-layout';
import { entityOf, eventNodeId } from './graph-model';
import { NODE } from './graph-style';
import { layeredLayout } from './layered-layout';

export type LayoutName = 'causal' | 'chronological' | 'force';

export const LAYOUTS: { name: LayoutName; label: string }[] = [
	{ name: 'causal', label: 'Causal' },
	{ name: 'chronological', label: 'Chronological' },
	{ name: 'force', label: 'Force' }
];

export function isLayoutName(value: unknown): value is LayoutName {
	return LAYOUTS.some((l) => l.name === value);
}

/** Above this many events the causal layout is our layered one: dagre would take seconds. */
export const DAGRE_MAX_NODES = 250;

const GAP = { x: 14, y: 16, rank: 64 };

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
	if (name === 'force') return { positions: runOnCanvas(cy.elements().not('.tick'), forceOptions(events.length)), ticks: [] };

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
		const ends = new Set<string>();
		const pairs = cy.edges('.link').map((e) => {
			const pair = [e.source().id(), e.target().id()] as const;
			ends.add(pair[0]).add(pair[1]);
			return pair;
		});
		const linked = byDate.filter((n) => ends.has(n.id()));
		const alone = byDate.filter((n) => !ends.has(n.id()));
		const positions =
			linked.length <= DAGRE_MAX_NODES
				? runOnCanvas(collectionOf(cy, linked).union(collectionOf(cy, linked).connectedEdges('.link')), {
						name: 'dagre',
						rankDir: 'LR',
						nodeSep: GAP.y,
						rankSep: GAP.rank,
						edgeSep: 8,
						fit: false,
						animate: false
					})
				: layeredLayout(
						linked.map((n) => n.id()),
						pairs,
						{ node: NODE, rankSep: GAP.rank, nodeSep: GAP.y }
					);
		placeAside(alone, positions);
		result = { positions, ticks: [] };
	}
	placeActors(cy.nodes('.actor'), result.positions);
	return result;
}

/** A collection of the nodes in `list` (cytoscape takes an array of elements; its types do not say so). */
export function collectionOf(cy: Core, list: NodeSingular[]): CollectionReturnValue {
	return cy.collection(list as unknown as CollectionArgument);
}

function forceOptions(count: number) {
	return {
		name: 'fcose',
		quality: count > 1500 ? 'draft' : 'default',
		randomize: true,
		animate: false,
		fit: false,
		nodeDimensionsIncludeLabels: false,
		idealEdgeLength: () => 110,
		nodeRepulsion: () => 9000,
		nodeSeparation: 90,
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

/** Events with no link on the canvas: a block to the right of the rest, in date order, as tall as it. */
function placeAside(nodes: NodeSingular[], positions: Map<string, Point>) {
	if (!nodes.length) return;
	const box = boundsOf(positions.values());
	const pitchY = NODE.height + GAP.y;
	const perColumn = Math.max(4, box ? Math.floor((box.y2 - box.y1 + GAP.y) / pitchY) : Math.ceil(Math.sqrt(nodes.length)));
	const left = box ? box.x2 + GAP.rank + NODE.width / 2 : 0;
	const top = box ? box.y1 + NODE.height / 2 : 0;
	nodes.forEach((n, i) => {
		positions.set(n.id(), { x: left + Math.floor(i / perColumn) * (NODE.width + GAP.x), y: top + (i % perColumn) * pitchY });
	});
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
	return layout.xOf ? layout.xOf(firstDay(event.start)) + NODE.width / 2 : undefined;
}
