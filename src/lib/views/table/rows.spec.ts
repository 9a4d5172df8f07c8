import { describe, expect, it } from 'vitest';
import { dateSortKey, matchesQuery, sortRows } from './rows';

describe('searching rows', () => {
	it('finds every word, in any case, in any of the texts', () => {
		expect(matchesQuery(['North Korean troops', 'armed-force', 'North Korea'], 'korea TROOPS')).toBe(true);
		expect(matchesQuery(['Russia', 'state', undefined], 'russia ukraine')).toBe(false);
		expect(matchesQuery(['anything'], '  ')).toBe(true);
	});
});

describe('sorting rows', () => {
	const rows = [
		{ name: 'b', n: 2, side: 'Russia' },
		{ name: 'a', n: 10, side: undefined },
		{ name: 'c', n: 2, side: 'Ukraine' },
		{ name: 'd', n: 1, side: '' }
	];
	const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
	const names = (sorted: typeof rows) => sorted.map((r) => r.name).join('');

	it('compares numbers as numbers, and breaks ties by the tie-break in both directions', () => {
		expect(names(sortRows(rows, (r) => r.n, true, byName))).toBe('dbca');
		expect(names(sortRows(rows, (r) => r.n, false, byName))).toBe('abcd');
	});

	it('puts rows without a value last, whichever the direction', () => {
		expect(names(sortRows(rows, (r) => r.side, true, byName))).toBe('bcad');
		expect(names(sortRows(rows, (r) => r.side, false, byName))).toBe('cbad');
	});

	it('orders partial dates by their first day, the vaguer first', () => {
		const dates = ['2024-08-06', '2024', '2024-08', '2023-12-31'];
		expect([...dates].sort((a, b) => (dateSortKey(a) < dateSortKey(b) ? -1 : 1))).toEqual(['2023-12-31', '2024', '2024-08', '2024-08-06']);
	});
});
