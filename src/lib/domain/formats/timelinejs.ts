/**
 * Knight Lab TimelineJS 3 JSON: the timeline published as a story. Each event is a slide whose
 * dates carry only the precision the event has (a year, a year and month, or a day), grouped by
 * kind. TimelineJS shows `headline` and `text` as HTML, so every piece of user text is escaped
 * here; the only markup is ours (paragraphs, and links to the sources' http(s) URLs).
 */
import { formatPartialDate, parsePartialDate } from '../partial-date';
import type { CausewayDocument, Event } from '../schema';

/** A TimelineJS date: the year always, month and day only when the partial date has them. */
export interface TimelineDate {
	year: number;
	month?: number;
	day?: number;
	display_date?: string;
}

export interface TimelineSlide {
	unique_id: string;
	start_date: TimelineDate;
	end_date?: TimelineDate;
	display_date?: string;
	text: { headline: string; text: string };
	group: string;
}

export interface TimelineFile {
	title: { text: { headline: string; text: string } };
	events: TimelineSlide[];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML, in an element or a quoted attribute. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

function timelineDate(value: string): TimelineDate {
	const p = parsePartialDate(value)!;
	return { year: p.year, ...(p.month !== undefined && { month: p.month }), ...(p.day !== undefined && { day: p.day }) };
}

const paragraphs = (text: string) =>
	text
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean)
		.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
		.join('');

interface Lookups {
	sources: Map<string, CausewayDocument['sources'][number]>;
	/** Titles of each event's effects (one pass over the links, not one per slide). */
	effects: Map<string, string[]>;
}

function lookups(doc: CausewayDocument): Lookups {
	const titles = new Map(doc.events.map((e) => [e.id, e.title]));
	const effects = new Map<string, string[]>();
	for (const l of doc.links) {
		const title = titles.get(l.to);
		if (title === undefined) continue;
		const list = effects.get(l.from);
		if (list) list.push(title);
		else effects.set(l.from, [title]);
	}
	return { sources: new Map(doc.sources.map((s) => [s.id, s])), effects };
}

function slideText(e: Event, { sources, effects }: Lookups): string {
	let html = paragraphs(e.description);
	const led = effects.get(e.id);
	// Classed, so that an import of this file reads back the description without them.
	if (led) html += `<p class="causeway-led-to">Led to: ${led.map(escapeHtml).join('; ')}</p>`;
	const cited = [...new Set(e.sources.map((s) => s.sourceId))].flatMap((id) => sources.get(id) ?? []);
	if (cited.length) {
		const items = cited.map((s) => {
			const label = escapeHtml(s.publisher ? `${s.title} (${s.publisher})` : s.title);
			return s.url ? `<a href="${escapeHtml(s.url)}" target="_blank" rel="noopener noreferrer">${label}</a>` : label;
		});
		html += `<p class="causeway-sources">Sources: ${items.join('; ')}</p>`;
	}
	return html;
}

/** The document as a TimelineJS object. */
export function timelineOf(doc: CausewayDocument): TimelineFile {
	const found = lookups(doc);
	return {
		title: { text: { headline: escapeHtml(doc.title), text: `<p>${doc.events.length} events</p>` } },
		events: doc.events.map((e) => ({
			unique_id: e.id,
			start_date: timelineDate(e.start),
			...(e.end && { end_date: timelineDate(e.end) }),
			...(e.approximate && { display_date: escapeHtml(formatPartialDate(e.start, true) + (e.end ? ` – ${formatPartialDate(e.end)}` : '')) }),
			text: { headline: escapeHtml(e.title), text: slideText(e, found) },
			group: e.kind
		}))
	};
}

/** The document as TimelineJS JSON text. */
export function exportTimelineJs(doc: CausewayDocument): string {
	return JSON.stringify(timelineOf(doc), null, 2) + '\n';
}
