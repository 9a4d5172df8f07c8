import { describe, expect, it } from 'vitest';
import { makeSource } from '$lib/test-data/factories';
import { counted, firstReportedText, formatLag, formatSpan, isolate, quotedParts } from './format';

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

describe('first reported', () => {
	it('says when and how long after the event began', () => {
		const sources = new Map([
			['late', makeSource('late', { publishedAt: '2025-01' })],
			['later', makeSource('later', { publishedAt: '2025-03-15' })],
			['undated', makeSource('undated')]
		]);
		const cite = (...ids: string[]) => ids.map((sourceId) => ({ sourceId }));
		expect(firstReportedText({ start: '2024-08-06', sources: cite('later', 'late') }, sources)).toBe('first reported Jan 2025 — 5 months later');
		expect(firstReportedText({ start: '2025-03-15', sources: cite('later') }, sources)).toBe('first reported 15 Mar 2025 — the same day');
		expect(firstReportedText({ start: '2025-03-15', sources: cite('undated') }, sources)).toBeNull();
		expect(formatLag({ amount: 1, unit: 'year' })).toBe('1 year later');
		expect(formatLag({ amount: -2, unit: 'month' })).toBe('2 months before');
	});
});

describe('counted', () => {
	it('says one thing in the singular, any other number in the plural, with thousands marked', () => {
		expect(counted(1, 'event')).toBe('1 event');
		expect(counted(0, 'event')).toBe('0 events');
		expect(counted(12_500, 'link')).toBe('12,500 links');
	});
});
