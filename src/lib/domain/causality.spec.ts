import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDocument, makeEvent, makeLink } from '../test-data/factories';
import { ancestors, descendants, finalEffects, findCycles, pathsBetween, rootCauses, temporalInconsistencies, type CausalPath } from './causality';
import { parseDocument } from './document';
import { comparePartialDates } from './partial-date';
import type { CausewayDocument, Link } from './schema';

/** A document from arrows like "a>b>c": each step is a link with id "a-b"; `starts` dates events. */
function story(arrows: string[], starts: Record<string, string> = {}): CausewayDocument {
	const ids = new Set<string>(Object.keys(starts));
	const links: Link[] = [];
	for (const arrow of arrows) {
		const steps = arrow.split('>');
		steps.forEach((id) => ids.add(id));
		for (let i = 1; i < steps.length; i++) links.push(makeLink(`${steps[i - 1]}-${steps[i]}`, steps[i - 1], steps[i]));
	}
	return makeDocument({ events: [...ids].map((id) => makeEvent(id, starts[id] ? { start: starts[id] } : {})), links });
}

const entries = (m: Map<string, number>) => [...m.entries()];

describe('ancestors and descendants', () => {
	it('walk a chain with the depth of each event, nearest first', () => {
		const doc = story(['a>b>c>d']);
		expect(entries(ancestors(doc, 'd'))).toEqual([['c', 1], ['b', 2], ['a', 3]]);
		expect(entries(descendants(doc, 'a'))).toEqual([['b', 1], ['c', 2], ['d', 3]]);
		expect(entries(ancestors(doc, 'a'))).toEqual([]);
		expect(entries(ancestors(doc, 'nope'))).toEqual([]);
	});

	it('give each event its shortest depth in a diamond with a shortcut', () => {
		const doc = story(['a>b>d', 'a>c>d', 'x>a>d']);
		expect(entries(ancestors(doc, 'd'))).toEqual([['a', 1], ['b', 1], ['c', 1], ['x', 2]]);
	});

	it('stop at maxDepth', () => {
		const doc = story(['a>b>c>d']);
		expect(entries(ancestors(doc, 'd', { maxDepth: 2 }))).toEqual([['c', 1], ['b', 2]]);
		expect(entries(descendants(doc, 'a', { maxDepth: 1 }))).toEqual([['b', 1]]);
		expect(ancestors(doc, 'd', { maxDepth: 0 }).size).toBe(0);
	});

	it('go round a cycle once, without the event itself', () => {
		const doc = story(['a>b>c>a', 'c>d']);
		expect(entries(ancestors(doc, 'a'))).toEqual([['c', 1], ['b', 2]]);
		expect(entries(descendants(doc, 'a'))).toEqual([['b', 1], ['c', 2], ['d', 3]]);
	});

	it('stay in their own part of a disconnected graph', () => {
		const doc = story(['a>b>c', 'x>y>z']);
		expect([...descendants(doc, 'a').keys()]).toEqual(['b', 'c']);
		expect([...ancestors(doc, 'z').keys()]).toEqual(['y', 'x']);
	});

	it('walk only through the events and links within', () => {
		const doc = story(['a>b>c>d', 'a>e>d']);
		expect(entries(ancestors(doc, 'd', { within: new Set(['a', 'c', 'e']) }))).toEqual([['c', 1], ['e', 1], ['a', 2]]);
		// the starting event need not be shown
		expect(entries(ancestors(doc, 'd', { within: new Set(['c', 'b']) }))).toEqual([['c', 1], ['b', 2]]);
		expect(entries(ancestors(doc, 'd', { withinLinks: new Set(['c-d', 'b-c', 'e-d']) }))).toEqual([['c', 1], ['e', 1], ['b', 2]]);
	});
});

/** Every simple path from `from` to `to` of at most `maxLength` links, by brute force. */
function allPaths(doc: CausewayDocument, from: string, to: string, maxLength: number, within?: Set<string>): string[] {
	const found: string[] = [];
	const go = (events: string[], links: string[]) => {
		const at = events[events.length - 1];
		if (at === to) return void found.push(key({ events, links }));
		if (links.length === maxLength) return;
		for (const l of doc.links) {
			if (l.from !== at || events.includes(l.to)) continue;
			if (within && l.to !== to && !within.has(l.to)) continue;
			go([...events, l.to], [...links, l.id]);
		}
	};
	if (from !== to) go([from], []);
	return found.sort();
}

