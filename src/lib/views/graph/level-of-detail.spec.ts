import { describe, expect, it } from 'vitest';
import { aggregate, cellSizeFor, CELL_PX, insideCell, inView, type PlacedEdge, type PlacedNode } from './level-of-detail';

const node = (id: string, x: number, y: number, kind = 'military'): PlacedNode => ({ id, x, y, kind });
const edge = (source: string, target: string): PlacedEdge => ({ id: `${source}-${target}`, source, target });

describe('cellSizeFor', () => {
	it('is about CELL_PX on screen, a power of two, and halves as the zoom doubles', () => {
		const size = cellSizeFor(0.05);
		expect(Math.log2(size) % 1).toBe(0);
		expect(size * 0.05).toBeGreaterThanOrEqual(CELL_PX);
		expect(size * 0.05).toBeLessThan(2 * CELL_PX);
		expect(cellSizeFor(0.1)).toBe(size / 2);
		// A little zoom keeps the same cells.
		expect(cellSizeFor(0.051)).toBe(size);
	});
});

describe('aggregate', () => {
	// Two crowded cells of 100 units, one lone event, a chain across them.
	const nodes = [node('a', 10, 10), node('b', 20, 30, 'aid'), node('c', 50, 50), node('d', 150, 10), node('e', 160, 20, 'aid'), node('f', 350, 10)];
	const edges = [edge('a', 'b'), edge('a', 'd'), edge('b', 'e'), edge('c', 'd'), edge('e', 'f'), edge('d', 'a')];

	it('gathers the events of a cell into one cluster with its count, kind mix and centre', () => {
		const { clusters, singles } = aggregate(nodes, edges, { cell: 100 });
		expect(clusters.map((c) => [c.id, c.members.length])).toEqual([
			['c:100:0:0', 3],
			['c:100:1:0', 2]
		]);
		expect([...clusters[0].kinds]).toEqual([
			['military', 2],
			['aid', 1]
		]);
		expect(clusters[0].x).toBeCloseTo(80 / 3);
		expect(clusters[0].bounds).toEqual({ x1: 10, y1: 10, x2: 50, y2: 50 });
		// Alone in its cell: drawn as itself.
		expect(singles).toEqual(['f']);
	});

	it('draws the links between two clusters as one edge per direction, weighted by how many there are', () => {
		const { edges: weighted, links } = aggregate(nodes, edges, { cell: 100 });
		expect(weighted).toEqual([
			{ id: 'k:c:100:0:0>c:100:1:0', source: 'c:100:0:0', target: 'c:100:1:0', weight: 3 },
			{ id: 'k:c:100:1:0>f', source: 'c:100:1:0', target: 'f', weight: 1 },
			{ id: 'k:c:100:1:0>c:100:0:0', source: 'c:100:1:0', target: 'c:100:0:0', weight: 1 }
		]);
		// Links inside a cluster are not drawn; none joins two single events here.
		expect(links).toEqual([]);
	});

	it('keeps the selection and its chain as single events, with their own links', () => {
		const { clusters, singles, links, edges: weighted } = aggregate(nodes, edges, { cell: 100, keep: new Set(['a', 'd']) });
		// e is left alone in its cell by d: itself too.
		expect(singles.sort()).toEqual(['a', 'd', 'e', 'f']);
		expect(clusters.map((c) => c.members)).toEqual([['b', 'c']]);
		expect(links.sort()).toEqual(['a-d', 'd-a', 'e-f']);
		expect(weighted.map((e) => e.id)).toContain('k:a>c:100:0:0');
	});

	it('returns only what lies in view (and what is kept), with the edges among them', () => {
		const view = { x1: 120, y1: 0, x2: 400, y2: 100 };
		const { clusters, singles, edges: weighted } = aggregate(nodes, edges, { cell: 100, view, keep: new Set(['a']) });
		expect(clusters.map((c) => c.id)).toEqual(['c:100:1:0']);
		expect(singles.sort()).toEqual(['a', 'f']);
		expect(weighted.map((e) => e.id).sort()).toEqual(['k:a>c:100:1:0', 'k:c:100:1:0>a', 'k:c:100:1:0>f']);
	});

	it('is linear: 50,000 events and 75,000 links gather into a few hundred clusters', () => {
		const many: PlacedNode[] = [];
		for (let i = 0; i < 50_000; i++) many.push(node(`n${i}`, (i % 500) * 248, Math.floor(i / 500) * 80));
		const links: PlacedEdge[] = [];
		for (let i = 0; i < 75_000; i++) links.push(edge(`n${i % 50_000}`, `n${(i * 7 + 1) % 50_000}`));
		const { clusters, singles } = aggregate(many, links, { cell: cellSizeFor(0.01) });
		expect(singles).toEqual([]);
		expect(clusters.length).toBeLessThan(500);
		expect(clusters.reduce((s, c) => s + c.members.length, 0)).toBe(50_000);
	});
});

describe('inView', () => {
	it('draws the events in view, the kept ones, and the far ends of the links that leave the view', () => {
		const nodes = [node('a', 0, 0), node('b', 50, 0), node('c', 500, 0), node('d', 900, 0), node('z', 2000, 0)];
		const edges = [edge('a', 'b'), edge('b', 'c'), edge('c', 'd'), edge('z', 'd')];
		const shown = inView(nodes, edges, { x1: -10, y1: -10, x2: 100, y2: 10 }, new Set(['z']));
		expect([...shown.nodes].sort()).toEqual(['a', 'b', 'c', 'd', 'z']);
		expect(shown.links).toEqual(['a-b', 'b-c', 'z-d']);
		const bare = inView(nodes, edges, { x1: -10, y1: -10, x2: 100, y2: 10 });
		expect([...bare.nodes].sort()).toEqual(['a', 'b', 'c']);
	});
});

describe('insideCell', () => {
	it('moves a disc drawn at its events’ middle into its own cell, so that neighbours never overlap', () => {
		const nodes = [node('a', 98, 50), node('b', 99, 50), node('c', 101, 50), node('d', 102, 50)];
		const { clusters } = aggregate(nodes, [], { cell: 100 });
		const [left, right] = clusters.map((c) => insideCell(c, 100, 40));
		expect(left).toEqual({ x: 80, y: 50 });
		expect(right).toEqual({ x: 120, y: 50 });
		expect(right.x - left.x).toBeGreaterThanOrEqual(40);
	});
});
