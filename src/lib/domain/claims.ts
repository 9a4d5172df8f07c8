/**
 * Rival claims: what each source says about one property of one event, link or actor ("North
 * Korean troops deployed": 12,000 in one article, about 11,000 in another). Whether a question is
 * *contested* is derived from the claims, never stored: claims about the same entity and property
 * whose normalised values differ — quantities of one unit beyond the tolerance, partial dates that
 * do not overlap — or, when there is nothing to normalise, whose texts differ.
 */
import { firstDay, lastDay } from './partial-date';
import type { Claim } from './schema';

/** Two amounts of one unit closer than this (relative to the larger) are the same value. */
export const QUANTITY_TOLERANCE = 0.02;

/** The question a claim answers: its subject and property, as compared (case and spacing ignored). */
export function questionKey(claim: Pick<Claim, 'about' | 'property'>): string {
	return `${claim.about.collection}/${claim.about.id}/${normalise(claim.property)}`;
}

function normalise(text: string): string {
	return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

const normUnit = (unit: string) => normalise(unit).replace(/²/g, '2').replace(/\.$/, '');

/** Whether two claims about one question say different things (see the module comment). */
export function claimsDisagree(a: Pick<Claim, 'value' | 'quantity' | 'date'>, b: Pick<Claim, 'value' | 'quantity' | 'date'>): boolean {
	if (a.quantity && b.quantity && normUnit(a.quantity.unit) === normUnit(b.quantity.unit)) {
		const larger = Math.max(Math.abs(a.quantity.amount), Math.abs(b.quantity.amount));
		return larger > 0 && Math.abs(a.quantity.amount - b.quantity.amount) / larger > QUANTITY_TOLERANCE;
	}
	if (a.date && b.date) return lastDay(a.date) < firstDay(b.date) || lastDay(b.date) < firstDay(a.date);
	return normalise(a.value) !== normalise(b.value);
}

/** One question that the claims answer, with the claims that answer it. */
export interface Question {
	key: string;
	about: Claim['about'];
	/** The property as the first claim words it. */
	property: string;
	claims: Claim[];
	contested: boolean;
}

/** The claims grouped by question, in the order their first claim appears. */
export function questionsOf(claims: readonly Claim[]): Question[] {
	const byKey = new Map<string, Question>();
	for (const claim of claims) {
		const key = questionKey(claim);
		let question = byKey.get(key);
		if (!question) byKey.set(key, (question = { key, about: claim.about, property: claim.property, claims: [], contested: false }));
		question.claims.push(claim);
	}
	for (const question of byKey.values()) {
		const list = question.claims;
		question.contested = list.some((a, i) => list.some((b, j) => j > i && claimsDisagree(a, b)));
	}
	return [...byKey.values()];
}

/** The contested questions, for the Disagreements panel. */
export function contestedQuestions(claims: readonly Claim[]): Question[] {
	return questionsOf(claims).filter((q) => q.contested);
}

/** `collection/id` of every entity with a contested question, for marking it in every view. */
export function contestedSubjects(claims: readonly Claim[]): Set<string> {
	return new Set(contestedQuestions(claims).map((q) => `${q.about.collection}/${q.about.id}`));
}
