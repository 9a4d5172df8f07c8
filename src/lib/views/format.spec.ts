import { describe, expect, it } from 'vitest';
import { makeActor, makeEvent } from '$lib/test-data/factories';
import { formatSpan, matchesText } from './format';

describe('formatSpan', () => {
	it('shows each end at its own precision, with c. when approximate', () => {
		expect(formatSpan({ start: '2024-08-06', approximate: false })).toBe('6 Aug 2024');
		expect(formatSpan({ start: '2024-10', approximate: true })).toBe('c. Oct 2024');
		expect(formatSpan({ start: '2024-08', end: '2025-03', approximate: false })).toBe('Aug 2024 – Mar 2025');
	});
});

describe('matchesText', () => {
	const actors = new Map([['kpa', makeActor('kpa', { name: 'Korean People’s Army' })]]);
	const event = makeEvent('e', { title: 'Capture of Sudzha', description: 'Largest town taken', tags: ['disputed'], actorIds: ['kpa'] });
	it('matches every word anywhere, ignoring case', () => {
		expect(matchesText(event, '', actors)).toBe(true);
		expect(matchesText(event, 'sudzha TOWN', actors)).toBe(true);
		expect(matchesText(event, 'korean', actors)).toBe(true);
		expect(matchesText(event, 'disputed', actors)).toBe(true);
		expect(matchesText(event, 'sudzha jeddah', actors)).toBe(false);
	});
});
