import { describe, expect, it } from 'vitest';
import { confidenceOf, kindOf, looseDate, relationOf } from './loose-values';

describe('looseDate: a date as people write it, at the precision it has', () => {
	it('keeps a year a year, a month a month, a day a day', () => {
		const cases: [string | number, string][] = [
			['2024', '2024'],
			[2024, '2024'],
			['2024-3', '2024-03'],
			['2024-03-05', '2024-03-05'],
			['March 2024', '2024-03'],
			['Sept. 2024', '2024-09'],
			['5 March 2024', '2024-03-05'],
			['March 5, 2024', '2024-03-05'],
			['2024/03/05', '2024-03-05'],
			['03/2024', '2024-03'],
			['5.3.2024', '2024-03-05'],
			['25/12/2024', '2024-12-25']
		];
		for (const [text, date] of cases) expect(looseDate(text)?.date, String(text)).toBe(date);
	});

	it('says what it guessed: a time of day left out, which of day and month came first', () => {
		expect(looseDate('2024-03-05T10:00:00Z')).toEqual({ date: '2024-03-05', approximate: false, note: 'time of day left out' });
		expect(looseDate('03/05/2024')).toEqual({ date: '2024-03-05', approximate: false, note: 'read as month/day/year' });
		expect(looseDate('03/05/2024', { dayFirst: true })).toEqual({ date: '2024-05-03', approximate: false, note: 'read as day/month/year' });
	});

	it('reads "circa" as approximate and refuses what is no date', () => {
		expect(looseDate('c. 2024')).toEqual({ date: '2024', approximate: true });
		expect(looseDate('circa March 2024')).toEqual({ date: '2024-03', approximate: true });
		for (const text of ['sometime', '2024-02-30', '13/13/2024', 'Smarch 2024', '', 2024.5]) expect(looseDate(text), String(text)).toBeNull();
	});
});

describe('kinds, relations and confidences from words', () => {
	it('knows Causeway’s own words in any case, and common variants of relations', () => {
		expect(kindOf('Military')).toBe('military');
		expect(kindOf('meeting')).toBeNull();
		expect(relationOf('Triggered')).toBe('triggers');
		expect(relationOf('responds to')).toBe('responds-to');
		expect(relationOf('leads to')).toBe('causes');
		expect(relationOf('influences')).toBeNull();
	});

	it('reads confidence as a word or a number from 0 to 1', () => {
		expect(confidenceOf('HIGH')).toBe('high');
		expect(confidenceOf(0.9)).toBe('high');
		expect(confidenceOf('0.5')).toBe('medium');
		expect(confidenceOf(0.1)).toBe('low');
		expect(confidenceOf('very')).toBeNull();
		expect(confidenceOf(7)).toBeNull();
	});
});
