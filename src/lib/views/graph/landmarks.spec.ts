import { describe, expect, it } from 'vitest';
import { labelRect, pickLandmarks, type LandmarkCandidate } from './landmarks';

const candidate = (id: string, x: number, y: number, priority: number, text = 'A title of some length'): LandmarkCandidate => ({ id, x, y, text, priority });

describe('landmarks: fewer, larger labels from afar', () => {
	it('labels the highest priority first and never two labels on top of each other', () => {
		const chosen = pickLandmarks([candidate('low', 300, 100, 1), candidate('high', 310, 102, 9), candidate('far', 300, 300, 2)], 800, 600);
		expect(chosen).toEqual(['high', 'far']);
		const rects = chosen.map((id) => labelRect([candidate('high', 310, 102, 9), candidate('far', 300, 300, 2)].find((c) => c.id === id)!));
		expect(rects[0].y2 <= rects[1].y1 || rects[1].y2 <= rects[0].y1 || rects[0].x2 <= rects[1].x1 || rects[1].x2 <= rects[0].x1).toBe(true);
	});

	it('keeps labels inside the view and off other boxes, up to a maximum', () => {
		expect(pickLandmarks([candidate('edge', 5, 100, 5)], 800, 600)).toEqual([]);
		// b's label would cover a's box (a was chosen first): not labelled
		const boxes = new Map([
			['a', { x1: 250, y1: 100, x2: 350, y2: 120 }],
			['b', { x1: 250, y1: 130, x2: 350, y2: 150 }]
		]);
		expect(pickLandmarks([candidate('a', 300, 100, 5), candidate('b', 300, 130, 4)], 800, 600, boxes)).toEqual(['a']);
		const many = Array.from({ length: 50 }, (_, i) => candidate(`n${i}`, 200 + (i % 5) * 250, 40 + Math.floor(i / 5) * 40, i));
		expect(pickLandmarks(many, 1600, 800, new Map(), 7)).toHaveLength(7);
	});
});
