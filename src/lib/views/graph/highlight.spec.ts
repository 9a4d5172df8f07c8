import { describe, expect, it } from 'vitest';
import { makeChain } from '$lib/test-data/factories';
import { highlightFor } from './highlight';

const doc = makeChain(); // a → b → c

describe('the highlight', () => {
	it('marks the selected event with its direct causes and effects, fading nothing', () => {
		const h = highlightFor({ doc, selection: { kind: 'event', id: 'b' }, chain: null, paths: null, ends: null });
		expect(Object.fromEntries(h.classes)).toEqual({ 'e:a': 'cause', 'l:ab': 'near', 'e:c': 'effect', 'l:bc': 'near', 'e:b': 'chosen' });
		expect(h.fade).toBe(false);
	});

	it('lights a whole chain and fades the rest', () => {
		const h = highlightFor({ doc, selection: { kind: 'event', id: 'c' }, chain: { of: 'c', depths: new Map([['b', 1], ['a', 2]]) }, paths: null, ends: null });
		expect(h.fade).toBe(true);
		expect([...h.classes.keys()].sort()).toEqual(['e:a', 'e:b', 'e:c', 'l:ab', 'l:bc']);
		expect(h.classes.get('e:c')).toBe('chosen');
	});

	it('lights the paths from A to B before anything else', () => {
		const h = highlightFor({
			doc,
			selection: null,
			chain: null,
			paths: { paths: [{ events: ['a', 'b'], links: ['ab'] }], truncated: false },
			ends: null
		});
		expect(Object.fromEntries(h.classes)).toEqual({ 'e:a': 'lit', 'e:b': 'lit', 'l:ab': 'lit' });
		expect(h.fade).toBe(true);
	});

	it('marks the selected link and its two events', () => {
		const h = highlightFor({ doc, selection: { kind: 'link', id: 'bc' }, chain: null, paths: null, ends: null });
		expect(Object.fromEntries(h.classes)).toEqual({ 'e:b': 'cause', 'e:c': 'effect', 'l:bc': 'chosen' });
	});

	it('lights the events of the selected actor, and the links among them, fading the rest', () => {
		const h = highlightFor({ doc, selection: { kind: 'actor', id: 'ukraine' }, chain: null, paths: null, ends: null });
		expect(Object.fromEntries(h.classes)).toEqual({ 'e:a': 'lit', 'm:a:ukraine': 'lit', 'e:b': 'lit', 'm:b:ukraine': 'lit', 'l:ab': 'lit', 'a:ukraine': 'chosen' });
		expect(h.fade).toBe(true);
	});
});