/** The order paths are promised in: fewer links first, then step by step the earlier event, then by ids. */
function byLengthThenDates(doc: CausewayDocument, a: CausalPath, b: CausalPath): number {
	if (a.links.length !== b.links.length) return a.links.length - b.links.length;
	const start = (id: string) => doc.events.find((e) => e.id === id)!.start;
	const byCode = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
	for (let i = 1; i < a.events.length; i++) {
		const order =
			comparePartialDates(start(a.events[i]), start(b.events[i])) ||
			byCode(a.events[i], b.events[i]) ||
			byCode(a.links[i - 1], b.links[i - 1]);
		if (order) return order;
	}
	return 0;
}

const key = (p: CausalPath) => `${p.events.join('>')} via ${p.links.join(',')}`;

function expectSound(doc: CausewayDocument, paths: CausalPath[], from: string, to: string) {
	const byId = new Map(doc.links.map((l) => [l.id, l]));
	const upstream = ancestors(doc, to);
	for (const p of paths) {
		expect(p.events[0]).toBe(from);
		expect(p.events[p.events.length - 1]).toBe(to);
		expect(new Set(p.events).size).toBe(p.events.length);
		expect(p.links.length).toBe(p.events.length - 1);
		p.links.forEach((id, i) => expect([byId.get(id)?.from, byId.get(id)?.to]).toEqual([p.events[i], p.events[i + 1]]));
		for (const e of p.events.slice(0, -1)) expect(upstream.has(e)).toBe(true);
	}
	for (let i = 1; i < paths.length; i++) expect(paths[i].links.length).toBeGreaterThanOrEqual(paths[i - 1].links.length);
}

describe('pathsBetween', () => {
	it('lists the shortest first, then the earliest', () => {
		const doc = story(['a>b>d', 'a>c>d', 'a>d', 'b>c'], { a: '2024-01', b: '2024-03', c: '2024-02', d: '2024-04' });
		const { paths, truncated } = pathsBetween(doc, 'a', 'd');
		expect(paths.map((p) => p.events.join('>'))).toEqual(['a>d', 'a>c>d', 'a>b>d', 'a>b>c>d']);
		expect(paths[3].links).toEqual(['a-b', 'b-c', 'c-d']);
		expect(truncated).toBe(false);
	});

	it('follows links from cause to effect only', () => {
		const doc = story(['a>b>c']);
		expect(pathsBetween(doc, 'c', 'a')).toEqual({ paths: [], truncated: false });
		expect(pathsBetween(doc, 'a', 'a').paths).toEqual([]);
		expect(pathsBetween(doc, 'a', 'nope').paths).toEqual([]);
		expect(pathsBetween(story(['a>b', 'x>y']), 'a', 'y').paths).toEqual([]);
	});

	it('keeps paths simple on a cycle', () => {
		const doc = story(['a>b>c>a', 'c>d', 'b>a']);
		expect(pathsBetween(doc, 'a', 'd').paths).toEqual([{ events: ['a', 'b', 'c', 'd'], links: ['a-b', 'b-c', 'c-d'] }]);
	});

	it('tells apart two links between the same events', () => {
		const doc = makeDocument({
			events: [makeEvent('a'), makeEvent('b')],
			links: [makeLink('ab1', 'a', 'b'), makeLink('ab2', 'a', 'b', { relation: 'enables' })]
		});
		expect(pathsBetween(doc, 'a', 'b').paths.map((p) => p.links)).toEqual([['ab1'], ['ab2']]);
	});

	it('stops at maxLength links', () => {
		const doc = story(['a>b>c>d>e', 'a>x>e']);
		expect(pathsBetween(doc, 'a', 'e', { maxLength: 3 }).paths.map((p) => p.events.join(''))).toEqual(['axe']);
		expect(pathsBetween(doc, 'a', 'e', { maxLength: 1 })).toEqual({ paths: [], truncated: false });
	});

	it('says when it shows only the first paths', () => {
		// six forks in a row: 2^6 = 64 paths of 12 links each
		const arrows = [0, 1, 2, 3, 4, 5].flatMap((i) => [`s${i}>u${i}>s${i + 1}`, `s${i}>d${i}>s${i + 1}`]);
		const doc = story(arrows);
		const first = pathsBetween(doc, 's0', 's6');
		expect(first.paths).toHaveLength(50);
		expect(first.truncated).toBe(true);
		expectSound(doc, first.paths, 's0', 's6');
		const all = pathsBetween(doc, 's0', 's6', { maxPaths: 64 });
		expect([all.paths.length, all.truncated]).toEqual([64, false]);
		expect(new Set(all.paths.map(key)).size).toBe(64);
		expect(pathsBetween(doc, 's0', 's6', { maxLength: 11 })).toEqual({ paths: [], truncated: false });
	});

	it('passes only through the events within, whatever its ends', () => {
		const doc = story(['a>b>d', 'a>c>d']);
		expect(pathsBetween(doc, 'a', 'd', { within: new Set(['c']) }).paths.map((p) => p.events.join(''))).toEqual(['acd']);
		expect(pathsBetween(doc, 'a', 'd', { withinLinks: new Set(['a-b', 'b-d', 'c-d']) }).paths.map((p) => p.events.join(''))).toEqual(['abd']);
	});

	it('finds exactly the simple paths a brute force finds, in a sound order', () => {
		const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
		const arrow = fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)).filter(([x, y]) => x !== y);
		fc.assert(
			fc.property(
				fc.uniqueArray(arrow, { minLength: 6, maxLength: 20, selector: ([x, y]) => x + y }),
				fc.constantFrom(...ids),
				fc.constantFrom(...ids),
				fc.option(fc.subarray(ids), { nil: undefined }),
				fc.integer({ min: 1, max: 6 }),
				fc.array(fc.constantFrom('2024', '2024-03', '2024-03-05', '2025'), { minLength: ids.length, maxLength: ids.length }),
				(arrows, from, to, shown, maxLength, dates) => {
					const doc = story(arrows.map(([x, y]) => `${x}>${y}`), Object.fromEntries(ids.map((id, i) => [id, dates[i]])));
					const within = shown && new Set(shown);
					const found = pathsBetween(doc, from, to, { maxLength, maxPaths: 1000, within });
					expect(found.truncated).toBe(false);
					expect(found.paths.map(key).sort()).toEqual(allPaths(doc, from, to, maxLength, within));
					for (let i = 1; i < found.paths.length; i++) expect(byLengthThenDates(doc, found.paths[i - 1], found.paths[i])).toBeLessThan(0);
					expectSound(doc, pathsBetween(doc, from, to).paths, from, to);
				}
			),
			{ numRuns: 300 }
		);
	});
});

