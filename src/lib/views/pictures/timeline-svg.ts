/**
 * The whole timeline as a picture, drawn from the document (not a screenshot of the page): a time
 * axis, then one row per stacked label, each event's full date and title in its kind's colour.
 * A date known to the day is a dot; a month or a year is a band across that period, so the
 * picture does not claim a precision the data does not have. Pure: document in, SVG text out.
 */
import { firstDay, lastDay, precisionOf } from '$lib/domain/partial-date';
import { sortByDate } from '$lib/domain/causality-graph';
import type { CausewayDocument, Event } from '$lib/domain/schema';
import { KIND_COLORS } from '../kinds';
import { formatSpan } from '../format';
import { escapeXml, INK, kindLegend, legendBlock, MUTED, page, RULE, sourcesCited, sourcesLine, textWidth, titleBlock, wrap } from './picture-parts';

export interface TimelinePictureOptions {
	/** The events to draw (what the filter shows); null: every event. */
	eventIds?: ReadonlySet<string> | null;
	exportedOn?: Date;
	/** Width of the picture in px. */
	width?: number;
}

const DAY = 86_400_000;
const MARGIN = 32;
const ROW = 34;
const LABEL_SIZE = 13;
const LINE = 17;
/** A label longer than this wraps onto a second line rather than crossing the whole picture. */
const LABEL_MAX = 560;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY;

/** The SVG of the timeline of `doc` (or of the events in `eventIds`). */
export function timelineSvg(doc: CausewayDocument, options: TimelinePictureOptions = {}): string {
	const width = options.width ?? 1600;
	const exportedOn = options.exportedOn ?? new Date();
	const shown = options.eventIds ?? null;
	const events = sortByDate(doc.events.filter((e) => !shown || shown.has(e.id)));
	const eventIds = new Set(events.map((e) => e.id));
	const linkIds = new Set(doc.links.filter((l) => eventIds.has(l.from) && eventIds.has(l.to)).map((l) => l.id));

	const head = titleBlock(doc.title, `Timeline · ${events.length} ${events.length === 1 ? 'event' : 'events'}${shown ? ' (as filtered)' : ''}`, MARGIN, MARGIN - 8, width - 2 * MARGIN);
	const legend = legendBlock(
		[
			...kindLegend(),
			{ symbol: `<circle cx="14" cy="6" r="4.5" fill="${MUTED}"/>`, label: 'known day' },
			{ symbol: `<rect x="1" y="3" width="26" height="6" rx="2" fill="${MUTED}" fill-opacity="0.3" stroke="${MUTED}"/>`, label: 'month or year: the band spans the period' },
			{ symbol: `<text x="6" y="10" font-size="11" fill="${MUTED}">c.</text>`, label: 'approximate' }
		],
		MARGIN,
		MARGIN + head.height,
		width - 2 * MARGIN
	);
	const axisTop = MARGIN + head.height + legend.height + 14;

	let from = events.length ? Math.min(...events.map((e) => dayNumber(firstDay(e.start)))) : dayNumber(firstDay(String(exportedOn.getUTCFullYear())));
	let to = events.length ? Math.max(...events.map((e) => dayNumber(lastDay(e.end ?? e.start)) + 1)) : from + 365;
	const pad = Math.max(10, (to - from) * 0.02);
	from -= pad;
	to += pad;
	const plotLeft = MARGIN;
	const plotWidth = width - 2 * MARGIN;
	const x = (day: number) => plotLeft + ((day - from) / (to - from)) * plotWidth;

	// Rows: each label goes in the first row where it fits after what is already there.
	const rows: number[] = [];
	const placed = events.map((event) => {
		const start = x(dayNumber(firstDay(event.start)));
		const end = x(dayNumber(lastDay(event.end ?? event.start)) + 1);
		const band = precisionOf(event.start) !== 'day' || !!event.end;
		const text = `${formatSpan(event)} · ${event.title}`;
		const lines = wrap(text, LABEL_MAX, LABEL_SIZE);
		const textW = Math.max(...lines.map((l) => textWidth(l, LABEL_SIZE)));
		// Labels that would run off the right edge end at their date instead of starting there.
		const anchorEnd = start + 8 + textW > width - MARGIN;
		const x1 = Math.min(start, anchorEnd ? start - 8 - textW : start);
		const x2 = Math.max(band ? end : start + 6, anchorEnd ? start : start + 8 + textW);
		const height = Math.ceil((lines.length - 1) * LINE / ROW) + 1;
		let row = 0;
		while (!Array.from({ length: height }, (_, k) => rows[row + k] ?? -Infinity).every((end) => end <= x1)) row++;
		for (let k = 0; k < height; k++) rows[row + k] = x2 + 12;
		return { event, start, end, band, lines, anchorEnd, row };
	});
	const rowsTop = axisTop + 44;
	const rowsHeight = Math.max(1, rows.length) * ROW;

	let body = head.svg + legend.svg + axis(from, to, x, axisTop, rowsTop + rowsHeight);
	for (const p of placed) body += eventRow(p.event, p, rowsTop + p.row * ROW);

	const footY = rowsTop + rowsHeight + 28;
	const counts = `${events.length} events, ${linkIds.size} links`;
	body += `<line x1="${MARGIN}" y1="${footY - 16}" x2="${width - MARGIN}" y2="${footY - 16}" stroke="${RULE}"/>`;
	body += `<text x="${MARGIN}" y="${footY}" font-size="12" fill="${MUTED}">${escapeXml(sourcesLine(sourcesCited(doc, eventIds, linkIds), counts, exportedOn))}</text>`;
	return page(width, footY + MARGIN - 8, body, `${doc.title}: timeline`);
}

