/**
 * The graph as a picture, drawn from the document and the layout's positions (not from the
 * canvas): every title in full, wrapped in its box (the canvas cuts them with "…"), boxes in
 * their kind's colour with the date's precision as the border, arrows styled by relation and
 * confidence, with the title, the legend and the sources line. The layout is stretched, never
 * squeezed, so boxes made taller by long titles still do not overlap. Pure: SVG text out.
 */
import { isCertainlyBefore, precisionOf } from '$lib/domain/partial-date';
import type { CausewayDocument, Event, Link } from '$lib/domain/schema';
import type { Box, Point } from '../graph/chronological-layout';
import { KIND_COLORS } from '../kinds';
import { formatSpan } from '../format';
import { escapeXml, INK, kindLegend, legendBlock, MUTED, page, RULE, sourcesCited, sourcesLine, titleBlock, wrap, type LegendItem } from './picture-parts';

export interface GraphPictureOptions {
	/** Each event's box centre (by event id) in the layout, whose boxes are `node` in size. */
	positions: ReadonlyMap<string, Point>;
	node: Box;
	/** The links to draw (those between drawn events); null: every such link. */
	linkIds?: ReadonlySet<string> | null;
	/** Whether a filter chose what is drawn (said under the title). */
	filtered?: boolean;
	exportedOn?: Date;
}

const MARGIN = 32;
const BOX_WIDTH = 230;
const FONT_SIZE = 12.5;
const LINE = 16;
const PAD = 9;
const WARN = '#d9480f';
const EDGE = '#59636e';
const DASH: Partial<Record<Link['relation'], string>> = { enables: '7 4', 'responds-to': '2 3' };
const WIDTH = { low: 1.1, medium: 1.7, high: 2.5 } as const;

/** The SVG of the events in `positions` and the links between them. */
export function graphSvg(doc: CausewayDocument, options: GraphPictureOptions): string {
	const exportedOn = options.exportedOn ?? new Date();
	const events = doc.events.filter((e) => options.positions.has(e.id));
	const byId = new Map(events.map((e) => [e.id, e]));
	const links = doc.links.filter((l) => byId.has(l.from) && byId.has(l.to) && (!options.linkIds || options.linkIds.has(l.id)));

	const boxes = new Map(events.map((e) => [e.id, boxText(e)]));
	const boxHeight = Math.max(options.node.height, ...[...boxes.values()].map((b) => b.height));
	// Stretched so that boxes that did not overlap in the layout still do not.
	const sy = (boxHeight + 22) / options.node.height;
	const raw = [...options.positions].filter(([id]) => byId.has(id));
	const sx = stretchAcross(raw.map(([, p]) => p), sy, boxHeight + 22, BOX_WIDTH + 30, (BOX_WIDTH + 30) / options.node.width);
	const minX = Math.min(...raw.map(([, p]) => p.x), 0);
	const minY = Math.min(...raw.map(([, p]) => p.y), 0);
	const maxX = Math.max(...raw.map(([, p]) => p.x), 0);
	const maxY = Math.max(...raw.map(([, p]) => p.y), 0);
	const plotWidth = raw.length ? (maxX - minX) * sx + BOX_WIDTH : BOX_WIDTH;
	const width = Math.max(900, plotWidth + 2 * MARGIN);

	const head = titleBlock(
		doc.title,
		`Cause and effect · ${events.length} ${events.length === 1 ? 'event' : 'events'}, ${links.length} ${links.length === 1 ? 'link' : 'links'}${options.filtered ? ' (as filtered)' : ''}`,
		MARGIN,
		MARGIN - 8,
		width - 2 * MARGIN
	);
	const legend = legendBlock(graphLegend(), MARGIN, MARGIN + head.height, Math.min(width - 2 * MARGIN, 1400));
	const top = MARGIN + head.height + legend.height + 16;
	const left = MARGIN + (width - 2 * MARGIN - plotWidth) / 2;
	const at = new Map(raw.map(([id, p]) => [id, { x: left + BOX_WIDTH / 2 + (p.x - minX) * sx, y: top + boxHeight / 2 + (p.y - minY) * sy }]));
	const plotHeight = raw.length ? (maxY - minY) * sy + boxHeight : 0;

	let body = head.svg + legend.svg;
	body += `<defs>${marker('arrow', EDGE)}${marker('arrow-warn', WARN)}${tee('tee', EDGE)}${tee('tee-warn', WARN)}</defs>`;
	for (const link of links) body += edge(link, byId.get(link.from)!, byId.get(link.to)!, at, boxes);
	for (const event of events) body += eventBox(event, at.get(event.id)!, boxes.get(event.id)!);

	const footY = top + plotHeight + 40;
	const eventIds = new Set(events.map((e) => e.id));
	const linkIds = new Set(links.map((l) => l.id));
	body += `<line x1="${MARGIN}" y1="${footY - 16}" x2="${width - MARGIN}" y2="${footY - 16}" stroke="${RULE}"/>`;
	body += `<text x="${MARGIN}" y="${footY}" font-size="12" fill="${MUTED}">${escapeXml(sourcesLine(sourcesCited(doc, eventIds, linkIds), `${events.length} events, ${links.length} links`, exportedOn))}</text>`;
	return page(width, footY + MARGIN - 8, body, `${doc.title}: cause and effect`);
}

/**
 * How much the layout must be stretched across so that boxes `width` wide that share rows once
 * stretched down by `sy` (closer than `height`) stand side by side: at most `most`, which is
 * always enough; less where columns were already far apart.
 */
