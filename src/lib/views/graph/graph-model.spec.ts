import { describe, expect, it } from 'vitest';
import { applyChange } from '$lib/domain/changes';
import { makeActor, makeChain, makeDocument, makeEvent, makeLink } from '$lib/test-data/factories';
import { generateDocument } from '../../../../scripts/bench/generate';
import type { CausewayDocument } from '$lib/domain/schema';
import { breakLines, entityOf, eventLabel, eventNode, linkEdge, planScene, shorten, type Made, type PlannedFrom, type SceneOptions } from './graph-model';

const all = { shownEvents: null, shownLinks: null, actors: false };

describe('graph model', () => {
	it('labels a node with the start date at its own precision over the title', () => {
		// each line of the title isolated (FSI … PDI), so a right-to-left override in it stops at its end
		expect(eventLabel({ start: '2024-08', approximate: true, title: 'Ukrainian forces capture Sudzha' })).toBe('c. Aug 2024\n\u2068Ukrainian forces capture\u2069\n\u2068Sudzha\u2069');
		expect(eventLabel({ start: '2024-08-06', approximate: false, title: 'A' })).toBe('6 Aug 2024\n\u2068A\u2069');
		expect(eventLabel({ start: '2024', approximate: false, title: 'x\u202Etxt.exe' })).toBe('2024\n\u2068x\u202Etxt.exe\u2069');
	});

	it('breaks titles into lines at spaces', () => {
		expect(breakLines('one two three', 7)).toBe('one two\nthree');
		expect(breakLines('a verylongword b', 5)).toBe('a\nverylongword\nb');
		expect(breakLines('short', 26)).toBe('short');
	});

	it('shortens long titles at a word boundary', () => {
		expect(shorten('one two three four five six seven', 20)).toBe('one two three four…');
		expect(shorten('short', 20)).toBe('short');
		expect(shorten('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
	});

	it('gives nodes their kind, precision and approximation as classes, and links their relation and confidence', () => {
		const node = eventNode(makeEvent('a', { start: '2024', approximate: true, kind: 'aid', tags: ['unconfirmed', 'disputed'] }));
		expect(node.classes.split(' ')).toEqual(['event', 'kind-aid', 'precision-year', 'disputed', 'unconfirmed', 'approximate']);
		expect(eventNode(makeEvent('a'), true).classes.split(' ')).toContain('contested');
		const cause = makeEvent('a', { start: '2024-08-06' });
		const effect = makeEvent('b', { start: '2024-08-01' });
		const edge = linkEdge(makeLink('ab', 'a', 'b', { relation: 'prevents', confidence: 'low' }), cause, effect);
		expect(edge.data).toMatchObject({ id: 'l:ab', source: 'e:a', target: 'e:b' });
		expect(edge.classes).toBe('link rel-prevents conf-low backwards');
	});

	it('keeps actors and events apart on the canvas even when they share an id', () => {
		expect(entityOf('e:ukraine')).toEqual({ kind: 'event', id: 'ukraine' });
		expect(entityOf('a:ukraine')).toEqual({ kind: 'actor', id: 'ukraine' });
		expect(entityOf('x:ukraine')).toBeNull();
	});

	it('plans only what an edit changed', () => {
		const doc = makeChain();
		const first = planScene(doc, all, new Map());
		expect(first.add.map((d) => d.data.id)).toEqual(['e:a', 'e:b', 'e:c', 'l:ab', 'l:bc']);
		expect(first.counts).toEqual({ events: 3, links: 2, contested: 0 });
		expect(planScene(doc, all, first.next)).toMatchObject({ add: [], update: [], remove: [], counts: { events: 3, links: 2 } });

		const b = doc.events[1];
		const renamed = applyChange(doc, { events: { updated: [[b, { ...b, title: 'Renamed', revision: 2 }]] } });
		const plan = planScene(renamed, all, first.next);
		expect(plan.add).toEqual([]);
		expect(plan.remove).toEqual([]);
		// the event, and the links whose warning depends on its date
		expect(plan.update.map((d) => d.data.id).sort()).toEqual(['e:b', 'l:ab', 'l:bc']);
		// what did not change keeps its bookkeeping as it was
		expect(plan.next.get('e:a')).toBe(first.next.get('e:a'));
	});

	it('marks what the claims make contested, and unmarks it when they agree again, though the event itself is unchanged', () => {
		const doc = makeChain();
		const first = planScene(doc, all, new Map());
		const marked = planScene(doc, { ...all, contested: new Set(['events/b', 'links/bc']) }, first.next);
		expect(marked.update.map((d) => [d.data.id, d.classes.includes('contested')])).toEqual([
			['e:b', true],
			['l:bc', true]
		]);
		expect(marked.counts.contested).toBe(1);
		const unmarked = planScene(doc, { ...all, contested: new Set() }, marked.next);
		expect(unmarked.update.map((d) => [d.data.id, d.classes.includes('contested')])).toEqual([
			['e:b', false],
			['l:bc', false]
		]);
	});

	it('moves a link whose ends changed by removing and adding it', () => {
		const doc = makeChain();
		const first = planScene(doc, all, new Map());
		const ab = doc.links[0];
		const moved = applyChange(doc, { links: { updated: [[ab, { ...ab, to: 'c', revision: 2 }]] } });
		const plan = planScene(moved, all, first.next);
		expect(plan.remove).toEqual(['l:ab']);
		expect(plan.add.map((d) => [d.data.id, d.data.target])).toEqual([['l:ab', 'e:c']]);
	});

	it('shows what a filter keeps, and actors on request', () => {
		const doc = makeDocument({
			actors: [makeActor('ua'), makeActor('unused')],
			events: [makeEvent('a', { actorIds: ['ua'] }), makeEvent('b'), makeEvent('c')],
			links: [makeLink('ab', 'a', 'b'), makeLink('bc', 'b', 'c')]
		});
		const previous = new Map<string, Made>();
		const plan = planScene(doc, { shownEvents: new Set(['a', 'b']), shownLinks: new Set(['ab', 'bc']), actors: true }, previous);
		expect(plan.add.map((d) => d.data.id)).toEqual(['e:a', 'e:b', 'a:ua', 'l:ab', 'm:a:ua']);
		expect(plan.counts).toEqual({ events: 2, links: 1, contested: 0 });
		const cleared = planScene(doc, all, plan.next);
		expect(cleared.remove.sort()).toEqual(['a:ua', 'm:a:ua']);
		expect(cleared.add.map((d) => d.data.id)).toEqual(['e:c', 'l:bc']);
	});

	it('plans from what changed since the last plan exactly as from the whole document', () => {
		let doc = generateDocument({ events: 120, links: 180, actors: 5, seed: 3 });
		const [e0, e1, e2] = [doc.events[0], doc.events[1], doc.events[2]];
		const linked = doc.links.find((l) => l.from !== e0.id && l.to !== e0.id)!;
		const aLink = doc.links.find((l) => l.from === e1.id || l.to === e1.id)!;
		const edits: ((d: CausewayDocument) => CausewayDocument)[] = [
			// a new date: the event and every link at it
			(d) => applyChange(d, { events: { updated: [[e1, { ...e1, start: '2019-01-01', revision: e1.revision + 1 }]] } }),
			(d) => applyChange(d, { links: { removed: [linked] } }),
			(d) => applyChange(d, { events: { added: [makeEvent('zz-new', { start: '2024-05' })] } }),
			(d) => applyChange(d, { links: { added: [makeLink('zz-link', 'zz-new', e2.id)] } }),
			// a link given other ends is removed and added anew
			(d) => {
				const before = d.links.find((l) => l.id === aLink.id)!;
				return applyChange(d, { links: { updated: [[before, { ...before, from: 'zz-new', to: e2.id === before.to ? e0.id : before.to, revision: before.revision + 1 }]] } });
			},
			// an event goes with its links
			(d) => applyChange(d, { links: { removed: d.links.filter((l) => l.from === e0.id || l.to === e0.id) }, events: { removed: [d.events.find((e) => e.id === e0.id)!] } })
		];
		const options: SceneOptions = { ...all, contested: new Set([`events/${e2.id}`]) };
		const first = planScene(doc, options, new Map());
		let made = first.next;
		let last: PlannedFrom = { doc, options, counts: first.counts };
		for (const edit of edits) {
			const next = edit(doc);
			const whole = planScene(next, options, new Map(made));
			const changes = planScene(next, options, made, last);
			const ids = (defs: { data: { id: string } }[]) => defs.map((d) => d.data.id).sort();
			expect(ids(changes.add)).toEqual(ids(whole.add));
			expect(ids(changes.update)).toEqual(ids(whole.update));
			expect([...changes.remove].sort()).toEqual([...whole.remove].sort());
			expect(changes.counts).toEqual(whole.counts);
			expect([...changes.next.keys()].sort()).toEqual([...whole.next.keys()].sort());
			for (const [id, m] of whole.next) expect(changes.next.get(id)).toEqual(m);
			doc = next;
			made = changes.next;
			last = { doc, options, counts: changes.counts };
		}
		expect(last.counts).toEqual(planScene(doc, options, new Map()).counts);
	});

	it('does not walk the events again for an edit of one link', () => {
		const doc = generateDocument({ events: 200, links: 300, actors: 5, seed: 4 });
		const options: SceneOptions = { ...all, contested: new Set() };
		const first = planScene(doc, options, new Map());
		let reads = 0;
		const events = new Proxy(doc.events, {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
				return Reflect.get(target, key, receiver);
			}
		});
		const counted = { ...doc, events };
		const link = doc.links[7];
		const next = { ...applyChange(doc, { links: { updated: [[link, { ...link, confidence: 'low', revision: link.revision + 1 }]] } }), events };
		const plan = planScene(next, options, first.next, { doc: counted, options, counts: first.counts });
		expect(plan.update.map((d) => d.data.id)).toEqual([`l:${link.id}`]);
		// its two ends are looked up (binary searches), not every event visited
		expect(reads).toBeLessThan(40);
	});
});
