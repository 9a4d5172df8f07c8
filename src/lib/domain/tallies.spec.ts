import { describe, expect, it } from 'vitest';
import { makeActor, makeChain, makeDocument, makeEvent, makeLink, makeSource } from '../test-data/factories';
import { citationCountsBySource, eventCountsByActor, eventsOfActor } from './tallies';

describe('events per actor', () => {
	it('counts the events each actor takes part in, with 0 for an actor in none', () => {
		const doc = makeDocument({
			actors: [makeActor('ukraine'), makeActor('russia'), makeActor('idle')],
			events: [
				makeEvent('a', { actorIds: ['ukraine', 'russia'] }),
				makeEvent('b', { actorIds: ['ukraine'] }),
				makeEvent('c', { actorIds: ['ukraine', 'ukraine'] }), // named twice: still one event
				makeEvent('d', { actorIds: ['gone'] }) // an actor not in the document is not counted
			]
		});
		expect(Object.fromEntries(eventCountsByActor(doc))).toEqual({ ukraine: 3, russia: 1, idle: 0 });
		expect(eventsOfActor(doc, 'russia').map((e) => e.id)).toEqual(['a']);
		expect(eventsOfActor(doc, 'idle')).toEqual([]);
	});
});

describe('citations per source', () => {
	it('counts citations on events and links alike', () => {
		expect(Object.fromEntries(citationCountsBySource(makeChain()))).toEqual({ 'src-1': 2 });
	});

	it('counts each citation, and 0 for a source nobody cites', () => {
		const doc = makeDocument({
			sources: [makeSource('s1'), makeSource('s2'), makeSource('unused')],
			events: [
				makeEvent('a', { sources: [{ sourceId: 's1', quote: 'one' }, { sourceId: 's1', quote: 'two' }, { sourceId: 's2' }] }),
				makeEvent('b', { sources: [{ sourceId: 'missing' }] })
			],
			links: [makeLink('ab', 'a', 'b', { sources: [{ sourceId: 's2' }] })]
		});
		expect(Object.fromEntries(citationCountsBySource(doc))).toEqual({ s1: 2, s2: 2, unused: 0 });
	});
});
