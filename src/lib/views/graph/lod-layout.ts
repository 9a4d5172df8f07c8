/**
 * Layouts and placements for a large graph, whose elements are mostly not on the canvas: the
 * causal and chronological layouts run in the layout worker on the scene's events and links, and
 * so does force (fcose on a headless cytoscape holding them); an event added by an edit is placed from the
 * scene's positions. The small graph places its new events with the same rule (`placeNew`).
 */
import type cytoscapeLibrary from 'cytoscape';
import type { CausewayDocument, Event } from '$lib/domain/schema';
import type { Point } from './chronological-layout';
import { chronologicalX, layoutResultOf, placeActors, type LayoutName, type LayoutResult } from './graph-layouts';
import { entityOf } from './graph-model';
import { NODE } from './graph-style';
import { layoutEventOf, type PlannedLayout } from './layout-plan';
import { forceOnHeadless, type ForceElement } from './lod-layout-force';
import { layoutOffThread } from './layout-worker';
import type { LodScene } from './lod-scene';

/** Positions for every node of the scene under `name`; null when a newer layout superseded this one. */
export async function layoutLarge(
	cytoscape: typeof cytoscapeLibrary,
	lod: LodScene,
	name: LayoutName,
	eventOf: (nodeId: string) => Event | undefined,
	aspect: number
): Promise<LayoutResult | null> {
	const events: Event[] = [];
	const pairs: [string, string][] = [];
	const actors = new Map<string, string[]>();
	for (const [id, def] of lod.defs) {
		if (def.classes.startsWith('event')) events.push(eventOf(id)!);
		else if (def.classes.startsWith('link')) pairs.push([entityOf(def.data.source!)!.id, entityOf(def.data.target!)!.id]);
		else if (def.classes === 'member') (actors.get(def.data.source!) ?? actors.set(def.data.source!, []).get(def.data.source!)!).push(def.data.target!);
	}
	let planned: PlannedLayout | null;
	if (name === 'force') {
		const elements: ForceElement[] = [...lod.defs.values()].map(({ group, data: { id, source, target }, classes }) => ({
			group,
			data: group === 'edges' ? { id, source, target } : { id },
			classes
		}));
		planned = await layoutOffThread({ name, elements, count: events.length }, () => forceOnHeadless(cytoscape, elements, events.length));
	} else planned = await layoutOffThread({ name, events: events.map(layoutEventOf), pairs, aspect });
	if (!planned) return null;
	const result = layoutResultOf(planned);
	// fcose places actors as nodes like any other; the other two put them in a row above their events.
	if (name !== 'force') placeActors([...actors].map(([id, members]) => ({ id, events: members })), result.positions);
	return result;
}

/**
 * layoutLarge of a whole document (every event and link, no actors), asked of the worker before
 * the scene is made: the worker lays out while the page makes the scene. The same input, in the
 * same order, as layoutLarge would send once the scene holds the document.
 */
export async function layoutDocument(doc: CausewayDocument, name: 'causal' | 'chronological', aspect: number): Promise<LayoutResult | null> {
	const planned = await layoutOffThread({ name, events: doc.events.map(layoutEventOf), pairs: doc.links.map((l) => [l.from, l.to]), aspect });
	return planned && layoutResultOf(planned);
}

/** A new event's place: on its date on the time scale, else beside its neighbours (or at `fallback`); never on top of another. */
export function placeNew(options: { neighbours: Point[]; causes: number; others: Iterable<Point>; fallback: Point; event?: Event; layout: LayoutResult | null }): Point {
	const { neighbours, causes, event, layout } = options;
	let at = options.fallback;
	if (neighbours.length) {
		const sum = neighbours.reduce((s, p) => ({ x: s.x + p.x, y: s.y + p.y }), { x: 0, y: 0 });
		const shift = causes ? NODE.width + 60 : -(NODE.width + 60);
		at = { x: sum.x / neighbours.length + (neighbours.length === 1 ? shift : 0), y: sum.y / neighbours.length };
	}
	const x = event && layout ? chronologicalX(layout, event) : undefined;
	if (x !== undefined) at = { x, y: layout!.span?.top ?? at.y };
	return freeSpotNear(at, [...options.others]);
}

/** The first spot at or below `at`, one row at a time, where a node would overlap no other. */
function freeSpotNear(at: Point, others: Point[]): Point {
	const pitch = NODE.height + 16;
	for (let step = 0; step < 400; step++) {
		const y = at.y + step * pitch;
		const clash = others.some((p) => Math.abs(p.x - at.x) < NODE.width + 8 && Math.abs(p.y - y) < NODE.height + 8);
		if (!clash) return { x: at.x, y };
	}
	return at;
}

/** placeNew for a node of a large graph's scene, from the scene's links and positions. */
export function placeNearNeighbours(lod: LodScene, nodeId: string, layout: LayoutResult | null, eventOf: (nodeId: string) => Event | undefined, fallback: Point): Point {
	const neighbours: Point[] = [];
	let causes = 0;
	for (const def of lod.defs.values()) {
		if (def.group !== 'edges') continue;
		const other = def.data.target === nodeId ? def.data.source : def.data.source === nodeId ? def.data.target : null;
		const at = other ? lod.positions.get(other) : undefined;
		if (!at) continue;
		neighbours.push(at);
		if (def.data.target === nodeId) causes++;
	}
	const others = [...lod.positions].filter(([id]) => id !== nodeId && id.startsWith('e:')).map(([, p]) => p);
	return placeNew({ neighbours, causes, others, fallback, event: layout ? eventOf(nodeId) : undefined, layout });
}
