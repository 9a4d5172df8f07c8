/**
 * The graph queries on a document of the size PRODUCT.md budgets for: 10,000 events and 15,000
 * links. No timings here (the machine is shared); a query that went O(events × links) or recursed
 * per event would time out or overflow the stack instead.
 */
import { describe, expect, it } from 'vitest';
import { makeActor, makeDocument, makeEvent, makeLink } from '../test-data/factories';
import { ancestors, descendants, finalEffects, findCycles, pathsBetween, rootCauses, temporalInconsistencies } from './causality';
import { applyFilter } from './filter';
import { EVENT_KINDS, RELATIONS, type CausewayDocument, type Link } from './schema';

const EVENTS = 10_000;
const LINKS = 15_000;

// A seeded generator (mulberry32), so a failure can be reproduced.
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const eventId = (i: number) => `e${String(i).padStart(5, '0')}`;
const dayOf = (i: number) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);

/** Event i happens on day i; every link leads to a later event, a few days on: no cycle, nothing backwards. */
function bigStory(seed = 42): CausewayDocument {
	const next = random(seed);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
	const actors = Array.from({ length: 200 }, (_, i) => makeActor(`actor-${i}`));
	const events = Array.from({ length: EVENTS }, (_, i) =>
		makeEvent(eventId(i), { start: dayOf(i), kind: pick(EVENT_KINDS), actorIds: [...new Set([pick(actors).id, pick(actors).id])] })
	);
	const pairs = new Set<string>();
	const links: Link[] = [];
	while (links.length < LINKS) {
		const from = Math.floor(next() * (EVENTS - 1));
		const to = Math.min(EVENTS - 1, from + 1 + Math.floor(next() * 40));
		if (pairs.has(`${from}>${to}`)) continue;
		pairs.add(`${from}>${to}`);
		links.push(makeLink(`l${String(links.length).padStart(5, '0')}`, eventId(from), eventId(to), { relation: pick(RELATIONS) }));
	}
	return makeDocument({ actors, events, links });
}

