/**
 * A large graph's elements kept off the canvas: every element's definition and place, and what of
 * it cytoscape holds now — clusters when zoomed out, the events in view and a margin when zoomed in,
 * the kept ones (selection, chain, focus) always (level-of-detail.ts decides). `draw` brings the
 * canvas in line with the view by difference: an element already drawn as it should be is not
 * touched, so a pan adds the strip coming into view and removes the one leaving it.
 */
import type { CollectionArgument, Core, NodeSingular } from 'cytoscape';
import { EVENT_KINDS } from '$lib/domain/schema';
import type { Event } from '$lib/domain/schema';
import type { Point } from './chronological-layout';
import { boundsOf, chronologicalX, type Bounds, type LayoutResult } from './graph-layouts';
import { entityOf, type ElementDef, type ScenePlan } from './graph-model';
import { aggregate, cellSizeFor, CLUSTER_ZOOM, insideCell, inView, widen, type Box, type Cluster, type PlacedEdge, type PlacedNode } from './level-of-detail';

/** The view and this much of its size on each side are drawn: a pan of up to half a screen finds its elements there. */
const MARGIN = 0.5;
/** At most this many highlighted elements are kept single (a chain of thousands would defeat the clusters). */
const KEEP_MAX = 3000;

export interface LodHost {
	/** The classes an element gets on the canvas (its own, the highlight's, faded…). */
	classesOf(def: ElementDef): string;
	/** Ids that must be drawn as themselves. */
	kept(): Iterable<string>;
	eventOf(nodeId: string): Event | undefined;
}

/** A cluster as drawn: a disc sized by its count, with its kind mix as a pie and its count and period as its label. */
export function clusterDef(cluster: Cluster, cell: number, periodOf: (members: string[]) => string): ElementDef {
	const count = cluster.members.length;
	const data: ElementDef['data'] = {
		id: cluster.id,
		label: `${count.toLocaleString('en')}\n${periodOf(cluster.members)}`,
		count,
		size: cell * (0.22 + 0.3 * Math.min(1, Math.log10(count) / 3)),
		font: cell * 0.1,
		ring: cell * 0.015
	};
	EVENT_KINDS.forEach((kind, i) => (data[`k${i}`] = (100 * (cluster.kinds.get(kind) ?? 0)) / count));
	// Not a thing to move or to draw a link from: a drag on it pans the view, as on the background.
	return { group: 'nodes', data, classes: 'cluster', grabbable: false, pannable: true };
}

/** "2021" or "2019–2023": the years the events' starts cover. */
function yearsOf(events: (Event | undefined)[]): string {
	let from = '9999';
	let to = '0000';
	for (const e of events) {
		if (!e) continue;
		// A partial date starts with its four-digit year (YYYY, YYYY-MM or YYYY-MM-DD): no need to parse it.
		const year = e.start.slice(0, 4);
		if (year < from) from = year;
		if (year > to) to = year;
	}
	return from === to ? from : `${from}–${to}`;
}

export class LodScene {
	/** Every element's definition (what the canvas would hold without level of detail). */
	readonly defs = new Map<string, ElementDef>();
	#positions = new Map<string, Point>();
	/**
	 * placed()'s answer, kept up to date element by element as definitions and places change: an
	 * edit or a pan redraws without walking every definition (125,000 at 50,000 events).
	 */
	#nodes = new Map<string, PlacedNode>();
	#edges = new Map<string, PlacedEdge>();
	/** The two as lists, until one of them changes (a pan draws from them as they were). */
	#placed: { nodes: PlacedNode[]; edges: PlacedEdge[] } | null = null;
	/** What cytoscape holds of it: id → the definition drawn. */
	#drawn = new Map<string, ElementDef>();
	#clusters = new Map<string, Cluster>();
	#periods = new Map<string, { count: number; label: string }>();
	readonly #cy: Core;
	readonly #host: LodHost;

	constructor(cy: Core, host: LodHost) {
		this.#cy = cy;
		this.#host = host;
	}

	/** Whether the canvas shows clusters (zoomed out). */
	get clustered(): boolean {
		return this.#cy.zoom() < CLUSTER_ZOOM;
	}

	/** How many clusters are drawn. */
	get clusterCount(): number {
		return this.#clusters.size;
	}

	cluster(id: string): Cluster | undefined {
		return this.#clusters.get(id);
	}

	isDrawn(id: string): boolean {
		return this.#drawn.has(id);
	}

