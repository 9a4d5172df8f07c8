import { describe, expect, it } from 'vitest';
import { chosenMapping, formatMapping, guessMapping, parseMapping } from './mapping';
import { TIMELINE_COLUMNS } from './timelinejs-read';

const table = (columns: string[], linkColumns: string[] = []) => ({ columns, linkColumns });

describe('guessMapping', () => {
	it('guesses by name, in English, whatever the case, spaces or underscores', () => {
		const m = guessMapping(table(['Event Name', 'START_DATE', 'End date', 'Category', 'Participants', 'Details'], ['From', 'To', 'Relationship', 'Certainty']));
		expect(m).toMatchObject({ title: 'Event Name', start: 'START_DATE', end: 'End date', kind: 'Category', actors: 'Participants', description: 'Details' });
		expect(m).toMatchObject({ source: 'From', target: 'To', relation: 'Relationship', confidence: 'Certainty' });
	});

	it('maps TimelineJS’s template: year, month and day columns, headline, text and group', () => {
		const m = guessMapping(table(TIMELINE_COLUMNS));
		expect(m).toMatchObject({ start: 'Year', startMonth: 'Month', startDay: 'Day', end: 'End Year', endMonth: 'End Month', endDay: 'End Day', title: 'Headline', description: 'Text', kind: 'Group' });
	});

	it('uses each column once', () => {
		const m = guessMapping(table(['name', 'date']));
		expect(m).toMatchObject({ title: 'name', start: 'date', end: null, location: null });
	});
});

describe('the mapping as text', () => {
	it('reads target=column lists and JSON, an empty column meaning "not mapped", and writes it back', () => {
		expect(parseMapping('title=Headline, start=Year,kind=')).toEqual({ title: 'Headline', start: 'Year', kind: null });
		expect(parseMapping('{"title": "Event, with comma", "kind": null}')).toEqual({ title: 'Event, with comma', kind: null });
		expect(formatMapping({ title: 'Headline', start: 'Year', kind: null })).toBe('title=Headline,start=Year');
	});

	it('refuses unknown targets, targets given twice, and columns the file does not have', () => {
		expect(() => parseMapping('colour=Type')).toThrow(/^map: unknown target "colour"/);
		expect(() => parseMapping('title=A,title=B')).toThrow(/given more than once/);
		expect(() => parseMapping('title')).toThrow(/write target=column/);
		expect(() => chosenMapping({ format: 'spreadsheet', rows: [], links: [], columns: ['Event'], linkColumns: [] }, { title: 'Headline' })).toThrow(/title=Headline: the file has no such column \(it has "Event"\)/);
	});
});
