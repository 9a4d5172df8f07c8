import { describe, expect, it } from 'vitest';
import { formatSpan } from './format';

describe('formatSpan', () => {
	it('shows each end at its own precision, with c. when approximate', () => {
		expect(formatSpan({ start: '2024-08-06', approximate: false })).toBe('6 Aug 2024');
		expect(formatSpan({ start: '2024-10', approximate: true })).toBe('c. Oct 2024');
		expect(formatSpan({ start: '2024-08', end: '2025-03', approximate: false })).toBe('Aug 2024 – Mar 2025');
	});
});
