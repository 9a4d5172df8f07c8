import { SvelteURL } from 'svelte/reactivity';
import { describe, expect, it } from 'vitest';
import { makeActor, makeDocument, makeEvent, makeLink } from '$lib/test-data/factories';
import { Editor } from './editor.svelte';
import { ViewFilter } from './filters.svelte';

const doc = makeDocument({
	actors: [makeActor('ua', { name: 'Ukraine' })],
	events: [
		makeEvent('a', { title: 'Incursion', kind: 'military', actorIds: ['ua'] }),
		makeEvent('b', { title: 'Talks', kind: 'diplomatic' }),
		makeEvent('c', { title: 'Counter-offensive', kind: 'military' })
	],
	links: [makeLink('ab', 'a', 'b'), makeLink('ac', 'a', 'c', { relation: 'enables' })]
});

function setup(search: string) {
	// Reactive, as the page's URL is.
	const url = new SvelteURL(`http://x/${search}`);
	const filter = new ViewFilter(new Editor(doc), () => url);
	return { filter, go: (next: string) => (url.search = next) };
}

describe('ViewFilter', () => {
	it('shows everything, and says so with null, when the URL has no filter', () => {
		const { filter } = setup('?select=event:a');
		expect(filter.active).toBe(false);
		expect(filter.shownEvents).toBeNull();
		expect(filter.shows('b')).toBe(true);
	});

	it('applies the filter in the URL to events and links, and counts what it hides', () => {
		const { filter } = setup('?kind=military&relation=causes');
		expect([...filter.shownEvents!]).toEqual(['a', 'c']);
		expect([...filter.shownLinks!]).toEqual([]);
		expect(filter.hiddenEvents).toBe(1);
		expect(filter.hiddenLinks).toBe(2);
		expect(filter.shows('b')).toBe(false);
	});

	it('follows the URL', () => {
		const { filter, go } = setup('?kind=military');
		go('?kind=military&select=event:c');
		expect([...filter.shownEvents!]).toEqual(['a', 'c']);
		go('?kind=diplomatic&select=event:c');
		expect([...filter.shownEvents!]).toEqual(['b']);
		go('?select=event:c');
		expect(filter.shownEvents).toBeNull();
	});

	it('narrows the live result with the words being typed, before the URL has them', () => {
		const { filter, go } = setup('?kind=military');
		filter.typing('counter');
		expect([...filter.live!.events]).toEqual(['c']);
		expect([...filter.shownEvents!]).toEqual(['a', 'c']);
		go('?kind=military&q=counter');
		expect([...filter.live!.events]).toEqual(['c']);
		expect([...filter.shownEvents!]).toEqual(['c']);
		filter.typing('');
		expect([...filter.live!.events]).toEqual(['a', 'c']);
	});

	it('builds the URL for a new filter, keeping the selection', () => {
		const { filter } = setup('?select=event:a&kind=aid');
		expect(filter.urlWith({ kinds: ['military'], text: 'talks' }).search).toBe('?select=event%3Aa&kind=military&q=talks');
	});
});
