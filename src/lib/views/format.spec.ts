import { describe, expect, it } from 'vitest';
import { formatSpan, isolate, quotedParts } from './format';

describe('formatSpan', () => {
	it('shows each end at its own precision, with c. when approximate', () => {
		expect(formatSpan({ start: '2024-08-06', approximate: false })).toBe('6 Aug 2024');
		expect(formatSpan({ start: '2024-10', approximate: true })).toBe('c. Oct 2024');
		expect(formatSpan({ start: '2024-08', end: '2025-03', approximate: false })).toBe('Aug 2024 – Mar 2025');
	});
});

describe('isolating user text', () => {
	it('wraps text in FSI … PDI', () => {
		expect(isolate('x\u202Etxt.exe')).toBe('\u2068x\u202Etxt.exe\u2069');
	});

	it('finds the quoted titles in a message', () => {
		expect(quotedParts('Moved “A\u202Eb” to 6 Aug 2024.')).toEqual([
			{ text: 'Moved ', quoted: false },
			{ text: 'A\u202Eb', quoted: true },
			{ text: ' to 6 Aug 2024.', quoted: false }
		]);
		expect(quotedParts('“A” causes “B”')).toEqual([
			{ text: 'A', quoted: true },
			{ text: ' causes ', quoted: false },
			{ text: 'B', quoted: true }
		]);
		expect(quotedParts('No quotes here.')).toEqual([{ text: 'No quotes here.', quoted: false }]);
	});
});
