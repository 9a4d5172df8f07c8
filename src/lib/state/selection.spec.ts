import { describe, expect, it } from 'vitest';
import { formatSelection, parseSelection, withSelection } from './selection';

describe('selection in the URL', () => {
	it('reads what it writes', () => {
		const url = withSelection(new URL('http://x/?q=kursk'), { kind: 'event', id: 'first-incursion' });
		expect(url.search).toBe('?q=kursk&select=event%3Afirst-incursion');
		expect(parseSelection(url.searchParams.get('select'))).toEqual({ kind: 'event', id: 'first-incursion' });
		expect(formatSelection({ kind: 'actor', id: 'putin' })).toBe('actor:putin');
		expect(withSelection(url, null).search).toBe('?q=kursk');
	});

	it('ignores what is not a selection', () => {
		for (const bad of [null, '', 'event', 'event:', 'thing:a', 'event:../../etc', 'event:<img>', 'event:A']) {
			expect(parseSelection(bad)).toBeNull();
		}
	});
});
