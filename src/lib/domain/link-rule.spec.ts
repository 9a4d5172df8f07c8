import { describe, expect, it } from 'vitest';
import { makeChain } from '../test-data/factories';
import { planChange } from './ops';
import { linkRefusal } from './link-rule';

describe('the link rule', () => {
	const doc = makeChain(); // a → b (causes), b → c (causes)

	it('allows a second link between the same two events with another relation', () => {
		expect(linkRefusal(doc.links, { from: 'a', to: 'b', relation: 'enables' })).toBeNull();
	});

	it('refuses a link that repeats cause, effect and relation, naming the one it repeats', () => {
		expect(linkRefusal(doc.links, { from: 'a', to: 'b', relation: 'causes' })).toEqual({ reason: 'duplicate', twin: doc.links[0] });
	});

	it('refuses a link from an event to itself', () => {
		expect(linkRefusal(doc.links, { from: 'a', to: 'a', relation: 'causes' })).toEqual({ reason: 'self' });
	});

	it('does not count a link as its own twin (moving or re-saving a link)', () => {
		expect(linkRefusal(doc.links, { ...doc.links[0] })).toBeNull();
		expect(linkRefusal(doc.links, { id: 'bc', from: 'a', to: 'b', relation: 'causes' })?.reason).toBe('duplicate');
	});

	it('is what the server planner decides by', () => {
		const now = '2026-01-02T00:00:00.000Z';
		const twice = (relation: 'causes' | 'enables') => () => planChange(doc, [{ op: 'create', collection: 'links', value: { from: 'a', to: 'b', relation } }], { now });
		expect(twice('enables')).not.toThrow();
		expect(twice('causes')).toThrow(/duplicates link "ab"/);
		const many = Array.from({ length: 10 }, (_, i) => ({ op: 'create' as const, collection: 'links' as const, value: { from: 'a', to: 'c', relation: i ? ('enables' as const) : ('causes' as const) } }));
		expect(() => planChange(doc, many, { now })).toThrow(/duplicates link/);
	});
});