	/**
	 * Takes in a diff of the document (graph-model's planScene): removed, updated (on the time
	 * scale, a new date is a new place) and added elements. Up to `place` new events get a place
	 * of their own (`placeAt`); more are left for a layout, and counted.
	 */
	apply(plan: ScenePlan, options: { place: number; layout: LayoutResult | null; placeAt: (nodeId: string) => Point }): number {
		const { layout } = options;
		for (const id of plan.remove) this.remove(id);
		for (const def of plan.update) {
			this.update(def);
			const event = def.group === 'nodes' && layout?.xOf ? this.#host.eventOf(def.data.id) : undefined;
			const at = this.#positions.get(def.data.id);
			if (event && at) this.move(def.data.id, { x: chronologicalX(layout!, event)!, y: at.y });
		}
		for (const def of plan.add) this.#define(def);
		const fresh = plan.add.filter((def) => def.group === 'nodes' && !this.#positions.has(def.data.id));
		if (fresh.length > options.place) return fresh.length;
		for (const def of fresh) this.move(def.data.id, options.placeAt(def.data.id));
		return 0;
	}

	/** An element's box from its place (a link's: between its ends), drawn or not. */
	boxOf(id: string): Bounds | null {
		const at = this.#positions.get(id);
		const def = at ? undefined : this.defs.get(id);
		const ends = def?.group === 'edges' ? [def.data.source!, def.data.target!] : [];
		return boundsOf(at ? [at] : ends.map((end) => this.#positions.get(end)).filter((p): p is Point => !!p));
	}

	/** What a cluster holds, in words. */
	describe(clusterId: string): string | null {
		const cluster = this.#clusters.get(clusterId);
		if (!cluster) return null;
		const [count, years] = String(this.#drawn.get(clusterId)?.data.label ?? '').split('\n');
		const kinds = [...cluster.kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n} ${kind}`);
		return `A cluster of ${count} events, ${years}: ${kinds.join(', ')}. Enter opens it.`;
	}

	/** Every event's place by event id (drawn or not), for pictures. */
	eventPlaces(): Map<string, Point> {
		const places = new Map<string, Point>();
		for (const [id, p] of this.#positions) if (id.startsWith('e:') && this.defs.has(id)) places.set(entityOf(id)!.id, { ...p });
		return places;
	}

	/** Every node's place (kept when a filter takes a node away, to put it back there). */
	get positions(): ReadonlyMap<string, Point> {
		return this.#positions;
	}

	set positions(places: ReadonlyMap<string, Point>) {
		this.#positions = new Map(places);
		this.#nodes.clear();
		this.#placed = null;
		for (const def of this.defs.values()) if (def.group === 'nodes') this.#placeNode(def);
	}

	/** Takes in a definition, and its place among the placed nodes or edges. */
	#define(def: ElementDef): void {
		this.defs.set(def.data.id, def);
		this.#placed = null;
		if (def.group === 'nodes') this.#placeNode(def);
		else this.#edges.set(def.data.id, { id: def.data.id, source: def.data.source!, target: def.data.target! });
	}

	#placeNode(def: ElementDef): void {
		const p = this.#positions.get(def.data.id);
		if (p) this.#nodes.set(def.data.id, { id: def.data.id, x: p.x, y: p.y, kind: kindOf(def) });
	}

	/** An element's definition changed: redrawn in place when it is on the canvas. */
	update(def: ElementDef): void {
		this.#define(def);
		if (!this.#drawn.has(def.data.id)) return;
		this.#drawn.set(def.data.id, def);
		const element = this.#cy.getElementById(def.data.id);
		element.data(def.data);
		element.classes(this.#host.classesOf(def));
	}

	remove(id: string): void {
		this.defs.delete(id);
		this.#nodes.delete(id);
		this.#edges.delete(id);
		this.#placed = null;
		if (!this.#drawn.delete(id)) return;
		this.#cy.getElementById(id).remove();
	}

	/** A node's place changed (a new date on the time scale, a new event placed). */
	move(id: string, at: Point): void {
		this.#positions.set(id, at);
		const def = this.defs.get(id);
		if (def?.group === 'nodes') this.#placeNode(def);
		this.#placed = null;
		if (this.#drawn.has(id)) (this.#cy.getElementById(id) as NodeSingular).position(at);
	}

	/** The event nodes with their places and kinds, and the edges (links and memberships) between placed nodes. */
	placed(): { nodes: PlacedNode[]; edges: PlacedEdge[] } {
		if (this.#placed) return this.#placed;
		const nodes = this.#nodes;
		const edges: PlacedEdge[] = [];
		for (const e of this.#edges.values()) if (nodes.has(e.source) && nodes.has(e.target)) edges.push(e);
		return (this.#placed = { nodes: [...nodes.values()], edges });
	}

	/** Brings the canvas in line with the view: what should be drawn at this zoom, inside the view and its margin. */
	draw(): void {
		const cy = this.#cy;
		if (!cy.width() || !cy.height()) return;
		const ext = cy.extent();
		const view: Box = widen({ x1: ext.x1, y1: ext.y1, x2: ext.x2, y2: ext.y2 }, MARGIN);
		const keep = new Set<string>();
		for (const id of this.#host.kept()) {
			if (keep.size >= KEEP_MAX) break;
			if (this.defs.get(id)?.group === 'nodes') keep.add(id);
			else {
				// A kept link keeps its ends.
				const def = this.defs.get(id);
				if (def) keep.add(def.data.source!).add(def.data.target!);
			}
		}
		const { nodes, edges } = this.placed();
		// Actors stand in their own row above the events: never gathered with them.
		for (const n of nodes) if (n.kind === 'actor') keep.add(n.id);
		const wanted = new Map<string, ElementDef>();
		const positions = new Map<string, Point>();
		this.#clusters.clear();
		if (cy.zoom() < CLUSTER_ZOOM) {
			const cell = cellSizeFor(cy.zoom());
			const agg = aggregate(nodes, edges, { cell, keep, view });
			for (const c of agg.clusters) {
				this.#clusters.set(c.id, c);
				const def = clusterDef(c, cell, (members) => this.#periodOf(c.id, members));
				wanted.set(c.id, def);
				positions.set(c.id, insideCell(c, cell, def.data.size as number));
			}
			for (const id of agg.singles) wanted.set(id, this.defs.get(id)!);
			for (const id of agg.links) wanted.set(id, this.defs.get(id)!);
			for (const e of agg.edges) {
				const data = { id: e.id, source: e.source, target: e.target, weight: e.weight, width: (1 + Math.log2(e.weight)) * (cell / 160) };
				wanted.set(e.id, { group: 'edges', data, classes: 'bundle' });
			}
		} else {
			const shown = inView(nodes, edges, view, keep);
			for (const id of shown.nodes) wanted.set(id, this.defs.get(id)!);
			for (const id of shown.links) wanted.set(id, this.defs.get(id)!);
		}
		this.#reconcile(wanted, positions);
	}

	#periodOf(clusterId: string, members: string[]): string {
		const known = this.#periods.get(clusterId);
		if (known?.count === members.length) return known.label;
		const label = yearsOf(members.map((id) => this.#host.eventOf(id)));
		this.#periods.set(clusterId, { count: members.length, label });
		return label;
	}

	#reconcile(wanted: Map<string, ElementDef>, clusterPlaces: Map<string, Point>): void {
		const cy = this.#cy;
		const gone: string[] = [];
		for (const id of this.#drawn.keys()) if (!wanted.has(id)) gone.push(id);
		const addNodes: ElementDef[] = [];
		const addEdges: ElementDef[] = [];
		const changed: ElementDef[] = [];
		for (const [id, def] of wanted) {
			const drawn = this.#drawn.get(id);
			if (!drawn) (def.group === 'nodes' ? addNodes : addEdges).push(def);
			else if (drawn !== def && !sameMade(drawn, def)) changed.push(def);
		}
		if (!gone.length && !addNodes.length && !addEdges.length && !changed.length) return;
		cy.batch(() => {
			if (gone.length) {
				// Edges go with their nodes; they are all among `gone` (a wanted edge has wanted ends).
				cy.remove(cy.collection(gone.map((id) => cy.getElementById(id)) as unknown as CollectionArgument));
				for (const id of gone) this.#drawn.delete(id);
			}
			for (const def of changed) {
				const element = cy.getElementById(def.data.id);
				element.data(def.data);
				element.classes(this.#host.classesOf(def));
				const at = clusterPlaces.get(def.data.id);
				if (at) (element as NodeSingular).position(at);
				this.#drawn.set(def.data.id, def);
			}
			const added = [...addNodes, ...addEdges].map((def) => ({
				...def,
				classes: this.#host.classesOf(def),
				position: def.group === 'nodes' ? (clusterPlaces.get(def.data.id) ?? this.#positions.get(def.data.id)) : undefined
			}));
			if (added.length) cy.add(added);
			for (const def of [...addNodes, ...addEdges]) this.#drawn.set(def.data.id, def);
		});
	}
}

/** A cluster or a bundle of links drawn again as it was (their definitions are made anew on each draw). */
function sameMade(a: ElementDef, b: ElementDef): boolean {
	if (a.classes !== b.classes || (a.classes !== 'cluster' && a.classes !== 'bundle')) return false;
	return a.data.label === b.data.label && a.data.count === b.data.count && a.data.size === b.data.size && a.data.weight === b.data.weight && a.data.width === b.data.width;
}

const kindOf = (def: ElementDef) => /(?:^| )kind-(\S+)/.exec(def.classes)?.[1] ?? (def.classes.startsWith('actor') ? 'actor' : 'other');
