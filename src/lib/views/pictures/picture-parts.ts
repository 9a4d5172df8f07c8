/**
 * What the timeline and graph pictures share: escaping user text (a title is text, never markup),
 * measuring and wrapping text without a browser, the title block, the legend, and the line that
 * says how many sources stand behind the picture and when it was exported. Pictures are light,
 * black on white, whatever the page's theme: they are for reports and print.
 */
import type { CausewayDocument } from '$lib/domain/schema';
import { EVENT_KINDS } from '$lib/domain/schema';
import { KIND_COLORS, KIND_LABELS } from '../kinds';

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const INK = '#1c2430';
export const MUTED = '#5b6573';
export const RULE = '#d8dde4';

/** `text` safe inside SVG text and attributes. */
export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** About how wide `text` is at `size` px in a sans-serif face (no browser to measure with). */
export function textWidth(text: string, size: number, bold = false): number {
	let units = 0;
	// Generous: a label measured short would run into the next one.
	for (const c of text) units += /[iljtf.,;:'!|() ]/.test(c) ? 0.34 : /[mwMW@]/.test(c) ? 0.9 : /[A-Z0-9]/.test(c) ? 0.68 : 0.58;
	return units * size * (bold ? 1.06 : 1);
}

/** `text` broken into lines no wider than `width` px at `size` (a longer word keeps a line of its own). */
export function wrap(text: string, width: number, size: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
		const tried = line ? `${line} ${word}` : word;
		if (line && textWidth(tried, size) > width) {
			lines.push(line);
			line = word;
		} else line = tried;
	}
	if (line) lines.push(line);
	return lines.length ? lines : [''];
}

/** How many sources the events and links drawn cite (those that exist in the document). */
export function sourcesCited(doc: CausewayDocument, eventIds: ReadonlySet<string>, linkIds: ReadonlySet<string>): number {
	const known = new Set(doc.sources.map((s) => s.id));
	const cited = new Set<string>();
	for (const e of doc.events) if (eventIds.has(e.id)) for (const s of e.sources) if (known.has(s.sourceId)) cited.add(s.sourceId);
	for (const l of doc.links) if (linkIds.has(l.id)) for (const s of l.sources) if (known.has(s.sourceId)) cited.add(s.sourceId);
	return cited.size;
}

/** "Based on 5 sources · 49 events, 51 links · exported 25 Nov 2026". */
export function sourcesLine(sources: number, counts: string, exportedOn: Date): string {
	const day = exportedOn.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
	return `Based on ${sources} ${sources === 1 ? 'source' : 'sources'} · ${counts} · exported ${day} with Causeway`;
}

export interface Block {
	svg: string;
	height: number;
}

/** The title and the subtitle, left-aligned at `x`, from `y` down. */
export function titleBlock(title: string, subtitle: string, x: number, y: number, width: number): Block {
	const lines = wrap(title, width, 22);
	let svg = '';
	lines.forEach((line, i) => (svg += `<text x="${x}" y="${y + 24 + i * 28}" font-size="22" font-weight="700" fill="${INK}">${escapeXml(line)}</text>`));
	const sub = y + 24 + lines.length * 28;
	svg += `<text x="${x}" y="${sub}" font-size="13" fill="${MUTED}">${escapeXml(subtitle)}</text>`;
	return { svg, height: sub + 12 - y };
}

/** One legend entry: a small drawing and its words. */
export interface LegendItem {
	/** SVG of the symbol, drawn in a 28 × 12 box at the origin. */
	symbol: string;
	label: string;
}

export function kindLegend(): LegendItem[] {
	return EVENT_KINDS.map((kind) => ({
		symbol: `<rect x="4" y="1" width="20" height="10" rx="2" fill="${KIND_COLORS[kind]}" fill-opacity="0.22" stroke="${KIND_COLORS[kind]}" stroke-width="1.5"/>`,
		label: KIND_LABELS[kind]
	}));
}

/** Legend entries laid out in rows across `width`, from `y` down. */
export function legendBlock(items: LegendItem[], x: number, y: number, width: number): Block {
	let svg = '';
	let cx = x;
	let cy = y;
	for (const item of items) {
		const w = 32 + textWidth(item.label, 12) + 18;
		if (cx > x && cx + w > x + width) {
			cx = x;
			cy += 20;
		}
		svg += `<g transform="translate(${cx.toFixed(1)} ${cy})">${item.symbol}<text x="32" y="10" font-size="12" fill="${INK}">${escapeXml(item.label)}</text></g>`;
		cx += w;
	}
	return { svg, height: cy - y + 20 };
}

/** The whole picture: a white page with the parts in order. */
export function page(width: number, height: number, body: string, label: string): string {
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" role="img" aria-label="${escapeXml(label)}" font-family='${FONT}'>` +
		`<rect width="100%" height="100%" fill="#ffffff"/>${body}</svg>`
	);
}
