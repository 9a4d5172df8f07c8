import { describe, expect, it } from 'vitest';
import { applyChange } from '$lib/domain/changes';
import { makeActor, makeChain, makeDocument, makeEvent, makeLink } from '$lib/test-data/factories';
import { breakLines, entityOf, eventLabel, eventNode, linkEdge, planScene, shorten, type Made } from './graph-model';

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
});
