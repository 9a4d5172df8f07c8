import { describe, expect, it } from 'vitest';
import { makeActor, makeChain, makeDocument, makeEvent, makeLink, makeSource } from '$lib/test-data/factories';
import { deletionOf } from './commands.svelte';

const name = (s: { id: string }) => s.id;

describe('deletionOf: what Delete would take along, from the planner’s own cascade', () => {
	it('an event: its links, counted', () => {
		const doc = makeChain(); // a → b → c
		expect(deletionOf(doc, { kind: 'event', id: 'b' }, name)).toMatchObject({ collection: 'events', id: 'b', revision: 1, along: 'its 2 links to other events' });
		expect(deletionOf(doc, { kind: 'event', id: 'a' }, name)!.along).toBe('its 1 link to other events');
	});

	it('a link, or an event without links: nothing along (no question asked)', () => {
		const doc = makeDocument({ events: [makeEvent('a'), makeEvent('b'), makeEvent('lonely')], links: [makeLink('ab', 'a', 'b')] });
		expect(deletionOf(doc, { kind: 'link', id: 'ab' }, name)!.along).toBe('');
		expect(deletionOf(doc, { kind: 'event', id: 'lonely' }, name)!.along).toBe('');
	});

	it('an actor: its place on events; a source: its citations on events and links', () => {
		const cite = [{ sourceId: 's' }];
		const doc = makeDocument({
			actors: [makeActor('x')],
			sources: [makeSource('s')],
			events: [makeEvent('a', { actorIds: ['x'], sources: cite }), makeEvent('b', { actorIds: ['x'] }), makeEvent('c', { sources: cite })],
			links: [makeLink('ab', 'a', 'b', { sources: cite })]
		});
		expect(deletionOf(doc, { kind: 'actor', id: 'x' }, name)!.along).toBe('its place on 2 events');
		expect(deletionOf(doc, { kind: 'source', id: 's' }, name)!.along).toBe('its citations on 2 events and 1 link');
	});

	it('nothing to delete: null', () => {
		expect(deletionOf(makeChain(), { kind: 'event', id: 'gone' }, name)).toBeNull();
	});
});
