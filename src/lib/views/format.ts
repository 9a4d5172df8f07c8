/** How events read in every view: dates at their own precision, and text search. */
import { formatPartialDate } from '$lib/domain/partial-date';
import type { Actor, Event } from '$lib/domain/schema';

/** "6 Aug 2024", "c. Oct 2024", "Aug 2024 – Mar 2025". */
export function formatSpan(event: Pick<Event, 'start' | 'end' | 'approximate'>): string {
	const start = formatPartialDate(event.start, event.approximate);
	return event.end ? `${start} – ${formatPartialDate(event.end)}` : start;
}

/** True when every word of `query` appears in the event's title, description, tags or actors. */
export function matchesText(event: Event, query: string, actorsById: Map<string, Actor>): boolean {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (!words.length) return true;
	const haystack = [event.title, event.description, ...event.tags, ...event.actorIds.map((id) => actorsById.get(id)?.name ?? id)]
		.join('\n')
		.toLowerCase();
	return words.every((w) => haystack.includes(w));
}
