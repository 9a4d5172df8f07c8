import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimsDisagree, contestedQuestions, contestedSubjects, QUANTITY_TOLERANCE, questionsOf } from './claims';
import type { Claim } from './schema';

let n = 0;
function claim(fields: Partial<Claim> & { value: string }): Claim {
	return {
		id: `c${++n}`,
		revision: 1,
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		about: { collection: 'events', id: 'nk-troops' },
		property: 'North Korean troops deployed',
		sources: [],
		note: '',
		...fields
	};
}

describe('claimsDisagree', () => {
	it('compares quantities of one unit within the tolerance', () => {
		const troops = (amount: number, unit = 'soldiers') => ({ value: String(amount), quantity: { amount, unit } });
		expect(claimsDisagree(troops(12_000), troops(11_000))).toBe(true);
		expect(claimsDisagree(troops(12_000), troops(12_100))).toBe(false);
		// Units compared loosely; different units fall back to the text.
		expect(claimsDisagree({ value: '1,250 km²', quantity: { amount: 1250, unit: 'km²' } }, { value: 'about 1,250 sq km', quantity: { amount: 1250, unit: 'KM2' } })).toBe(false);
		expect(claimsDisagree({ value: 'nearly 500 sq mi', quantity: { amount: 500, unit: 'sq mi' } }, { value: '1,300 km²', quantity: { amount: 1300, unit: 'km²' } })).toBe(true);
	});

	it('compares partial dates as the periods they name', () => {
		expect(claimsDisagree({ value: 'summer of 2023', date: '2023' }, { value: 'August 6, 2024', date: '2024-08-06' })).toBe(true);
		expect(claimsDisagree({ value: 'last August', date: '2024-08' }, { value: 'August 6', date: '2024-08-06' })).toBe(false);
	});

	it('compares texts when there is nothing to normalise, ignoring case and spacing', () => {
		expect(claimsDisagree({ value: 'Heavy  losses' }, { value: 'heavy losses' })).toBe(false);
		expect(claimsDisagree({ value: 'heavy losses' }, { value: 'light losses' })).toBe(true);
	});

	it('is symmetric, and a value never disagrees with itself (property)', () => {
		const value = fc.record({ value: fc.string({ minLength: 1 }), amount: fc.double({ min: -1e9, max: 1e9, noNaN: true }), unit: fc.constantFrom('km²', 'soldiers') });
		fc.assert(
			fc.property(value, value, (a, b) => {
				const x = { value: a.value, quantity: { amount: a.amount, unit: a.unit } };
				const y = { value: b.value, quantity: { amount: b.amount, unit: b.unit } };
				expect(claimsDisagree(x, y)).toBe(claimsDisagree(y, x));
				expect(claimsDisagree(x, x)).toBe(false);
			})
		);
		expect(QUANTITY_TOLERANCE).toBeGreaterThan(0);
	});
});

describe('questions', () => {
	it('groups claims by subject and property (as the user words it) and derives "contested"', () => {
		const claims = [
			claim({ value: '12,000', quantity: { amount: 12_000, unit: 'soldiers' } }),
			claim({ property: 'north korean troops  deployed', value: 'about 11,000', quantity: { amount: 11_000, unit: 'soldiers' } }),
			claim({ property: 'start', value: 'August 6, 2024', date: '2024-08-06' }),
			claim({ property: 'start', value: 'August 2024', date: '2024-08' }),
			claim({ about: { collection: 'links', id: 'l1' }, property: 'start', value: 'x' })
		];
		const questions = questionsOf(claims);
		expect(questions.map((q) => [q.property, q.claims.length, q.contested])).toEqual([
			['North Korean troops deployed', 2, true],
			['start', 2, false],
			['start', 1, false]
		]);
		expect(contestedQuestions(claims)).toHaveLength(1);
		expect([...contestedSubjects(claims)]).toEqual(['events/nk-troops']);
	});
});
