import { describe, expect, it } from 'vitest';
import { makeActor, makeEvent } from '../test-data/factories';
import { rankEventsByText } from './event-search';

const actors = new Map([['putin', makeActor('putin', { name: 'Vladimir Putin' })]]);
const ids = (text: string, events = EVENTS, limit?: number) => rankEventsByText(events, text, actors, limit).map((e) => e.id);

const EVENTS = [
	// First in document order and earliest, but "putin" only in its description.
	makeEvent('morale', { title: 'Incursion gives Ukraine a morale boost', start: '2024-08', description: 'Putin was embarrassed.' }),
	makeEvent('ceasefire', { title: 'Putin gives preliminary support to the ceasefire', start: '2025-03' }),
	makeEvent('visit', { title: 'Trump envoy meets Putin; Putin gives nothing', start: '2025-02' }),
	makeEvent('exact', { title: 'Putin gives', start: '2025-06' }),
	makeEvent('speech', { title: 'Speech in Kursk', start: '2024-09', actorIds: ['putin'] }),
	makeEvent('aug', { title: 'Unrelated', start: '2024-08-06' })
];

describe('ranking events by what is typed', () => {
	it('puts the exact title first, then titles starting with the text, then titles with the words, then the rest', () => {
		expect(ids('putin gives')).toEqual(['exact', 'ceasefire', 'visit', 'morale']);
	});

	it('ignores case and extra spaces', () => {
		expect(ids('  PUTIN   Gives ')).toEqual(['exact', 'ceasefire', 'visit', 'morale']);
	});

	it('ranks words starting title words above words inside them', () => {
		const events = [makeEvent('inside', { title: 'Reputinx', start: '2024-01' }), makeEvent('start', { title: 'Putin', start: '2025-01' })];
		expect(ids('puti', events)).toEqual(['start', 'inside']);
	});

	it('finds events by date and by their actors after those matched by title, earlier events first among equals', () => {
		expect(ids('2024-08')).toEqual(['morale', 'aug']);
		expect(ids('putin')).toEqual(['ceasefire', 'exact', 'visit', 'speech', 'morale']);
	});

	it('returns at most the limit, and nothing for empty text', () => {
		expect(ids('putin', EVENTS, 2)).toEqual(['ceasefire', 'exact']);
		expect(ids('   ')).toEqual([]);
		expect(ids('nowhere')).toEqual([]);
	});
});