function stretchAcross(points: Point[], sy: number, height: number, width: number, most: number): number {
	const sorted = [...points].sort((a, b) => a.y - b.y);
	let sx = 1;
	for (let i = 0; i < sorted.length && sx < most; i++) {
		for (let j = i + 1; j < sorted.length && (sorted[j].y - sorted[i].y) * sy < height; j++) {
			const dx = Math.abs(sorted[j].x - sorted[i].x);
			sx = Math.max(sx, dx > 0 ? width / dx : most);
		}
	}
	return Math.min(sx, most);
}

interface BoxText {
	date: string;
	lines: string[];
	height: number;
}

function boxText(event: Event): BoxText {
	const lines = wrap(event.title, BOX_WIDTH - 2 * PAD, FONT_SIZE);
	return { date: formatSpan(event), lines, height: 2 * PAD + LINE * (lines.length + 1) };
}

function eventBox(event: Event, centre: Point, text: BoxText): string {
	const color = KIND_COLORS[event.kind];
	const precision = precisionOf(event.start);
	const dash = precision === 'month' ? ' stroke-dasharray="6 3"' : precision === 'year' ? ' stroke-dasharray="2 3"' : '';
	const x = centre.x - BOX_WIDTH / 2;
	const y = centre.y - text.height / 2;
	let svg = `<g data-event="${escapeXml(event.id)}"><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${BOX_WIDTH}" height="${text.height}" rx="6" fill="#ffffff"/>`;
	svg += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${BOX_WIDTH}" height="${text.height}" rx="6" fill="${color}" fill-opacity="0.1" stroke="${color}" stroke-width="${precision === 'year' ? 2 : 1.6}"${dash}/>`;
	svg += `<text x="${centre.x.toFixed(1)}" y="${(y + PAD + 12).toFixed(1)}" font-size="11.5" font-weight="600" fill="${color}" text-anchor="middle">${escapeXml(text.date)}</text>`;
	text.lines.forEach((line, i) => {
		svg += `<text x="${centre.x.toFixed(1)}" y="${(y + PAD + 12 + LINE * (i + 1)).toFixed(1)}" font-size="${FONT_SIZE}" fill="${INK}" text-anchor="middle">${escapeXml(line)}</text>`;
	});
	return svg + '</g>';
}

/** A straight arrow from the cause's box edge to the effect's. */
function edge(link: Link, cause: Event, effect: Event, at: ReadonlyMap<string, Point>, boxes: ReadonlyMap<string, BoxText>): string {
	const a = at.get(cause.id)!;
	const b = at.get(effect.id)!;
	const from = boxEdge(a, b, boxes.get(cause.id)!.height);
	const to = boxEdge(b, a, boxes.get(effect.id)!.height);
	const warn = isCertainlyBefore(effect.start, cause.start);
	const color = warn ? WARN : EDGE;
	const end = link.relation === 'prevents' ? (warn ? 'tee-warn' : 'tee') : warn ? 'arrow-warn' : 'arrow';
	const width = WIDTH[link.confidence] * (link.relation === 'triggers' ? 2 : 1);
	const dash = DASH[link.relation] ? ` stroke-dasharray="${DASH[link.relation]}"` : '';
	return `<line x1="${from.x.toFixed(1)}" y1="${from.y.toFixed(1)}" x2="${to.x.toFixed(1)}" y2="${to.y.toFixed(1)}" stroke="${color}" stroke-width="${width}" stroke-opacity="${link.confidence === 'low' ? 0.6 : 0.9}"${dash} marker-end="url(#${end})"/>`;
}

/** Where the line from the centre `p` towards `q` leaves the box around `p`. */
function boxEdge(p: Point, q: Point, height: number): Point {
	const dx = q.x - p.x;
	const dy = q.y - p.y;
	if (!dx && !dy) return p;
	const hw = BOX_WIDTH / 2 + 2;
	const hh = height / 2 + 2;
	const t = Math.min(dx ? hw / Math.abs(dx) : Infinity, dy ? hh / Math.abs(dy) : Infinity);
	return { x: p.x + dx * t, y: p.y + dy * t };
}

function marker(id: string, color: string): string {
	return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0 L10 5 L0 10 Z" fill="${color}"/></marker>`;
}

function tee(id: string, color: string): string {
	return `<marker id="${id}" viewBox="0 0 4 12" refX="3" refY="6" markerWidth="4" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto"><rect x="0" y="0" width="3" height="12" fill="${color}"/></marker>`;
}

function graphLegend(): LegendItem[] {
	const line = (dash: string, width: number, end = 'arrow') =>
		`<line x1="1" y1="6" x2="${end === 'tee' ? 25 : 21}" y2="6" stroke="${EDGE}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
		(end === 'tee' ? `<rect x="25" y="0" width="2.5" height="12" fill="${EDGE}"/>` : `<path d="M20 2 L27 6 L20 10 Z" fill="${EDGE}"/>`);
	const box = (dash: string) => `<rect x="3" y="1" width="22" height="10" rx="2" fill="none" stroke="${INK}" stroke-width="1.4"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
	return [
		...kindLegend(),
		{ symbol: line('', 1.7), label: 'causes' },
		{ symbol: line('7 4', 1.7), label: 'enables' },
		{ symbol: line('', 3.4), label: 'triggers' },
		{ symbol: line('', 1.7, 'tee'), label: 'prevents' },
		{ symbol: line('2 3', 1.7), label: 'responds to' },
		{ symbol: box(''), label: 'known day' },
		{ symbol: box('6 3'), label: 'month' },
		{ symbol: box('2 3'), label: 'year' },
		{ symbol: `<line x1="1" y1="6" x2="21" y2="6" stroke="${WARN}" stroke-width="2"/><path d="M20 2 L27 6 L20 10 Z" fill="${WARN}"/>`, label: 'effect before its cause' }
	];
}
