import { describe, expect, it } from 'vitest';
import { makeEvent } from '$lib/test-data/factories';
import { chronologicalLayout, Lanes, placeInPeriods } from './chronological-layout';
import { layeredLayout, storyRanks, type Period } from './layered-layout';
import { anyOverlap, separate } from './separate';
import { columnHeadings, storyPeriods } from './graph-layouts';
import { NODE } from './graph-style';

const node = { width: 100, height: 40 };

describe('the chronological layout', () => {
	it('starts each box where its period starts, on one scale, and stacks boxes that would overlap', () => {
		const events = [
			makeEvent('a', { start: '2024-01-01' }),
			makeEvent('b', { start: '2024-01-02' }),
			makeEvent('c', { start: '2024-07-01' }),
			makeEvent('d', { start: '2025-01-01' })
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

describe('the story layout (causal, ordered by time too)', () => {
	const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
	const periods: Record<string, [string, string]> = {
		'occupation-2022': ['2022-02-01', '2022-02-28'],
		incursion: ['2024-08-06', '2024-08-06'],
		casualties: ['2024-08-01', '2024-08-31'],
		'nk-troops': ['2024-01-01', '2024-12-31'],
		jeddah: ['2025-03-01', '2025-03-31'],
		ceasefire: ['2025-03-01', '2025-03-31']
	};
	const periodOf = (id: string) => (periods[id] ? { first: day(periods[id][0]), last: day(periods[id][1]) } : undefined);
	const nodes = Object.keys(periods);
	const edges = [
		['incursion', 'casualties'],
		['casualties', 'nk-troops'],
		['jeddah', 'ceasefire']
	] as const;

	it('puts a later root after every event certainly before it, and causes before effects', () => {
		const rank = storyRanks(nodes, edges, periodOf);
		const r = (id: string) => rank[nodes.indexOf(id)];
		// links
		expect(r('incursion')).toBeLessThan(r('casualties'));
		expect(r('casualties')).toBeLessThan(r('nk-troops'));
		expect(r('jeddah')).toBeLessThan(r('ceasefire'));
		// time: the 2022 root before 2024, the 2025 root after all of 2024 (even the chain's end)
		expect(r('occupation-2022')).toBeLessThan(r('incursion'));
		expect(r('jeddah')).toBeGreaterThan(r('nk-troops'));
		// overlapping periods ("c. 2024" and August 2024) set no order of their own
		expect(r('nk-troops')).toBe(r('casualties') + 1);
	});

	it('without dates, orders by links alone (every root in the first column)', () => {
		const rank = storyRanks(nodes, edges);
		expect(rank[nodes.indexOf('jeddah')]).toBe(0);
		expect(rank[nodes.indexOf('occupation-2022')]).toBe(0);
	});

	it('lays a link whose effect is certainly earlier than its cause aside, and terminates on a cycle through time', () => {
		const backwards = storyRanks(['late', 'early'], [['late', 'early']], (id) => (id === 'late' ? { first: 100, last: 100 } : { first: 10, last: 10 }));
		expect(backwards[1]).toBeLessThan(backwards[0]);
		// x (year) → y (January) by link, y before z (June) by time, z → x by link
		const p: Record<string, Period> = { x: { first: 0, last: 365 }, y: { first: 0, last: 30 }, z: { first: 150, last: 180 } };
		const ranks = storyRanks(['x', 'y', 'z'], [['x', 'y'], ['z', 'x']], (id) => p[id]);
		expect(ranks).toHaveLength(3);
	});

	it('places no two boxes on top of each other, and keeps a chain level', () => {
		const positions = layeredLayout(nodes, edges, { node, rankSep: 50, nodeSep: 10, periodOf });
		expect(anyOverlap([...positions.values()], node)).toBe(false);
		expect(positions.get('jeddah')!.x).toBeGreaterThan(positions.get('incursion')!.x);
		expect(positions.get('casualties')!.y).toBe(positions.get('incursion')!.y);
	});
});

describe('events of month or year precision on the time scale', () => {
	const dayOf = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

	it('places a year-precision event inside its year, not on its first day', () => {
		const within = placeInPeriods([makeEvent('circa', { start: '2024', approximate: true })], () => []);
		const at = within.get('circa')!;
		expect(at).toBeGreaterThan(dayOf('2024-03-01'));
		expect(at).toBeLessThan(dayOf('2024-11-01'));
	});

	it('spreads month-precision events across their month, each inside it', () => {
		const events = Array.from({ length: 6 }, (_, i) => makeEvent(`m${i}`, { start: '2025-01' }));
		const within = placeInPeriods(events, () => []);
		const days = events.map((e) => within.get(e.id)!);
		for (const d of days) {
			expect(d).toBeGreaterThanOrEqual(dayOf('2025-01-01'));
			expect(d).toBeLessThan(dayOf('2025-02-01'));
		}
		expect(new Set(days).size).toBe(6);
	});

	it('puts an imprecise event after its cause and before its effect, within its period', () => {
		const events = [
			makeEvent('cause', { start: '2024-08-06' }),
			makeEvent('middle', { start: '2024' }),
			makeEvent('effect', { start: '2024-10-20' })
		];
		const causes: Record<string, string[]> = { middle: ['cause'], effect: ['middle'] };
		const within = placeInPeriods(events, (id) => causes[id] ?? []);
		expect(within.get('middle')!).toBeGreaterThanOrEqual(dayOf('2024-08-06'));
		expect(within.get('middle')!).toBeLessThanOrEqual(dayOf('2024-10-20'));
		expect(within.get('cause')).toBe(dayOf('2024-08-06'));
	});

	it('draws the box of a month-precision event inside its month in the chronological layout', () => {
		const events = [makeEvent('a', { start: '2024-01-01' }), makeEvent('b', { start: '2024-07' }), makeEvent('c', { start: '2025-06-30' })];
		const { positions, xOf } = chronologicalLayout(events, () => [], { node, pxPerDay: 2 });
		const left = positions.get('b')!.x - node.width / 2;
		expect(left).toBeGreaterThan(xOf('2024-07-01'));
		expect(left).toBeLessThan(xOf('2024-07-31'));
	});
});

describe('pushing overlapping boxes apart', () => {
	it('leaves no two boxes overlapping, even from one spot', () => {
		const crowded = new Map(Array.from({ length: 40 }, (_, i) => [`n${i}`, { x: (i % 3) * 20, y: 0 }]));
		const out = separate(crowded, node, 10);
		expect(anyOverlap([...out.values()], node)).toBe(false);
		// and moves boxes that do not overlap not at all
		const apart = new Map([['a', { x: 0, y: 0 }], ['b', { x: 500, y: 0 }]]);
		expect(separate(apart, node)).toEqual(apart);
	});
});

describe('column headings of the causal layout', () => {
	it('says when each column happened, once per change, above the column', () => {
		const events = new Map([
			['a', makeEvent('a', { start: '2022-02' })],
			['b', makeEvent('b', { start: '2024' })],
			['c', makeEvent('c', { start: '2024-08-06' })],
			['d', makeEvent('d', { start: '2024-08' })],
			['e', makeEvent('e', { start: '2024-08' })],
			['f', makeEvent('f', { start: '2024-10' })],
			['g', makeEvent('g', { start: '2025-01', end: '2025-03' })]
		]);
		const positions = new Map([
			['a', { x: 0, y: 0 }],
			['b', { x: 100, y: 0 }],
			['c', { x: 200, y: 0 }],
			['d', { x: 300, y: -80 }],
			['e', { x: 400, y: 40 }],
			['f', { x: 400, y: 120 }],
			['g', { x: 500, y: 0 }]
		]);
		const ticks = columnHeadings(positions, (id) => events.get(id));
		expect(ticks.map((t) => [t.x, t.label])).toEqual([
			[0, 'Feb 2022'],
			[100, '2024'],
			[200, 'Aug 2024'],
			[400, 'Aug – Oct 2024'],
			[500, 'Jan – Mar 2025']
		]);
		// above the column's top box
		expect(ticks.find((t) => t.x === 400)!.header!.y).toBeLessThan(40 - NODE.height / 2);
	});
});

describe('time buckets of the story layout', () => {
	it('orders by month over a few years, by year over decades; the same month sets no order', () => {
		const few = [makeEvent('a', { start: '2024-08-06' }), makeEvent('b', { start: '2024-08-20' }), makeEvent('c', { start: '2024' }), makeEvent('d', { start: '2025-03' })];
		const periodOf = storyPeriods(few);
		const p = (id: string) => periodOf(few.find((e) => e.id === id))!;
		expect(p('a')).toEqual(p('b'));
		expect(p('c').first).toBeLessThan(p('a').first);
		expect(p('c').last).toBeGreaterThan(p('a').last);
		expect(p('d').first).toBeGreaterThan(p('c').last);
		const decades = [makeEvent('x', { start: '1990-01-01' }), makeEvent('y', { start: '2020-03-01' }), makeEvent('z', { start: '2020-11-30' })];
		const byYear = storyPeriods(decades);
		expect(byYear(decades[1])).toEqual(byYear(decades[2]));
	});
});

describe('lanes of the chronological layout', () => {
	/** The rule, lane by lane: nearest the preferred lane, the later one on a tie, else a new lane. */
	function nearestFree(ends: number[], preferred: number, left: number): number {
		const n = ends.length;
		const p = Math.max(0, Math.min(preferred, n - 1));
		for (let d = 0; d < n; d++) {
			if (p + d < n && ends[p + d] <= left) return p + d;
			if (d > 0 && p - d >= 0 && ends[p - d] <= left) return p - d;
		}
		return n;
	}

	it('finds the free lane nearest the preferred one, as walking out lane by lane would', () => {
		let seed = 7;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		const lanes = new Lanes();
		const ends: number[] = [];
		let left = 0;
		for (let i = 0; i < 3000; i++) {
			left += random() * 3;
			const preferred = Math.floor(random() * (ends.length + 4)) - 2;
			const lane = lanes.freeNearest(preferred, left);
			expect(lane).toBe(nearestFree(ends, preferred, left));
			const end = left + 5 + random() * 60;
			ends[lane] = end;
			lanes.setEnd(lane, end);
			expect(lanes.length).toBe(ends.length);
		}
		expect(ends.length).toBeGreaterThan(20);
	});
});

