/**
 * What a large graph hands cytoscape, which styles, measures and walks every element it holds on
 * each frame: zoomed out, events gathered into clusters — one per cell of a grid laid over the
 * layout, so a cluster is a stretch of time (columns and the time scale run left to right) and
 * a causal neighbourhood (rows sit near their causes) — with the links between two clusters as
 * one weighted edge; zoomed in, only the events in view and a margin around it. What must stay
 * itself (the selection, its chain, the keyboard's focus) is always drawn as single events.
 * Pure: positions in, element lists out, so the rules are tested without a canvas.
 */
import type { Point } from './chronological-layout';

/** Below this zoom a large graph is drawn as clusters (a box is then under 46 × 16 px). */
export const CLUSTER_ZOOM = 0.25;
/** A cluster's cell is about this many screen pixels across at the zoom it is drawn for. */
export const CELL_PX = 110;

export interface PlacedNode {
	id: string;
	x: number;
	y: number;
	/** The event's kind, for the cluster's kind mix. */
	kind: string;
}

export interface PlacedEdge {
	id: string;
	source: string;
	target: string;
}

export interface Box {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

export interface Cluster {
	/** `c:<cell size>:<column>:<row>`: the same cell at the same level keeps its id across redraws. */
	id: string;
	/** The centre of its members. */
	x: number;
	y: number;
	members: string[];
	/** How many members of each kind, in the order of first appearance. */
	kinds: Map<string, number>;
	/** The box around its members' centres. */
	bounds: Box;
}

export interface WeightedEdge {
	/** `k:<from>><to>`. */
	id: string;
	source: string;
	target: string;
	/** How many links it stands for. */
	weight: number;
}

export interface Aggregation {
	clusters: Cluster[];
	/** Events drawn as themselves: those kept, and cells holding one event. */
	singles: string[];
	/** Links drawn as themselves (both ends single). */
	links: string[];
	/** Links between clusters (or a cluster and a single event), one per pair and direction. */
	edges: WeightedEdge[];
}

/**
 * The cell size (in layout units) for a zoom: CELL_PX on screen, rounded up to a power of two so
 * that zooming a little keeps the same clusters, and zooming in halves each cell (a cluster
 * splits into at most four).
 */
export function cellSizeFor(zoom: number): number {
	return 2 ** Math.ceil(Math.log2(CELL_PX / Math.max(zoom, 1e-6)));
}

const overlaps = (a: Box, b: Box) => a.x1 <= b.x2 && a.x2 >= b.x1 && a.y1 <= b.y2 && a.y2 >= b.y1;

/** `view` grown by `share` of its size on each side. */
export function widen(view: Box, share: number): Box {
	const dx = (view.x2 - view.x1) * share;
	const dy = (view.y2 - view.y1) * share;
	return { x1: view.x1 - dx, y1: view.y1 - dy, x2: view.x2 + dx, y2: view.y2 + dy };
}

/**
 * Events gathered per grid cell of `cell` units. Events in `keep` stay single, as does the only
 * event of a cell. With `view`, only clusters and singles whose place is inside it are returned
 * (the kept events always). O(nodes + edges).
 */
export function aggregate(
	nodes: Iterable<PlacedNode>,
	edges: Iterable<PlacedEdge>,
	options: { cell: number; keep?: ReadonlySet<string>; view?: Box }
): Aggregation {
	const { cell } = options;
	const keep = options.keep ?? new Set<string>();
	// Cells by number, not by name: naming each of 50,000 events' cell would cost more than the rest.
	// Rows stay apart while |row| < 2^21 cells (a layout two billion units tall).
	const cells = new Map<number, { i: number; j: number; members: PlacedNode[] }>();
	const singles: string[] = [];
	for (const node of nodes) {
		if (keep.has(node.id)) {
			singles.push(node.id);
			continue;
		}
		const i = Math.floor(node.x / cell);
		const j = Math.floor(node.y / cell);
		const key = i * 4_194_304 + j;
		const known = cells.get(key);
		if (known) known.members.push(node);
		else cells.set(key, { i, j, members: [node] });
	}
	/** What each event is drawn as: its place in `reps` (its cluster's id, or its own). */
	const repOf = new Map<string, number>();
	const reps: string[] = [];
	for (const id of singles) repOf.set(id, reps.push(id) - 1);
	const clusters: Cluster[] = [];
	for (const { i, j, members } of cells.values()) {
		if (options.view && !overlaps({ x1: i * cell, y1: j * cell, x2: (i + 1) * cell, y2: (j + 1) * cell }, options.view)) continue;
		if (members.length === 1) {
			singles.push(members[0].id);
			repOf.set(members[0].id, reps.push(members[0].id) - 1);
			continue;
		}
		const id = `c:${cell}:${i}:${j}`;
		const rep = reps.push(id) - 1;
		let sx = 0;
		let sy = 0;
		const bounds = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
		const kinds = new Map<string, number>();
		for (const m of members) {
			sx += m.x;
			sy += m.y;
			bounds.x1 = Math.min(bounds.x1, m.x);
			bounds.y1 = Math.min(bounds.y1, m.y);
			bounds.x2 = Math.max(bounds.x2, m.x);
			bounds.y2 = Math.max(bounds.y2, m.y);
			kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
			repOf.set(m.id, rep);
		}
		clusters.push({ id, x: sx / members.length, y: sy / members.length, members: members.map((m) => m.id), kinds, bounds });
	}
	const links: string[] = [];
	const weighted = new Map<number, WeightedEdge>();
	for (const edge of edges) {
		const from = repOf.get(edge.source);
		const to = repOf.get(edge.target);
		if (from === undefined || to === undefined || from === to) continue;
		const [source, target] = [reps[from], reps[to]];
		if (source === edge.source && target === edge.target) {
			links.push(edge.id);
			continue;
		}
		const key = from * reps.length + to;
		const known = weighted.get(key);
		if (known) known.weight++;
		else weighted.set(key, { id: `k:${source}>${target}`, source, target, weight: 1 });
	}
	return { clusters, singles, links, edges: [...weighted.values()] };
}

/**
 * The detailed zoom: the events inside `view`, those in `keep`, and the far ends of links that
 * leave the view (so that an arrow out of the view still points somewhere); the links among them.
 */
export function inView(
	nodes: Iterable<PlacedNode | { id: string; x: number; y: number }>,
	edges: Iterable<PlacedEdge>,
	view: Box,
	keep: ReadonlySet<string> = new Set()
): { nodes: Set<string>; links: string[] } {
	const inside = new Set<string>();
	for (const n of nodes) if (keep.has(n.id) || (n.x >= view.x1 && n.x <= view.x2 && n.y >= view.y1 && n.y <= view.y2)) inside.add(n.id);
	const drawn = new Set(inside);
	const links: string[] = [];
	for (const e of edges) {
		if (inside.has(e.source) || inside.has(e.target)) {
			drawn.add(e.source);
			drawn.add(e.target);
			links.push(e.id);
		}
	}
	return { nodes: drawn, links };
}

/** A cluster's place: the middle of its events, moved as little as needed for its disc to stay in its cell (so discs never overlap). */
export function insideCell(cluster: Cluster, cell: number, size: number): Point {
	const [, , i, j] = cluster.id.split(':').map(Number);
	const clamp = (v: number, from: number) => Math.min(Math.max(v, from + size / 2), from + cell - size / 2);
	return { x: clamp(cluster.x, i * cell), y: clamp(cluster.y, j * cell) };
}

/** The centre of a box. */
export const centreOf = (b: Box): Point => ({ x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 });
