import { describe, expect, it } from 'vitest';
import {
	comparePartialDates,
	dayNumbers,
	firstDay,
	formatPartialDate,
	isCertainlyBefore,
	isPartialDate,
	lastDay,
	partialDate,
	precisionOf
} from './partial-date';

describe('partial dates', () => {
	it('accepts year, month and day precision', () => {
		expect(precisionOf('2024')).toBe('year');
		expect(precisionOf('2024-08')).toBe('month');
		expect(precisionOf('2024-08-06')).toBe('day');
	});

	it('refuses shapes and days that are not real', () => {
		for (const bad of ['24', '2024-8', '2024-08-6', '2024-13', '2024-00', '2023-02-29', '2024-04-31', '0000', '2024-08-06T00:00', ' 2024', 'August 2024', '']) {
			expect(isPartialDate(bad), bad).toBe(false);
		}
		expect(isPartialDate('2024-02-29')).toBe(true); // a leap year
		expect(isPartialDate('2000-02-29')).toBe(true);
		expect(isPartialDate('1900-02-29')).toBe(false);
	});

	it('knows the first and last day each covers', () => {
		expect([firstDay('2024'), lastDay('2024')]).toEqual(['2024-01-01', '2024-12-31']);
		expect([firstDay('2024-02'), lastDay('2024-02')]).toEqual(['2024-02-01', '2024-02-29']);
		expect([firstDay('2025-02'), lastDay('2025-02')]).toEqual(['2025-02-01', '2025-02-28']);
		expect([firstDay('2024-08-06'), lastDay('2024-08-06')]).toEqual(['2024-08-06', '2024-08-06']);
	});

	it('sorts across precisions by first day, coarser first on a tie', () => {
		const dates = ['2025-01-05', '2024-08', '2024', '2024-08-06', '2024-01', '2024-01-01', '2025'];
		expect([...dates].sort(comparePartialDates)).toEqual(['2024', '2024-01', '2024-01-01', '2024-08', '2024-08-06', '2025', '2025-01-05']);
	});

	it('says an end is before a start only when every day of it is', () => {
		expect(isCertainlyBefore('2024-08', '2024-08-15')).toBe(false);
		expect(isCertainlyBefore('2024', '2024-12-31')).toBe(false);
		expect(isCertainlyBefore('2024-07', '2024-08-01')).toBe(true);
		expect(isCertainlyBefore('2024-08-05', '2024-08-06')).toBe(true);
		expect(isCertainlyBefore('2023', '2024-01')).toBe(true);
	});

	it('formats at its own precision, with c. when approximate', () => {
		expect(formatPartialDate('2024-08-06')).toBe('6 Aug 2024');
		expect(formatPartialDate('2024-10', true)).toBe('c. Oct 2024');
		expect(formatPartialDate('2024')).toBe('2024');
	});

	it('has a zod schema with a readable message', () => {
		expect(partialDate.safeParse('2024-08').success).toBe(true);
		const bad = partialDate.safeParse('2024-02-30');
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0].message).toMatch(/not a date/);
	});
});

describe('dayNumbers', () => {
	it('gives the first and last day as firstDay and lastDay do, as numbers', () => {
		for (const date of ['2024', '2023-02', '2024-02', '1900-02', '2000-02', '0001-12', '2024-08-06', '9999-12-31']) {
			const asNumber = (day: string) => Number(day.replaceAll('-', ''));
			expect(dayNumbers(date)).toEqual([asNumber(firstDay(date)), asNumber(lastDay(date))]);
		}
	});
});
