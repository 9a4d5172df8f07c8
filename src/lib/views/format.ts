/** How events read in every view: dates at their own precision. */
import { formatPartialDate } from '$lib/domain/partial-date';
import type { Event } from '$lib/domain/schema';

/** "6 Aug 2024", "c. Oct 2024", "Aug 2024 – Mar 2025". */
export function formatSpan(event: Pick<Event, 'start' | 'end' | 'approximate'>): string {
	const start = formatPartialDate(event.start, event.approximate);
	return event.end ? `${start} – ${formatPartialDate(event.end)}` : start;
}
