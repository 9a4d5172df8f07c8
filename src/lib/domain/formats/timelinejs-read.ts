/**
 * TimelineJS as journalists keep it: its JSON (`{title, events: [{start_date, text, group…}]}`)
 * and its Google Sheets template saved as CSV (Year, Month, Day, Time, End Year, End Month,
 * End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media
 * Thumbnail, Type, Group, Background). The slide marked `title` gives the document's title; eras
 * are not events and are listed as such. Headlines and text are HTML: read as plain text.
 */
import { isObject } from './common';
import { IMPORT_CAPS, overCap } from './limits';
import { csvTable } from './spreadsheet';
import { columnsOf, type CellValue, type ForeignTable, type TableRow } from './table';
import { decodeXmlText } from './xml';

/** The template's columns, as a TimelineJS sheet has them. */
export const TIMELINE_COLUMNS = ['Year', 'Month', 'Day', 'Time', 'End Year', 'End Month', 'End Day', 'End Time', 'Display Date', 'Headline', 'Text', 'Media', 'Media Credit', 'Media Caption', 'Media Thumbnail', 'Type', 'Group', 'Background'];

/** True when a CSV header is TimelineJS's template (Year, Headline and Text at least). */
export function isTimelineHeader(columns: string[]): boolean {
	const names = new Set(columns.map((c) => c.trim().toLowerCase()));
	return ['year', 'headline', 'text'].every((c) => names.has(c)) && (names.has('end year') || names.has('display date') || names.has('media'));
}

/** HTML as plain text: paragraphs and line breaks kept, tags dropped, entities decoded. Causeway's own "Led to"/"Sources" paragraphs are left out. */
export function htmlText(html: string): string {
	return decodeXmlText(
		html
			.replace(/<p class="causeway-[a-z-]+">[^]*?<\/p>/g, '')
			.replace(/<br\s*\/?>/gi, '\n')
			.replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
			.replace(/<[^>]*>/g, '')
			.replace(/&nbsp;/g, ' ')
			.replace(/&#39;/g, "'")
	).trim();
}

const PRESET = { start: 'Year', startMonth: 'Month', startDay: 'Day', end: 'End Year', endMonth: 'End Month', endDay: 'End Day', title: 'Headline', description: 'Text', kind: 'Group' };

/** The template CSV into rows: the `title` row is the title, `era` rows are no events. */
export function readTimelineCsv(text: string): ForeignTable {
	const { columns, rows } = csvTable(text, undefined, IMPORT_CAPS.events);
	const col = (name: string) => columns.find((c) => c.toLowerCase() === name.toLowerCase());
	const type = col('Type');
	let title: string | undefined;
	const notEvents: ForeignTable['notEvents'] = [];
	const events: TableRow[] = [];
	for (const row of rows) {
		const kind = type ? String(row.cells[type] ?? '').trim().toLowerCase() : '';
		for (const c of [col('Headline'), col('Text')]) if (c && typeof row.cells[c] === 'string') row.cells[c] = htmlText(row.cells[c] as string);
		const headline = String(row.cells[col('Headline') ?? ''] ?? '');
		if (kind === 'title') title ??= headline;
		else if (kind === 'era') notEvents.push({ where: row.where, name: headline || row.where, reason: 'an era (a span shown behind the timeline), not an event' });
		else events.push(row);
	}
	const preset = Object.fromEntries(Object.entries(PRESET).flatMap(([t, c]) => (col(c) ? [[t, col(c)!]] : [])));
	return { format: 'timelinejs', title, rows: events, links: [], columns, linkColumns: [], notEvents, preset };
}

const dateText = (d: unknown): string | undefined => {
	if (!isObject(d) || d.year === undefined || d.year === '') return undefined;
	const parts = [d.year, d.month, d.day].filter((p) => p !== undefined && p !== null && p !== '').map((p) => String(p).trim());
	return parts.map((p, i) => (i === 0 ? p.padStart(4, '0') : p.padStart(2, '0'))).join('-');
};

/** True for TimelineJS JSON: a list of slides with `start_date`. */
export function looksLikeTimelineJs(value: Record<string, unknown>): boolean {
	return Array.isArray(value.events) && value.events.some((e) => isObject(e) && isObject(e.start_date)) && !('schemaVersion' in value);
}

/** TimelineJS JSON into rows: headline, text, start and end (as partial dates), group, media, unique_id. */
export function readTimelineJson(value: Record<string, unknown>): ForeignTable {
	const slides = Array.isArray(value.events) ? value.events : [];
	if (slides.length > IMPORT_CAPS.events) throw overCap('events', 'events', slides.length);
	const rows: TableRow[] = slides.map((s, i) => {
		const slide = isObject(s) ? s : {};
		const text = isObject(slide.text) ? slide.text : {};
		const media = isObject(slide.media) ? slide.media : {};
		const cells: Record<string, CellValue> = {};
		const put = (k: string, v: unknown) => void (typeof v === 'string' && v.trim() !== '' ? (cells[k] = v) : undefined);
		put('unique_id', slide.unique_id);
		put('headline', typeof text.headline === 'string' ? htmlText(text.headline) : undefined);
		put('text', typeof text.text === 'string' ? htmlText(text.text) : undefined);
		put('start', dateText(slide.start_date));
		put('end', dateText(slide.end_date));
		put('display_date', slide.display_date);
		put('group', slide.group);
		put('media', media.url);
		return { where: `events[${i}]${typeof slide.unique_id === 'string' ? ` (“${slide.unique_id}”)` : ''}`, cells };
	});
	const titleSlide = isObject(value.title) && isObject(value.title.text) ? value.title.text : undefined;
	const notEvents = (Array.isArray(value.eras) ? value.eras : []).map((e, i) => {
		const text = isObject(e) && isObject(e.text) && typeof e.text.headline === 'string' ? htmlText(e.text.headline) : '';
		return { where: `eras[${i}]`, name: text || `era ${i + 1}`, reason: 'an era (a span shown behind the timeline), not an event' };
	});
	return {
		format: 'timelinejs',
		title: typeof titleSlide?.headline === 'string' ? htmlText(titleSlide.headline) : undefined,
		rows,
		links: [],
		columns: columnsOf(rows),
		linkColumns: [],
		notEvents,
		preset: { id: 'unique_id', title: 'headline', description: 'text', kind: 'group', start: 'start', end: 'end' }
	};
}