/** Every elementary cycle, by brute force, each written from its smallest event. */
function allCycles(doc: CausewayDocument): string[] {
	const found: string[] = [];
	for (const start of doc.events.map((e) => e.id)) {
		const go = (events: string[], links: string[]) => {
			for (const l of doc.links) {
				if (l.from !== events[events.length - 1]) continue;
				if (l.to === start) found.push(key({ events, links: [...links, l.id] }));
				else if (l.to > start && !events.includes(l.to)) go([...events, l.to], [...links, l.id]);
			}
		};
		go([start], []);
	}
	return found.sort();
}

describe('findCycles', () => {
	it('finds none in a graph without cycles', () => {
		expect(findCycles(story(['a>b>d', 'a>c>d', 'x>y']))).toEqual({ cycles: [], truncated: false });
	});

	it('lists a self-contained 3-cycle with its links, in order', () => {
		expect(findCycles(story(['a>b>c>a']))).toEqual({
			cycles: [{ events: ['a', 'b', 'c'], links: ['a-b', 'b-c', 'c-a'] }],
			truncated: false
		});
	});

	it('lists only the cycle of a graph that also holds a chain through it', () => {
		const { cycles } = findCycles(story(['x>b>c>d>b', 'd>y', 'p>q']));
		expect(cycles).toEqual([{ events: ['b', 'c', 'd'], links: ['b-c', 'c-d', 'd-b'] }]);
	});

	it('lists cycles sharing an event separately, shortest first', () => {
		const { cycles } = findCycles(story(['a>b>a', 'b>c>d>b']));
		expect(cycles.map((c) => c.events)).toEqual([['a', 'b'], ['b', 'c', 'd']]);
	});

	it('lists a link from an event to itself, though integrity forbids it', () => {
		const doc = makeDocument({ events: [makeEvent('a')], links: [makeLink('aa', 'a', 'a')] });
		expect(findCycles(doc).cycles).toEqual([{ events: ['a'], links: ['aa'] }]);
	});

	it('stops at max in a dense tangle and says so', () => {
		// every one of 5 events causes every other: 10 + 20 + 30 + 24 = 84 elementary cycles
		const ids = ['a', 'b', 'c', 'd', 'e'];
		const doc = story(ids.flatMap((x) => ids.filter((y) => y !== x).map((y) => `${x}>${y}`)));
		const all = findCycles(doc);
		expect([all.cycles.length, all.truncated]).toEqual([84, false]);
		expect(all.cycles.map(key).sort()).toEqual(allCycles(doc));
		const some = findCycles(doc, { max: 10 });
		expect([some.cycles.length, some.truncated]).toEqual([10, true]);
		expect(findCycles(doc, { max: 84 }).truncated).toBe(false);
	});

	it('finds exactly the cycles a brute force finds', () => {
		const ids = ['a', 'b', 'c', 'd', 'e'];
		const arrow = fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)).filter(([x, y]) => x !== y);
		fc.assert(
			fc.property(fc.uniqueArray(arrow, { minLength: 4, maxLength: 14, selector: ([x, y]) => x + y }), (arrows) => {
				const doc = story(arrows.map(([x, y]) => `${x}>${y}`));
				const { cycles, truncated } = findCycles(doc, { max: 1000 });
				expect(truncated).toBe(false);
				// each cycle is written from its smallest event in both lists
				const canonical = cycles.map((c) => {
					const i = c.events.indexOf([...c.events].sort()[0]);
					return key({ events: [...c.events.slice(i), ...c.events.slice(0, i)], links: [...c.links.slice(i), ...c.links.slice(0, i)] });
				});
				expect(canonical.sort()).toEqual(allCycles(doc));
			}),
			{ numRuns: 300 }
		);
	});
});

