import { describe, expect, it } from 'vitest';
import { historyValue, SHORT_VALUE, whenLabel } from './history-format';

describe('historyValue', () => {
	it('shortens a long value, keeping the whole for the tooltip', () => {
		const long = 'word '.repeat(40).trim();
		const shown = historyValue(long);
		expect(shown.short).toHaveLength(SHORT_VALUE);
		expect(shown.short.endsWith('…')).toBe(true);
		expect(shown.full).toBe(long);
	});

	it('says empty for a value that was not set or was cleared, and reads lists and flags', () => {
		expect(historyValue(undefined)).toEqual({ short: 'empty', full: 'empty', empty: true });
		expect(historyValue([])).toMatchObject({ empty: true });
		expect(historyValue(['putin', 'zelensky']).short).toBe('putin, zelensky');
		expect(historyValue(true).short).toBe('yes');
	});
});

describe('whenLabel', () => {
	it('gives the time for today and the date for other days', () => {
		const now = new Date('2026-11-25T15:00:00');
		expect(whenLabel(new Date('2026-11-25T09:07:00').toISOString(), now)).toBe('today 09:07');
		expect(whenLabel(new Date('2026-11-03T14:05:00').toISOString(), now)).toBe('3 Nov 2026, 14:05');
	});
});
