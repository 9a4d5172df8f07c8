/**
 * The "add a value" form of the inspector's claims, kept apart from the component so it can be
 * tested: what the user typed becomes a claim input checked by the shared schema, or the first
 * thing to fix, in words.
 */
import { claimInput, type Claim } from '$lib/domain/schema';
import type { z } from 'zod';

export type Normalised = 'none' | 'quantity' | 'date';

export interface ClaimFormFields {
	about: Claim['about'];
	property: string;
	value: string;
	normalised: Normalised;
	/** As typed: "12,000", "1 376.5". */
	amount: string;
	unit: string;
	date: string;
	sourceId: string;
	quote: string;
}

export type ClaimFormResult = { ok: true; value: z.output<typeof claimInput> } | { ok: false; error: string };

const FIELD_NAMES: Record<string, string> = { property: 'Property', value: 'Value', quantity: 'Amount', date: 'Date', sources: 'Quote' };

/** An amount as people write it: thousands separated by commas, spaces or thin spaces. */
export function parseAmount(text: string): number | null {
	const flat = text.trim().replace(/[,\s\u202f\u2009]/g, '');
	if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(flat)) return null;
	return Number(flat);
}

/** The claim the form describes, or what is wrong with it. */
export function claimFromForm(fields: ClaimFormFields): ClaimFormResult {
	if (!fields.property.trim()) return { ok: false, error: 'Say what the claim is about (the property).' };
	if (!fields.value.trim()) return { ok: false, error: 'Give the value as the source states it.' };
	if (!fields.sourceId) return { ok: false, error: 'Choose the source that states this value.' };
	const input: Record<string, unknown> = {
		about: fields.about,
		property: fields.property.trim(),
		value: fields.value.trim(),
		sources: [{ sourceId: fields.sourceId, ...(fields.quote.trim() && { quote: fields.quote.trim() }) }]
	};
	if (fields.normalised === 'quantity') {
		const amount = parseAmount(fields.amount);
		if (amount === null) return { ok: false, error: 'The amount is not a number.' };
		if (!fields.unit.trim()) return { ok: false, error: 'Give the amount’s unit (“troops”, “km²”).' };
		input.quantity = { amount, unit: fields.unit.trim() };
	}
	if (fields.normalised === 'date') input.date = fields.date.trim();
	const checked = claimInput.safeParse(input);
	if (checked.success) return { ok: true, value: checked.data };
	const issue = checked.error.issues[0];
	const field = FIELD_NAMES[String(issue.path[0])] ?? String(issue.path[0]);
	return { ok: false, error: `${field}: ${issue.message}.` };
}
