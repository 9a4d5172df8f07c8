import { describe, expect, it } from 'vitest';
import { makeEvent } from '$lib/test-data/factories';
import { chronologicalLayout } from './chronological-layout';
import { layeredLayout } from './layered-layout';

const node = { width: 100, height: 40 };

describe('the chronological layout', () => {
	it('starts each box where its period starts, on one scale, and stacks boxes that would overlap', () => {
		const events = [
			makeEvent('a', { start: '2024-01-01' }),
			makeEvent('b', { start: '2024-01-02' }),
			makeEvent('c', { start: '2024-07' }),
			makeEvent('d', { start: '2025' })
		];
		const { positions, xOf, ticks } = chronologicalLayout(events, () => [], { node, pxPerDay: 2 });
		const left = (id: string) => positions.get(id)!.x - node.width / 2;
		expect(left('a')).toBe(0);
		expect(left('b')).toBe(2);
		expect(left('c')).toBe(xOf('2024-07-01'));
		expect(left('d')).toBe(xOf('2025-01-01'));
		// a and b overlap: different lanes; c is far enough to share a's lane
		expect(positions.get('b')!.y).toBeGreaterThan(positions.get('a')!.y);
		expect(positions.get('c')!.y).toBe(positions.get('a')!.y);
		expect(ticks.map((t) => t.label)).toContain('2025');
	});

	it('puts an event in the lane of its cause when that lane is free', () => {
		const events = [makeEvent('a', { start: '2024-01-01' }), makeEvent('b', { start: '2024-01-01' }), makeEvent('c', { start: '2024-06-01' })];
		const { positions } = chronologicalLayout(events, (id) => (id === 'c' ? ['b'] : []), { node, pxPerDay: 2 });
		expect(positions.get('c')!.y).toBe(positions.get('b')!.y);
	});

	it('chooses a scale that fills a wide view better than a tall one', () => {
		const events = Array.from({ length: 30 }, (_, i) => makeEvent(`e${i}`, { start: `2024-${String((i % 12) + 1).padStart(2, '0')}` }));
		const wide = chronologicalLayout(events, () => [], { node, aspect: 4 });
		const tall = chronologicalLayout(events, () => [], { node, aspect: 0.5 });
		const lanes = (l: ReturnType<typeof chronologicalLayout>) => new Set([...l.positions.values()].map((p) => p.y)).size;
		expect(lanes(wide)).toBeLessThan(lanes(tall));
	});
});

describe('the layered layout', () => {
	it('puts every cause left of its effects, cycles aside', () => {
		const nodes = ['a', 'b', 'c', 'd', 'x', 'y'];
		const edges = [['a', 'b'], ['b', 'c'], ['a', 'c'], ['c', 'd'], ['x', 'y'], ['y', 'x']] as const;
		const positions = layeredLayout(nodes, edges, { node, rankSep: 50, nodeSep: 10 });
		const x = (id: string) => positions.get(id)!.x;
		expect(x('a')).toBeLessThan(x('b'));
		expect(x('b')).toBeLessThan(x('c'));
		expect(x('c')).toBeLessThan(x('d'));
		expect(Math.abs(x('x') - x('y'))).toBe(150);
		// no two boxes on the same spot
		const spots = new Set([...positions.values()].map((p) => `${p.x},${p.y}`));
		expect(spots.size).toBe(nodes.length);
	});

	it('lays out 10,000 nodes and 15,000 links quickly', () => {
		const n = 10_000;
		const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
		let seed = 1;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const edges = Array.from({ length: 15_000 }, () => {
			const a = Math.floor(random() * n);
			const b = Math.min(n - 1, a + 1 + Math.floor(random() * 200));
			return [nodes[a], nodes[b]] as const;
		});
		const t0 = performance.now();
		const positions = layeredLayout(nodes, edges, { node });
		expect(positions.size).toBe(n);
		expect(performance.now() - t0).toBeLessThan(1500);
	});
});
