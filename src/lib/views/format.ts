/** How events read in every view: dates at their own precision, and how late they were reported. */
import { firstReported, reportLag, type ReportLag } from '$lib/domain/evidence';
import { formatPartialDate } from '$lib/domain/partial-date';
import type { Event, Source } from '$lib/domain/schema';

/**
 * User text set inside a longer string where no element can isolate it (canvas labels, SVG titles,
 * one-string tooltips): between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, so a
 * right-to-left override in a title ends with the title ("txt.exe" stays "txt.exe" after it).
 */
/** "1 event", "2 events", "1,200 events": a count with its noun (English plurals in -s). */
export const counted = (n: number, noun: string): string => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;

export const isolate = (text: string): string => `\u2068${text}\u2069`;

/**
 * A message split where it quotes user text (“…”): the page's notices name titles that way, and
 * show each quoted part in a <bdi>, so that a right-to-left override in a title ends with it.
 */
export function quotedParts(message: string): { text: string; quoted: boolean }[] {
	return message
		.split(/(“[^”]*”)/)
		.filter(Boolean)
		.map((text) => (text.startsWith('“') && text.endsWith('”') && text.length > 1 ? { text: text.slice(1, -1), quoted: true } : { text, quoted: false }));
}

/** "6 Aug 2024", "c. Oct 2024", "Aug 2024 – Mar 2025". */
export function formatSpan(event: Pick<Event, 'start' | 'end' | 'approximate'>): string {
	const start = formatPartialDate(event.start, event.approximate);
	return event.end ? `${start} – ${formatPartialDate(event.end)}` : start;
}

/** "5 months later", "the same day", "2 years before". */
export function formatLag({ amount, unit }: ReportLag): string {
	if (amount === 0) return `the same ${unit}`;
	const n = Math.abs(amount);
	return `${n} ${unit}${n === 1 ? '' : 's'} ${amount > 0 ? 'later' : 'before'}`;
}

/**
 * When an event was first reported and how long after it began: "first reported Jan 2025 — 5
 * months later"; null when no citing source has a date.
 */
export function firstReportedText(event: Pick<Event, 'start' | 'sources'>, sources: ReadonlyMap<string, Source>): string | null {
	const reported = firstReported(event, sources);
	if (!reported) return null;
	const lag = reportLag(event.start, reported);
	return `first reported ${formatPartialDate(reported)}${lag ? ` — ${formatLag(lag)}` : ''}`;
}
