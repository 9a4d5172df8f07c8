/**
 * Values from other tools turned into Causeway's: free-text dates into partial dates at the
 * precision they have ("2024" stays a year, "March 2024" a month), and words into the kinds,
 * relations and confidences Causeway knows. Each answer says what was done, so that the import
 * can show it.
 */
import { isPartialDate } from '../partial-date';
import { CONFIDENCES, EVENT_KINDS, RELATIONS, type Confidence, type EventKind, type Relation } from '../schema';

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1–12 for a month's number or English name (full or at least three letters), else undefined. */
export function monthOf(text: string): number | undefined {
	const t = text.trim().toLowerCase().replace(/\.$/, '');
	if (/^\d{1,2}$/.test(t)) {
		const n = Number(t);
		return n >= 1 && n <= 12 ? n : undefined;
	}
	if (t.length < 3) return undefined;
	const i = MONTH_NAMES.findIndex((m) => m.startsWith(t) || (t === 'sept' && m === 'september'));
	return i < 0 ? undefined : i + 1;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The partial date of year, month and day parts, or null when they name no real date. */
export function dateOfParts(year: number, month?: number, day?: number): string | null {
	if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
	const value = month === undefined ? pad(year, 4) : day === undefined ? `${pad(year, 4)}-${pad(month)}` : `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
	return isPartialDate(value) ? value : null;
}

export interface LooseDate {
	date: string;
	/** "circa", "c.", "about", "~" in front. */
	approximate: boolean;
	/** Said when the reading is a guess (a time of day dropped, day and month in doubt). */
	note?: string;
}

const APPROX = /^(?:c\.|ca\.|circa|about|around|approx\.?|approximately|~)\s*/i;

/**
 * A date as people and tools write it, at the precision it has: 2024, "2024-03", "2024-03-05",
 * "2024-03-05T10:00:00Z", "March 2024", "5 March 2024", "March 5, 2024", "2024/03/05", "03/2024",
 * "5.3.2024", "3/5/2024" (month first, as spreadsheets in English write it, unless the first number
 * is over 12 or `dayFirst`: files with ";" between fields come from locales that write the day
 * first). Null when it is no date.
 */
export function looseDate(value: string | number, { dayFirst = false } = {}): LooseDate | null {
	if (typeof value === 'number') {
		const date = Number.isInteger(value) ? dateOfParts(value) : null;
		return date ? { date, approximate: false } : null;
	}
	let text = value.trim();
	const approximate = APPROX.test(text);
	text = text.replace(APPROX, '').trim();
	const done = (date: string | null, note?: string): LooseDate | null => (date ? { date, approximate, ...(note && { note }) } : null);
	let m: RegExpExecArray | null;
	if ((m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text))) return done(dateOfParts(+m[1], m[2] ? +m[2] : undefined, m[3] ? +m[3] : undefined));
	if ((m = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{1,2}:\d{2}/.exec(text))) return done(dateOfParts(+m[1], +m[2], +m[3]), 'time of day left out');
	if ((m = /^(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?$/.exec(text))) return done(dateOfParts(+m[1], +m[2], m[3] ? +m[3] : undefined));
	if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(text))) return done(dateOfParts(+m[2], +m[1]));
	if ((m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(text))) {
		const [a, b, year] = [+m[1], +m[3], +m[4]];
		// Dots are written day first (5.3.2024); slashes month first unless that cannot be.
		const dayMonth = (m[2] === '.' || a > 12 || dayFirst) && b <= 12;
		const date = dayMonth ? dateOfParts(year, b, a) : dateOfParts(year, a, b);
		const doubt = a <= 12 && b <= 12 && a !== b && m[2] !== '.';
		return done(date, doubt ? `read as ${dayMonth ? 'day/month/year' : 'month/day/year'}` : undefined);
	}
	if ((m = /^([a-z]+\.?),?\s+(\d{4})$/i.exec(text))) {
		const month = monthOf(m[1]);
		return month ? done(dateOfParts(+m[2], month)) : null;
	}
	if ((m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+\.?),?\s+(\d{4})$/i.exec(text))) {
		const month = monthOf(m[2]);
		return month ? done(dateOfParts(+m[3], month, +m[1])) : null;
	}
	if ((m = /^([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(text))) {
		const month = monthOf(m[1]);
		return month ? done(dateOfParts(+m[3], month, +m[2])) : null;
	}
	return null;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, '-');

/** The event kind a word names, or null when Causeway has no such kind. */
export function kindOf(value: string): EventKind | null {
	const k = norm(value);
	return (EVENT_KINDS as readonly string[]).includes(k) ? (k as EventKind) : null;
}

const RELATION_WORDS: Record<string, Relation> = {
	cause: 'causes',
	caused: 'causes',
	'caused-by': 'causes',
	'leads-to': 'causes',
	'led-to': 'causes',
	enable: 'enables',
	enabled: 'enables',
	trigger: 'triggers',
	triggered: 'triggers',
	prevent: 'prevents',
	prevented: 'prevents',
	response: 'responds-to',
	'responds': 'responds-to',
	'response-to': 'responds-to',
	'responded-to': 'responds-to'
};

/** The relation a word names ("triggers", "Triggered", "leads to"), or null. */
export function relationOf(value: string): Relation | null {
	const r = norm(value);
	if ((RELATIONS as readonly string[]).includes(r)) return r as Relation;
	return RELATION_WORDS[r] ?? null;
}

/** The confidence a word or a number from 0 to 1 names, or null. */
export function confidenceOf(value: string | number): Confidence | null {
	if (typeof value === 'string' && (CONFIDENCES as readonly string[]).includes(norm(value))) return norm(value) as Confidence;
	const n = typeof value === 'number' ? value : /^\s*\d*\.?\d+\s*$/.test(value) ? Number(value) : NaN;
	if (!Number.isFinite(n) || n < 0 || n > 1) return null;
	return n < 1 / 3 ? 'low' : n < 2 / 3 ? 'medium' : 'high';
}