/** Year lines with their labels, and month ticks when months are wide enough to tell apart. */
function axis(from: number, to: number, x: (day: number) => number, top: number, bottom: number): string {
	let svg = `<line x1="${x(from)}" y1="${top + 30}" x2="${x(to)}" y2="${top + 30}" stroke="${INK}" stroke-width="1"/>`;
	const first = new Date(from * DAY);
	const last = new Date(to * DAY);
	const monthWidth = x(from + 30.4) - x(from);
	// The first year, begun before the axis does, is named at the axis's start.
	if (Date.UTC(first.getUTCFullYear(), 0, 1) / DAY < from) svg += `<text x="${x(from) + 2}" y="${top + 18}" font-size="14" font-weight="700" fill="${INK}">${first.getUTCFullYear()}</text>`;
	for (let year = first.getUTCFullYear(); year <= last.getUTCFullYear(); year++) {
		for (let month = 0; month < 12; month++) {
			const day = Date.UTC(year, month, 1) / DAY;
			if (day < from || day > to) continue;
			const at = x(day).toFixed(1);
			if (month === 0) {
				svg += `<line x1="${at}" y1="${top + 8}" x2="${at}" y2="${bottom}" stroke="${RULE}" stroke-width="1.5"/>`;
				svg += `<text x="${Number(at) + 4}" y="${top + 18}" font-size="14" font-weight="700" fill="${INK}">${year}</text>`;
			} else if (monthWidth >= 14) {
				svg += `<line x1="${at}" y1="${top + 26}" x2="${at}" y2="${top + 34}" stroke="${MUTED}"/>`;
				if (monthWidth >= 34) svg += `<text x="${Number(at) + 3}" y="${top + 46}" font-size="10.5" fill="${MUTED}">${MONTHS[month]}</text>`;
			}
		}
	}
	return svg;
}

function eventRow(event: Event, p: { start: number; end: number; band: boolean; lines: string[]; anchorEnd: boolean }, y: number): string {
	const color = KIND_COLORS[event.kind];
	let svg = `<g data-event="${escapeXml(event.id)}">`;
	if (p.band) {
		svg += `<rect x="${p.start.toFixed(1)}" y="${y + 2}" width="${Math.max(3, p.end - p.start).toFixed(1)}" height="7" rx="2" fill="${color}" fill-opacity="0.28" stroke="${color}" stroke-width="1"${event.approximate ? ' stroke-dasharray="3 2"' : ''}/>`;
	} else svg += `<circle cx="${p.start.toFixed(1)}" cy="${y + 5.5}" r="4.5" fill="${color}"/>`;
	const tx = p.anchorEnd ? p.start - 6 : p.start + (p.band ? 0 : 8);
	const anchor = p.anchorEnd ? ' text-anchor="end"' : '';
	p.lines.forEach((line, i) => {
		svg += `<text x="${tx.toFixed(1)}" y="${y + 23 + i * LINE}" font-size="${LABEL_SIZE}" fill="${INK}"${anchor}>`;
		// The date in the kind's colour, the title in ink.
		const dot = line.indexOf(' · ');
		if (i === 0 && dot > 0) svg += `<tspan fill="${color}" font-weight="600">${escapeXml(line.slice(0, dot))}</tspan>${escapeXml(line.slice(dot))}`;
		else svg += escapeXml(line);
		svg += '</text>';
	});
	return svg + '</g>';
}