describe('temporalInconsistencies', () => {
	it('flags an effect that certainly starts before its cause, not one that merely may', () => {
		const doc = story(['a>b', 'a>c', 'c>d'], { a: '2024-08-06', b: '2024-08', c: '2024-07-31', d: '2024' });
		expect(temporalInconsistencies(doc).map(({ link, cause, effect }) => [link.id, cause.id, effect.id])).toEqual([['a-c', 'a', 'c']]);
		expect(temporalInconsistencies(story(['a>b>c']))).toEqual([]);
	});
});

describe('rootCauses and finalEffects', () => {
	it('are where the story starts and ends, by date, without isolated events', () => {
		const doc = story(['r2>m>f1', 'r1>m', 'm>f2', 'lonely'], { r1: '2024-05', r2: '2024-03', f1: '2025-02', f2: '2025-01' });
		expect(rootCauses(doc).map((e) => e.id)).toEqual(['r2', 'r1']);
		expect(finalEffects(doc).map((e) => e.id)).toEqual(['f2', 'f1']);
	});

	it('count only the links inside the events within', () => {
		const doc = story(['a>b>c>d', 'x']);
		const within = new Set(['b', 'c', 'x']);
		expect(rootCauses(doc, within).map((e) => e.id)).toEqual(['b']);
		expect(finalEffects(doc, within).map((e) => e.id)).toEqual(['c']);
		expect(rootCauses(doc, undefined, new Set(['c-d'])).map((e) => e.id)).toEqual(['c']);
	});

	it('leave out a cycle with nothing leading into or out of it', () => {
		expect(rootCauses(story(['a>b>c>a']))).toEqual([]);
		expect(finalEffects(story(['a>b>c>a']))).toEqual([]);
	});
});

describe('the Kursk dataset', () => {
	const doc = parseDocument(JSON.parse(readFileSync(resolve('data/seed/kursk.json'), 'utf8')));

	it('shows how the first incursion led to North Korean troops arriving', () => {
		const { paths, truncated } = pathsBetween(doc, 'first-incursion', 'north-korean-troops-arrive');
		expect(truncated).toBe(false);
		// 001: Russia's response brought them in; 000 (Stupak): casualties led Russia to ask for them
		expect(paths[0].events).toEqual(['first-incursion', 'russia-diverts-troops', 'north-korean-troops-arrive']);
		expect(paths.map((p) => p.events)).toContainEqual(['first-incursion', 'russian-casualties-kursk', 'russia-requests-nk-troops', 'north-korean-troops-arrive']);
		expectSound(doc, paths, 'first-incursion', 'north-korean-troops-arrive');
		expect(ancestors(doc, 'north-korean-troops-arrive').get('first-incursion')).toBe(2);
		expect(descendants(doc, 'first-incursion').has('sudzha-recaptured')).toBe(true);
	});

	it('has no cycles and no effect before its cause', () => {
		expect(findCycles(doc)).toEqual({ cycles: [], truncated: false });
		expect(temporalInconsistencies(doc)).toEqual([]);
	});

	it('starts from causes and ends in effects that are real events', () => {
		const roots = rootCauses(doc).map((e) => e.id);
		const finals = finalEffects(doc).map((e) => e.id);
		expect(roots).toContain('donbas-pressure');
		expect(finals).toContain('sudzha-recaptured');
		expect(roots.filter((id) => finals.includes(id))).toEqual([]);
	});
});
