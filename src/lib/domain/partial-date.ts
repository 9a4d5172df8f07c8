/**
 * Partial dates: "2024", "2024-08" or "2024-08-06". The precision is part of the data — an event
 * known only to the month is never shown or sorted as if it had a day.
 */
import { z } from './zod';

export type Precision = 'year' | 'month' | 'day';

/** A validated partial date string. */
export type PartialDate = string;

const SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface PartialDateParts {
	year: number;
	month?: number;
	day?: number;
	precision: Precision;
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Splits a partial date into its parts, or returns null when it is not a real calendar date. */
export function parsePartialDate(value: string): PartialDateParts | null {
	const m = SHAPE.exec(value);
	if (!m) return null;
	const year = Number(m[1]);
	if (year < 1) return null;
	if (m[2] === undefined) return { year, precision: 'year' };
	const month = Number(m[2]);
	if (month < 1 || month > 12) return null;
	if (m[3] === undefined) return { year, month, precision: 'month' };
	const day = Number(m[3]);
	if (day < 1 || day > daysInMonth(year, month)) return null;
	return { year, month, day, precision: 'day' };
}

/** True when `value` is a partial date naming a real calendar year, month or day. */
export function isPartialDate(value: string): boolean {
	return parsePartialDate(value) !== null;
}

/**
 * What is known of each date string seen: the views ask firstDay, lastDay and precisionOf of every
 * event's dates after every edit, and 50,000 events share far fewer dates. Emptied when it grows
 * past MOST_KNOWN, so a long session cannot grow it without end.
 */
interface Known {
	parts: PartialDateParts;
	first?: string;
	last?: string;
}

const known = new Map<string, Known>();
const MOST_KNOWN = 100_000;

function knownOf(value: PartialDate): Known {
	let k = known.get(value);
	if (!k) {
		const p = parsePartialDate(value);
		if (!p) throw new RangeError(`not a partial date: ${JSON.stringify(value)}`);
		if (known.size >= MOST_KNOWN) known.clear();
		known.set(value, (k = { parts: Object.freeze(p) }));
	}
	return k;
}

function parts(value: PartialDate): PartialDateParts {
	return knownOf(value).parts;
}

/** The precision a partial date carries. */
export function precisionOf(value: PartialDate): Precision {
	return parts(value).precision;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The first day the partial date covers, as "YYYY-MM-DD". */
export function firstDay(value: PartialDate): string {
	const k = knownOf(value);
	const p = k.parts;
	return (k.first ??= `${pad(p.year, 4)}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`);
}

/** The last day the partial date covers, as "YYYY-MM-DD". */
export function lastDay(value: PartialDate): string {
	const k = knownOf(value);
	const p = k.parts;
	const month = p.month ?? 12;
	return (k.last ??= `${pad(p.year, 4)}-${pad(month)}-${pad(p.day ?? daysInMonth(p.year, month))}`);
}

/**
 * The first and last day a partial date covers as numbers (YYYYMMDD), which order as firstDay and
 * lastDay do: for comparing many dates without building strings.
 */
export function dayNumbers(value: PartialDate): [number, number] {
	const p = parts(value);
	const base = p.year * 10_000;
	if (p.day !== undefined) return [base + p.month! * 100 + p.day, base + p.month! * 100 + p.day];
	if (p.month !== undefined) return [base + p.month * 100 + 1, base + p.month * 100 + daysInMonth(p.year, p.month)];
	return [base + 101, base + 1231];
}

const RANK: Record<Precision, number> = { year: 0, month: 1, day: 2 };

/**
 * Orders partial dates by the first day they cover; at the same first day the coarser one comes
 * first ("2024" < "2024-01" < "2024-01-01"), so a sort is total and stable across precisions.
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
	const byDay = firstDay(a).localeCompare(firstDay(b));
	if (byDay !== 0) return byDay;
	return RANK[precisionOf(a)] - RANK[precisionOf(b)];
}

/**
 * True when `later` is certainly before `earlier`: every day it covers precedes every day
 * `earlier` covers. "2024-08" is not before "2024-08-15" (August contains the 15th).
 */
export function isCertainlyBefore(later: PartialDate, earlier: PartialDate): boolean {
	return lastDay(later) < firstDay(earlier);
}

/** A partial date for people: "6 Aug 2024", "Aug 2024", "2024", with "c. " when approximate. */
export function formatPartialDate(value: PartialDate, approximate = false): string {
	const p = parsePartialDate(value);
	if (!p) return value;
	const text =
		p.precision === 'year'
			? String(p.year)
			: p.precision === 'month'
				? `${MONTHS[p.month! - 1]} ${p.year}`
				: `${p.day} ${MONTHS[p.month! - 1]} ${p.year}`;
	return approximate ? `c. ${text}` : text;
}

/** The zod schema of a partial date, shared by client and server. */
export const partialDate = z
	.string()
	.refine(isPartialDate, {
		message: 'not a date: use YYYY, YYYY-MM or YYYY-MM-DD, naming a real calendar day'
	});
