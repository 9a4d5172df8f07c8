/**
 * The canvas's labels and where its first view looks: which events keep a label when zoomed out
 * (landmarks.ts chooses; this paints them on cytoscape, sized for the zoom), what the labels drawn
 * measure on screen (for the page's tests and status), and the busiest part of a layout.
 */
import type { Core, NodeSingular } from 'cytoscape';
import type { Point } from './chronological-layout';
import { LABEL_ZOOM, NODE } from './graph-style';
import { LANDMARK_FONT_PX, pickLandmarks, type LandmarkCandidate } from './landmarks';

/** At most this many events are tried as landmarks (by priority). */
const CANDIDATES_MAX = 400;

export interface LabelsShown {
	zoom: number;
	/** The smallest on-screen font size among the labels drawn (0: none drawn). */
	px: number;
	/** How many event labels are drawn in the view. */
	count: number;
}

/**
 * Zoomed out past LABEL_ZOOM, marks the landmarks in view (class `landmark`, with a font size that
 * reads the same at any zoom) and unmarks those of the last call (`previous`); zoomed in, unmarks
 * them all. Returns the landmarks now marked and what the labels drawn measure.
 */
export function paintLandmarks(cy: Core, previous: ReadonlySet<string>): { chosen: Set<string>; shown: LabelsShown } {
	const zoom = cy.zoom();
	const ext = cy.extent();
	const inView = cy
		.nodes('.event')
		.toArray()
		.filter((n) => {
			const p = n.position();
			return p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 && p.y <= ext.y2;
		}) as NodeSingular[];
	let next: string[] = [];
	if (zoom < LABEL_ZOOM) {
		// Only the likeliest few are placed: at 10,000 events in view, placing all would cost a frame.
		const ranked = inView.map((n) => ({ n, priority: priorityOf(n) }));
		if (ranked.length > CANDIDATES_MAX) ranked.sort((a, b) => b.priority - a.priority).length = CANDIDATES_MAX;
		const candidates: LandmarkCandidate[] = ranked.map(({ n, priority }) => {
			const r = n.renderedPosition();
			return { id: n.id(), x: r.x, y: r.y - (NODE.height * zoom) / 2, text: n.data('short') as string, priority };
		});
		const boxes = new Map<string, { x1: number; y1: number; x2: number; y2: number }>();
		const hw = (NODE.width * zoom) / 2;
		for (const c of candidates) boxes.set(c.id, { x1: c.x - hw, x2: c.x + hw, y1: c.y, y2: c.y + NODE.height * zoom });
		next = pickLandmarks(candidates, cy.width(), cy.height(), boxes);
	}
	const chosen = new Set(next);
	const scaled = { 'font-size': LANDMARK_FONT_PX / zoom, 'text-margin-y': -5 / zoom, 'text-background-padding': `${3 / zoom}px` };
	cy.batch(() => {
		for (const id of previous) if (!chosen.has(id)) cy.getElementById(id).removeClass('landmark').removeStyle('font-size text-margin-y text-background-padding');
		for (const id of chosen) cy.getElementById(id).addClass('landmark').style(scaled);
		// Year and month lines read at the same size from afar as close up (column headings are
		// left to fade: from afar the landmarks' labels say more).
		cy.nodes('.tick').not('.header').forEach((tick) => {
			const base = tick.hasClass('major') ? 15 : 13;
			tick.style({ 'font-size': Math.max(base, (base - 1) / zoom) });
		});
	});
	// As cytoscape draws them: a label whose on-screen size is under its minimum is skipped.
	const px = (n: NodeSingular, property: string) => (n as unknown as { pstyle(name: string): { pfValue: number } }).pstyle(property).pfValue;
	// Every box has the same label style: one box tells for all (reading 10,000 would cost a frame).
	const sample = inView.find((n) => !chosen.has(n.id()));
	const drawn = !!sample && px(sample, 'font-size') * zoom >= px(sample, 'min-zoomed-font-size');
	const own = drawn ? inView.filter((n) => !chosen.has(n.id())) : [];
	const sizes = [...(own.length ? [px(sample!, 'font-size') * zoom] : []), ...(chosen.size ? [LANDMARK_FONT_PX] : [])];
	return { chosen, shown: { zoom, px: sizes.length ? Math.min(...sizes) : 0, count: own.length + chosen.size } };
}

/** Which events keep a label from afar first: the selection, the focus, what is lit, then the most linked. */
function priorityOf(node: NodeSingular): number {
	if (node.hasClass('chosen')) return 1e7;
	if (node.hasClass('focused')) return 5e6;
	if (node.hasClass('faded')) return -1;
	const lit = node.hasClass('cause') || node.hasClass('effect') || node.hasClass('lit') || node.hasClass('end');
	return (lit ? 1e5 : 0) + node.degree(false);
}

/**
 * The centre of the w × h window that holds the most of `points`: the busiest stretch across,
 * then the busiest stretch down within it. Two sorted sweeps, O(n log n).
 */
export function busiestWindow(points: Point[], w: number, h: number): Point {
	const across = busiestStretch(points.map((p) => p.x), w);
	const inside = points.filter((p) => p.x >= across.from && p.x <= across.from + w);
	const down = busiestStretch(inside.map((p) => p.y), h);
	return { x: across.from + Math.min(w, across.length) / 2, y: down.from + Math.min(h, down.length) / 2 };
}

/** Where a stretch of `length` along one axis holds the most values, and how long the values in it run. */
function busiestStretch(values: number[], length: number): { from: number; length: number } {
	const sorted = values.slice().sort((a, b) => a - b);
	let best = { from: sorted[0] ?? 0, count: 0, length: 0 };
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (j < sorted.length && sorted[j] - sorted[i] <= length) j++;
		if (j - i > best.count) best = { from: sorted[i], count: j - i, length: sorted[j - 1] - sorted[i] };
	}
	return { from: best.from, length: best.length };
}