describe('on 10,000 events and 15,000 links', () => {
	const doc = bigStory();
	const incoming = new Map<string, Link[]>();
	const outgoing = new Map<string, Link[]>();
	for (const l of doc.links) {
		incoming.set(l.to, [...(incoming.get(l.to) ?? []), l]);
		outgoing.set(l.from, [...(outgoing.get(l.from) ?? []), l]);
	}

	it('gives every ancestor and descendant its shortest depth', () => {
		for (const id of [eventId(9_000), eventId(5_000), eventId(123)]) {
			const up = ancestors(doc, id);
			const depthOf = (e: string) => (e === id ? 0 : up.get(e));
			for (const [cause, depth] of up) {
				expect(cause < id).toBe(true);
				const nearest = Math.min(...(outgoing.get(cause) ?? []).map((l) => depthOf(l.to) ?? Infinity));
				expect(nearest).toBe(depth - 1);
			}
			const near = ancestors(doc, id, { maxDepth: 3 });
			expect([...near].every(([e, d]) => d <= 3 && up.get(e) === d)).toBe(true);
			expect(near.size).toBe([...up.values()].filter((d) => d <= 3).length);
		}
		const down = descendants(doc, eventId(100));
		expect(down.size).toBeGreaterThan(1_000);
		for (const [effect, depth] of down) {
			const nearest = Math.min(...(incoming.get(effect) ?? []).map((l) => (l.from === eventId(100) ? 0 : (down.get(l.from) ?? Infinity))));
			expect(nearest).toBe(depth - 1);
		}
	});

	it('lists at most 50 sound paths between distant events, and none backwards', () => {
		const to = eventId(9_000);
		const up = ancestors(doc, to);
		const from = [...up].find(([, d]) => d === 6)![0];
		const { paths } = pathsBetween(doc, from, to);
		expect(paths.length).toBeGreaterThan(0);
		expect(paths.length).toBeLessThanOrEqual(50);
		const byId = new Map(doc.links.map((l) => [l.id, l]));
		for (const p of paths) {
			expect([p.events[0], p.events.at(-1)]).toEqual([from, to]);
			expect(new Set(p.events).size).toBe(p.events.length);
			expect(p.links.length).toBeLessThanOrEqual(12);
			p.links.forEach((id, i) => expect([byId.get(id)!.from, byId.get(id)!.to]).toEqual([p.events[i], p.events[i + 1]]));
			expect(p.events.every((e) => e === to || up.has(e))).toBe(true);
		}
		expect(paths[0].links.length).toBe(6);
		expect(pathsBetween(doc, to, from)).toEqual({ paths: [], truncated: false });
		expect(pathsBetween(doc, eventId(0), eventId(EVENTS - 1))).toEqual({ paths: [], truncated: false });
	});

	it('finds no cycle and nothing backwards, then exactly what was added', () => {
		expect(findCycles(doc)).toEqual({ cycles: [], truncated: false });
		expect(temporalInconsistencies(doc)).toEqual([]);
		const back = [makeLink('back-1', eventId(5_020), eventId(5_000)), makeLink('back-2', eventId(7_300), eventId(7_000))];
		const tangled = makeDocument({ ...doc, links: [...doc.links, ...back] });
		expect(temporalInconsistencies(tangled).map((t) => t.link.id)).toEqual(['back-1', 'back-2']);
		const { cycles } = findCycles(tangled, { max: 40 });
		expect(cycles.length).toBeGreaterThan(0);
		expect(cycles.length).toBeLessThanOrEqual(40);
		const byId = new Map(tangled.links.map((l) => [l.id, l]));
		for (const c of cycles) {
			expect(c.links.filter((id) => id.startsWith('back-'))).toHaveLength(1);
			c.links.forEach((id, i) => expect([byId.get(id)!.from, byId.get(id)!.to]).toEqual([c.events[i], c.events[(i + 1) % c.events.length]]));
		}
	});

	it('starts and ends the story where nothing leads in or out', () => {
		const roots = rootCauses(doc);
		const finals = finalEffects(doc);
		expect(roots.length).toBeGreaterThan(0);
		for (const e of roots) expect([incoming.has(e.id), outgoing.has(e.id)]).toEqual([false, true]);
		for (const e of finals) expect([incoming.has(e.id), outgoing.has(e.id)]).toEqual([true, false]);
		expect(roots.map((e) => e.start)).toEqual(roots.map((e) => e.start).sort());
	});

	it('filters by kind, keeping only links between shown events', () => {
		const shown = applyFilter(doc, { kinds: ['military', 'aid'] });
		expect(shown.events.size).toBe(doc.events.filter((e) => e.kind === 'military' || e.kind === 'aid').length);
		expect(shown.links.size).toBe(doc.links.filter((l) => shown.events.has(l.from) && shown.events.has(l.to)).length);
		expect(shown.hiddenEvents + shown.events.size).toBe(EVENTS);
		const within = shown.events;
		for (const e of rootCauses(doc, within)) expect(within.has(e.id)).toBe(true);
	});

	it('walks a ring of 10,000 events without recursion', () => {
		const ring = makeDocument({
			events: Array.from({ length: EVENTS }, (_, i) => makeEvent(eventId(i))),
			links: Array.from({ length: EVENTS }, (_, i) => makeLink(`r${i}`, eventId(i), eventId((i + 1) % EVENTS)))
		});
		const { cycles, truncated } = findCycles(ring);
		expect([cycles.length, cycles[0].events.length, truncated]).toEqual([1, EVENTS, false]);
		expect(Math.max(...ancestors(ring, eventId(0)).values())).toBe(EVENTS - 1);
		expect(pathsBetween(ring, eventId(0), eventId(5))).toEqual({
			paths: [{ events: [0, 1, 2, 3, 4, 5].map(eventId), links: ['r0', 'r1', 'r2', 'r3', 'r4'] }],
			truncated: false
		});
	});

	it('gives up on a dense tangle with what it has, and says so', () => {
		// 30 events each causing all others: billions of simple paths within 12 links
		const ids = Array.from({ length: 30 }, (_, i) => eventId(i));
		const tangle = makeDocument({
			events: ids.map((id) => makeEvent(id)),
			links: ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => makeLink(`${from}-${to}`, from, to)))
		});
		const { paths, truncated } = pathsBetween(tangle, ids[0], ids[29], { maxPaths: Infinity });
		expect(truncated).toBe(true);
		expect(paths.length).toBeGreaterThan(1_000);
		expect(paths.every((p) => new Set(p.events).size === p.events.length && p.events.at(-1) === ids[29])).toBe(true);
		expect(findCycles(tangle).truncated).toBe(true);
	});
});
