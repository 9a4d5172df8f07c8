/**
 * Pushes apart boxes that overlap, by as little as it takes: a force layout places centres as
 * points, and boxes a hundred and more pixels wide round those points cover each other's titles. Each round finds the
 * overlapping pairs through a grid (cells one box wide) and moves both boxes of a pair apart along
 * the axis where they overlap least. Pure: positions in, positions out.
 */
import type { Box, Point } from './chronological-layout';

/** Centres moved so that no two boxes of `box` size (plus `gap`) overlap. */
export function separate(positions: ReadonlyMap<string, Point>, box: Box, gap = 10, maxRounds = 60): Map<string, Point> {
	const ids = [...positions.keys()];
	const xs = Float64Array.from(ids, (id) => positions.get(id)!.x);
	const ys = Float64Array.from(ids, (id) => positions.get(id)!.y);
	const w = box.width + gap;
	const h = box.height + gap;
	for (let round = 0; round < maxRounds; round++) {
		const grid = new Map<string, number[]>();
		for (let i = 0; i < ids.length; i++) {
			const key = `${Math.floor(xs[i] / w)},${Math.floor(ys[i] / h)}`;
			(grid.get(key) ?? grid.set(key, []).get(key)!).push(i);
		}
		let moved = false;
		for (let i = 0; i < ids.length; i++) {
			const cx = Math.floor(xs[i] / w);
			const cy = Math.floor(ys[i] / h);
			for (let dx = -1; dx <= 1; dx++) {
				for (let dy = -1; dy <= 1; dy++) {
					for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
						if (j <= i) continue;
						const ox = w - Math.abs(xs[i] - xs[j]);
						const oy = h - Math.abs(ys[i] - ys[j]);
						if (ox <= 0 || oy <= 0) continue;
						moved = true;
						// Along the axis of least overlap (a tie, or two boxes on one spot: sideways by index).
						if (ox / w < oy / h) {
							const s = xs[i] < xs[j] || (xs[i] === xs[j] && i < j) ? -1 : 1;
							xs[i] += (s * ox) / 2 + s * 0.01;
							xs[j] -= (s * ox) / 2 + s * 0.01;
						} else {
							const s = ys[i] < ys[j] || (ys[i] === ys[j] && i < j) ? -1 : 1;
							ys[i] += (s * oy) / 2 + s * 0.01;
							ys[j] -= (s * oy) / 2 + s * 0.01;
						}
					}
				}
			}
		}
		if (!moved) return new Map(ids.map((id, i) => [id, { x: xs[i], y: ys[i] }]));
	}
	settle(xs, ys, w, h);
	return new Map(ids.map((id, i) => [id, { x: xs[i], y: ys[i] }]));
}

/**
 * What the rounds left overlapping (a crowd on one spot converges slowly): boxes placed one by
 * one, top to bottom, each moved down below any placed box it would cover. Always ends overlap-free.
 */
function settle(xs: Float64Array, ys: Float64Array, w: number, h: number) {
	const order = [...xs.keys()].sort((a, b) => ys[a] - ys[b] || xs[a] - xs[b]);
	const grid = new Map<string, number[]>();
	const cell = (x: number, y: number) => `${Math.floor(x / w)},${Math.floor(y / h)}`;
	for (const i of order) {
		for (let clash = true; clash; ) {
			clash = false;
			const cx = Math.floor(xs[i] / w);
			const cy = Math.floor(ys[i] / h);
			for (let dx = -1; dx <= 1 && !clash; dx++) {
				for (let dy = -1; dy <= 1 && !clash; dy++) {
					for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
						if (Math.abs(xs[i] - xs[j]) < w && Math.abs(ys[i] - ys[j]) < h) {
							ys[i] = ys[j] + h + 0.001;
							clash = true;
							break;
						}
					}
				}
			}
		}
		const key = cell(xs[i], ys[i]);
		(grid.get(key) ?? grid.set(key, []).get(key)!).push(i);
	}
}

/** True when some two boxes of `box` size centred on `points` overlap (by more than rounding). */
export function anyOverlap(points: readonly Point[], box: Box): boolean {
	const sorted = [...points].sort((a, b) => a.x - b.x);
	for (let i = 0; i < sorted.length; i++) {
		for (let j = i + 1; j < sorted.length && sorted[j].x - sorted[i].x < box.width - 0.001; j++) {
			if (Math.abs(sorted[j].y - sorted[i].y) < box.height - 0.001) return true;
		}
	}
	return false;
}
