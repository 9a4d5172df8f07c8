import { describe, expect, it } from 'vitest';
import { makeChain, makeDocument, makeEvent, makeLink } from '$lib/test-data/factories';
import { Editor } from '$lib/state/editor.svelte';
import { ViewFilter } from '$lib/state/filters.svelte';
import type { Selection } from '$lib/state/selection';
import { applyChange } from '$lib/domain/changes';
import { Exploration, problemsOf, sameProblems } from './exploration.svelte';

function setup(search = '', selection: Selection | null = null, doc = makeChain()) {
	const editor = new Editor(doc);
	const filter = new ViewFilter(editor, () => new URL(`http://x/${search}`));
	return new Exploration(editor, filter, () => selection);
}

describe('Exploration', () => {
	it('walks the whole chain of the selected event, within a depth', () => {
		const exploration = setup('', { kind: 'event', id: 'c' });
		expect(exploration.chainDepths).toBeNull();
		exploration.showChain('causes');
		expect([...exploration.chainDepths!]).toEqual([['b', 1], ['a', 2]]);
		exploration.depth = 1;
		expect([...exploration.chainDepths!]).toEqual([['b', 1]]);
		exploration.showChain('causes');
		expect(exploration.chain).toBeNull();
	});

	it('finds the paths from A to B once both are chosen, within what the filter shows', () => {
		const exploration = setup();
		exploration.setPathEnd('from', 'a');
		expect(exploration.paths).toBeNull();
		exploration.setPathEnd('to', 'c');
		expect(exploration.paths!.paths).toEqual([{ events: ['a', 'b', 'c'], links: ['ab', 'bc'] }]);
		exploration.swapPathEnds();
		expect(exploration.paths!.paths).toEqual([]);

		const filtered = setup('?q=event%20a%20c');
		filtered.setPathEnd('from', 'a');
		filtered.setPathEnd('to', 'c');
		expect(filtered.paths!.paths).toEqual([]);
	});

	it('when there is no path, says what comes closest, within what the filter shows', () => {
		const exploration = setup();
		exploration.setPathEnd('from', 'a');
		exploration.setPathEnd('to', 'c');
		expect(exploration.nearest).toBeNull();
		exploration.swapPathEnds();
		expect(exploration.nearest).toEqual({ sharedCauses: [], sharedEffects: [], undirected: ['c', 'b', 'a'] });

		const filtered = setup('?q=event%20a%20c');
		filtered.setPathEnd('from', 'a');
		filtered.setPathEnd('to', 'c');
		expect(filtered.nearest!.undirected).toBeNull();
	});

	it('lists where the story starts and ends on demand', () => {
		const exploration = setup();
		expect(exploration.ends).toBeNull();
		exploration.endsOpen = true;
		expect(exploration.ends!.roots.map((e) => e.id)).toEqual(['a']);
		expect(exploration.ends!.finals.map((e) => e.id)).toEqual(['c']);
	});

	it('finds cycles and effects that come before their causes', () => {
		const doc = makeDocument({
			events: [makeEvent('a', { start: '2024-05' }), makeEvent('b', { start: '2024-03' })],
			links: [makeLink('ab', 'a', 'b'), makeLink('ba', 'b', 'a')]
		});
		const problems = problemsOf(doc);
		expect(problems.cycles).toHaveLength(1);
		expect(problems.backwards.map((p) => p.link.id)).toEqual(['ab']);
	});

	it('tells findings that say the same from findings that changed, so that an edit elsewhere repaints nothing', () => {
		const doc = makeDocument({
			events: [makeEvent('a', { start: '2024-05' }), makeEvent('b', { start: '2024-03' }), makeEvent('c'), makeEvent('d')],
			links: [makeLink('ab', 'a', 'b'), makeLink('ba', 'b', 'a')]
		});
		const before = problemsOf(doc);
		const [a, , c] = doc.events;
		const elsewhere = applyChange(doc, { events: { updated: [[c, { ...c, title: 'C', revision: 2 }]] }, links: { added: [makeLink('cd', 'c', 'd')] } });
		expect(sameProblems(before, problemsOf(elsewhere))).toBe(true);
		// The backward link's cause renamed: the list of problems shows its title.
		const renamed = applyChange(doc, { events: { updated: [[a, { ...a, title: 'A', revision: 2 }]] } });
		expect(sameProblems(before, problemsOf(renamed))).toBe(false);
		const closed = applyChange(elsewhere, { links: { added: [makeLink('dc', 'd', 'c')] } });
		expect(sameProblems(before, problemsOf(closed))).toBe(false);
	});
});
