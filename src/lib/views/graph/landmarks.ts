/**
 * Fewer, larger labels when the graph is seen from afar. Below the zoom at which every box's own
 * label can be read, those labels are hidden (a 7-pixel label is a smudge) and a few events keep a
 * short label above their box at a readable size: the selection, what the exploration lights, the
 * focused event, then the events with the most links — as many as fit without covering each
 * other. Pure: candidates in, chosen ids out.
 */
/** On-screen size of a landmark's label, in pixels. */
export const LANDMARK_FONT_PX = 12.5;
/** At most this many landmarks at once: beyond, they read as clutter again. */
export const LANDMARK_MAX = 24;

export interface LandmarkCandidate {
	id: string;
	/** Where the top centre of the box is on screen. */
	x: number;
	y: number;
	/** The label's text, already shortened. */
	text: string;
	/** Higher first. */
	priority: number;
}

export interface Rect {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

/** The screen box a landmark's label takes above its node (one line, centred). */
export function labelRect(c: Pick<LandmarkCandidate, 'x' | 'y' | 'text'>): Rect {
	const width = c.text.length * LANDMARK_FONT_PX * 0.56 + 10;
	const height = LANDMARK_FONT_PX * 1.25 + 6;
	return { x1: c.x - width / 2, x2: c.x + width / 2, y1: c.y - height - 3, y2: c.y - 3 };
}

const overlaps = (a: Rect, b: Rect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/**
 * The landmarks to label: by priority, those whose label lies inside the view (`width` × `height`)
 * and covers no label or box of a landmark already chosen (`boxes`: each candidate's box on
 * screen), and whose box no chosen label covers, up to `max`. Other boxes may be covered: from
 * afar, rows are closer together than a label is tall.
 */
export function pickLandmarks(
	candidates: readonly LandmarkCandidate[],
	width: number,
	height: number,
	boxes: ReadonlyMap<string, Rect> = new Map(),
	max = LANDMARK_MAX
): string[] {
	const sorted = [...candidates].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1));
	const chosen: { id: string; rect: Rect; box?: Rect }[] = [];
	for (const c of sorted) {
		if (chosen.length >= max) break;
		const rect = labelRect(c);
		const box = boxes.get(c.id);
		if (rect.x1 < 0 || rect.y1 < 0 || rect.x2 > width || rect.y2 > height) continue;
		if (chosen.some((o) => overlaps(o.rect, rect) || (o.box && overlaps(o.box, rect)) || (box && overlaps(o.rect, box)))) continue;
		chosen.push({ id: c.id, rect, box });
	}
	return chosen.map((c) => c.id);
}
