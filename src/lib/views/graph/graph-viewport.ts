/**
 * Where the graph's view looks: the whole graph when it can be read so, else where a story starts
 * or the selection is, at a zoom where labels can be read. Pure arithmetic on the canvas's size.
 */
import type { Core } from 'cytoscape';
import { busiestWindow } from './canvas-labels';
import type { Point } from './chronological-layout';
import { boundsOf, type Bounds } from './graph-layouts';
import type { Cluster } from './level-of-detail';
import { LABEL_ZOOM, NODE } from './graph-style';

/** Zoom below which boxes are specks: revealing an event zooms in to READABLE_ZOOM. */
export const TINY_ZOOM = 0.3;
export const READABLE_ZOOM = 0.9;
/**
 * A small graph that does not fit at this zoom is shown from its start (the left, where causes
 * and early events are) at this zoom, where every box's label is drawn at a readable size, rather
 * than shrunk to an unreadable whole; Fit still shows everything, with landmarks' labels only.
 */
export const LEGIBLE_ZOOM = Math.ceil(LABEL_ZOOM * 100) / 100 + 0.01;
export const PADDING = 28;
/**
 * The viewport that shows every node whole; when that is too small to read, the part around
 * `focus` (the selection) or, with `legible`, the busiest part of the graph at a legible zoom.
 */
export function viewportFor(cy: Core, positions: ReadonlyMap<string, Point>, focus: Point | undefined, ticks: boolean, legible: boolean, fromStart = false): { zoom: number; pan: Point; fits: boolean } | null {
	const bounds = boundsOf(positions.values());
	if (!bounds) return null;
	const width = cy.width();
	const height = cy.height();
	const top = bounds.y1 - (ticks ? 80 : 0);
	const fit = Math.min((width - 2 * PADDING) / (bounds.x2 - bounds.x1), (height - 2 * PADDING) / (bounds.y2 - top), 1.25);
	const mid = { x: (bounds.x1 + bounds.x2) / 2, y: (top + bounds.y2) / 2 };
	if (legible && fit < LEGIBLE_ZOOM) {
		if (focus) return { ...centred(cy, focus, LEGIBLE_ZOOM), fits: false };
		const w = (width - 2 * PADDING) / LEGIBLE_ZOOM - NODE.width;
		// Where a story read left to right begins (its first causes), else where most is.
		const points = [...positions.values()].filter((p) => !fromStart || p.x <= bounds.x1 + NODE.width / 2 + w);
		const busiest = busiestWindow(points, w, (height - 2 * PADDING) / LEGIBLE_ZOOM - NODE.height);
		// On a time scale, lanes fill from the top, under the year labels: start there.
		const y = ticks ? top + (height / 2 - PADDING) / LEGIBLE_ZOOM : busiest.y;
		const x = fromStart ? bounds.x1 + (width / 2 - PADDING) / LEGIBLE_ZOOM : busiest.x;
		return { ...centred(cy, { x, y }, LEGIBLE_ZOOM), fits: false };
	}
	if (focus && fit < TINY_ZOOM) return { ...centred(cy, focus, READABLE_ZOOM), fits: false };
	return { ...centred(cy, mid, Math.max(cy.minZoom(), fit)), fits: fit >= TINY_ZOOM };
}

/** The viewport at `zoom` with `at` in the middle. */
export function centred(cy: Core, at: Point, zoom: number): { zoom: number; pan: Point } {
	return { zoom, pan: { x: cy.width() / 2 - at.x * zoom, y: cy.height() / 2 - at.y * zoom } };
}


/** Where to look to show a box (an element) that is off-screen or too small to read; null when it is in view already. */
export function revealView(cy: Core, bb: Bounds, large: boolean): { zoom: number; pan: Point } | null {
	const zoom = cy.zoom();
	const pan = cy.pan();
	const box = { x1: bb.x1 * zoom + pan.x, y1: bb.y1 * zoom + pan.y, x2: bb.x2 * zoom + pan.x, y2: bb.y2 * zoom + pan.y };
	const inView = box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height();
	const tiny = zoom < TINY_ZOOM;
	if (inView && !tiny) return null;
	return centred(cy, { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 }, tiny ? (large ? READABLE_ZOOM : LEGIBLE_ZOOM) : zoom);
}

/** A box fitted in the view, not closer than reading distance. */
export function boxView(cy: Core, box: Bounds): { zoom: number; pan: Point } {
	const fit = Math.min((cy.width() - 80) / (box.x2 - box.x1), (cy.height() - 80) / (box.y2 - box.y1));
	return centred(cy, { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 }, Math.max(cy.minZoom(), Math.min(fit, LEGIBLE_ZOOM)));
}

/** Zoomed in on a cluster far enough that it splits (into smaller clusters, or its events when they fit). */
export function expandView(cy: Core, cluster: Cluster): { zoom: number; pan: Point } {
	const b = cluster.bounds;
	const fit = Math.min((cy.width() - 2 * PADDING) / (b.x2 - b.x1 + NODE.width), (cy.height() - 2 * PADDING) / (b.y2 - b.y1 + NODE.height));
	return centred(cy, cluster, Math.min(cy.maxZoom(), Math.max(cy.zoom() * 2.2, Math.min(fit, READABLE_ZOOM))));
}
