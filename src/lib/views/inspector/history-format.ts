/** How the inspector's history shows values and times: readable, short, the whole value at hand. */

/** Longer values are cut to this many characters in the list (the tooltip has the whole). */
export const SHORT_VALUE = 60;

export interface ShownValue {
	short: string;
	full: string;
	/** The field had no value (before it was set, or after it was cleared). */
	empty: boolean;
}

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
	return JSON.stringify(value);
}

export function historyValue(value: unknown): ShownValue {
	if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
		return { short: 'empty', full: 'empty', empty: true };
	}
	const full = text(value);
	const oneLine = full.replace(/\s+/g, ' ');
	return { short: oneLine.length > SHORT_VALUE ? `${oneLine.slice(0, SHORT_VALUE - 1)}…` : oneLine, full, empty: false };
}

const sameDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const otherDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "14:05" today, "3 Nov 2026, 14:05" before; in the reader's time zone. */
export function whenLabel(iso: string, now = new Date()): string {
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) return iso;
	return at.toDateString() === now.toDateString() ? `today ${sameDay.format(at)}` : otherDay.format(at);
}
