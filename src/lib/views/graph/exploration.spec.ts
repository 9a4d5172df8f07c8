import { describe, expect, it } from 'vitest';
import { makeChain, makeDocument, makeEvent, makeLink } from '$lib/test-data/factories';
import { Editor } from '$lib/state/editor.svelte';
import { ViewFilter } from '$lib/state/filters.svelte';
import type { Selection } from '$lib/state/selection';
import { Exploration, problemsOf } from './exploration.svelte';

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
});
