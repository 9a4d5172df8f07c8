import { describe, expect, it } from 'vitest';
import { claimFromForm, parseAmount, type ClaimFormFields } from './claim-form';

const form = (fields: Partial<ClaimFormFields> = {}): ClaimFormFields => ({
	about: { collection: 'events', id: 'nk-troops' },
	property: 'North Korean troops deployed',
	value: 'about 11,000',
	normalised: 'none',
	amount: '',
	unit: '',
	date: '',
	sourceId: 'src-1',
	quote: '',
	...fields
});

describe('the claim form', () => {
	it('reads amounts as people write them', () => {
		expect(parseAmount('12,000')).toBe(12_000);
		expect(parseAmount(' 1 376.5 ')).toBe(1376.5);
		expect(parseAmount('about 12,000')).toBeNull();
		expect(parseAmount('')).toBeNull();
	});

	it('makes a claim with its source and quote, and its normalised value when given', () => {
		const made = claimFromForm(form({ normalised: 'quantity', amount: '11,000', unit: ' troops ', quote: ' “about 11,000” ' }));
		expect(made).toEqual({
			ok: true,
			value: {
				about: { collection: 'events', id: 'nk-troops' },
				property: 'North Korean troops deployed',
				value: 'about 11,000',
				quantity: { amount: 11_000, unit: 'troops' },
				sources: [{ sourceId: 'src-1', quote: '“about 11,000”' }],
				note: ''
			}
		});
		const dated = claimFromForm(form({ property: 'start', value: 'summer of 2023', normalised: 'date', date: '2023-07', amount: '5' }));
		expect(dated.ok && dated.value.date).toBe('2023-07');
		expect(dated.ok && dated.value.quantity).toBeUndefined();
	});

	it('says what to fix, in words, rather than saving a half claim', () => {
		expect(claimFromForm(form({ property: ' ' }))).toEqual({ ok: false, error: 'Say what the claim is about (the property).' });
		expect(claimFromForm(form({ sourceId: '' }))).toMatchObject({ ok: false, error: 'Choose the source that states this value.' });
		expect(claimFromForm(form({ normalised: 'quantity', amount: 'many', unit: 'troops' }))).toMatchObject({ ok: false, error: 'The amount is not a number.' });
		expect(claimFromForm(form({ normalised: 'date', date: '2023-13' }))).toMatchObject({ ok: false, error: expect.stringMatching(/^Date: /) });
	});
});
