/**
 * How the graph looks, as a cytoscape stylesheet: events as boxes tinted with their kind's colour,
 * the date's precision as the border (solid: a known day, dashed: a month, dotted: a year), links
 * as arrows whose line says the relation (causes solid, enables dashed, triggers bold, prevents
 * ending in a bar, responds-to dotted) and whose weight and strength say the confidence. Links that
 * point back in time or close a cycle are drawn in the warning colour.
 *
 * Large graphs trade looks for speed (STACK.md §7): straight edges, and no labels while zoomed out.
 */
import type { StylesheetJson } from 'cytoscape';
import { EVENT_KINDS } from '$lib/domain/schema';
import { KIND_COLORS } from '../kinds';

/** The page's colours, read from its CSS variables so the graph follows the light or dark theme. */
export interface GraphTheme {
	text: string;
	muted: string;
	surface: string;
	border: string;
	accent: string;
	dark: boolean;
}

export const WARN_COLOR = '#d9480f';

/** Black on white, for printing whatever the screen's theme. */
export const PRINT_THEME: GraphTheme = { text: '#000000', muted: '#444444', surface: '#ffffff', border: '#bbbbbb', accent: '#1f5f9e', dark: false };

/** Every event box is this size: fixed sizes spare cytoscape measuring 10,000 labels. */
export const NODE = { width: 184, height: 64 } as const;

/** An event's label size, in graph units (on screen: this times the zoom). */
export const EVENT_FONT = 12;
/**
 * Below this on-screen size a box's own label is not drawn: it could not be read. Zoomed out
 * that far, a few landmarks keep a label of their own instead (landmarks.ts).
 */
export const MIN_LABEL_PX = 10;
/** The zoom from which boxes' own labels are drawn. */
export const LABEL_ZOOM = MIN_LABEL_PX / EVENT_FONT;

const WIDTH = { low: 1, medium: 1.7, high: 2.6 } as const;
const OPACITY = { low: 0.5, medium: 0.75, high: 0.95 } as const;

/** Reads the theme from the CSS variables in effect on `element`. */
export function themeOf(element: Element): GraphTheme {
	const css = getComputedStyle(element);
	const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
	return {
		text: read('--text', '#1c2430'),
		muted: read('--muted', '#6b7685'),
		surface: read('--surface', '#ffffff'),
		border: read('--border', '#d8dde4'),
		accent: read('--accent', '#1f5f9e'),
		dark: matchMedia('(prefers-color-scheme: dark)').matches
	};
}

/** `a` mixed into `b` by `share` (0–1), both #rrggbb; `b` when either is not a hex colour. */
export function mix(a: string, b: string, share: number): string {
	const rgb = (hex: string) => (/^#[0-9a-f]{6}$/i.test(hex) ? [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) : null);
	const x = rgb(a);
	const y = rgb(b);
	if (!x || !y) return b;
	return `#${x.map((c, i) => Math.round(c * share + y[i] * (1 - share)).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The stylesheet. `far`: a large graph seen from afar, where the looks cannot be seen and only
 * cost — drawn as plain boxes and lines (haystack edges, no arrowheads, dashes or labels), which
 * takes a frame from seconds to tens of milliseconds at 10,000 events and 15,000 links. Zoomed in,
 * a large graph gets the full style back: few elements are on screen then.
 */
export function graphStyle(theme: GraphTheme, large: boolean, far = false): StylesheetJson {
	const edgeColor = theme.dark ? '#8d97a5' : '#68737f';
	// Boxes are opaque (a tint of the kind on the surface), so that the arrows behind them do not
	// show through.
	const fills = EVENT_KINDS.map((kind) => ({
		selector: `node.event.kind-${kind}`,
		style: { 'background-color': mix(KIND_COLORS[kind], theme.surface, theme.dark ? 0.3 : 0.13) }
	}));
	const confidence = (['low', 'medium', 'high'] as const).flatMap((c) => [
		{ selector: `edge.link.conf-${c}`, style: { width: WIDTH[c], opacity: OPACITY[c] } },
		{ selector: `edge.link.rel-triggers.conf-${c}`, style: { width: WIDTH[c] * 2 + 0.6 } }
	]);
	const lean: StylesheetJson = far
		? [
				{ selector: 'node.event', style: { shape: 'rectangle', 'border-style': 'solid', label: '' } },
				{ selector: 'node.actor', style: { label: '' } },
				{
					selector: 'edge.link',
					style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', 'line-style': 'solid' }
				}
			]
		: [];
	return [
		{
			selector: 'node.event',
			style: {
				shape: 'round-rectangle',
				width: NODE.width,
				height: NODE.height,
				'background-color': theme.surface,
				'border-color': 'data(color)',
				'border-width': 1.5,
				label: 'data(label)',
				color: theme.text,
				'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
				'font-size': EVENT_FONT,
				'line-height': 1.18,
				'text-wrap': 'wrap',
				'text-max-width': `${NODE.width - 12}px`,
				'text-valign': 'center',
				'text-halign': 'center',
				'text-events': 'no',
				// Below this on-screen size a label is a smudge: skip it (and its cost).
				'min-zoomed-font-size': MIN_LABEL_PX
			}
		},
		...fills,
		{ selector: 'node.event.precision-month', style: { 'border-style': 'dashed' } },
		{ selector: 'node.event.precision-year', style: { 'border-style': 'dotted', 'border-width': 2 } },
		{ selector: 'node.event.approximate', style: { 'border-opacity': 0.75 } },
		// How sure the story is: tagged unconfirmed — faint; tagged disputed — an amber ring; contested
		// by rival claims — a dashed ring in the accent (and ⚖ in the label), as on the timeline.
		{ selector: 'node.event.unconfirmed', style: { 'background-opacity': 0.45, color: theme.muted } },
		{ selector: 'node.event.disputed', style: { 'outline-width': 1.5, 'outline-style': 'solid', 'outline-color': theme.dark ? '#f3cf8a' : '#b7791f', 'outline-offset': 2 } },
		{ selector: 'node.event.contested', style: { 'outline-width': 2, 'outline-style': 'dashed', 'outline-color': theme.accent, 'outline-offset': 3 } },
		{
			selector: 'node.actor',
			style: {
				shape: 'ellipse',
				width: 22,
				height: 22,
				'background-color': 'data(color)',
				'border-width': 2,
				'border-color': theme.surface,
				label: 'data(label)',
				color: theme.text,
				'font-size': 11,
				'font-weight': 600,
				'text-valign': 'bottom',
				'text-margin-y': 3,
				'text-events': 'no',
				'min-zoomed-font-size': large ? 8 : 4
			}
		},
		{
			selector: 'node.tick',
			style: {
				shape: 'rectangle',
				width: 1,
				height: 'data(h)',
				'background-color': theme.border,
				'border-width': 0,
				label: 'data(label)',
				color: theme.muted,
				'font-size': 13,
				'text-valign': 'top',
				'text-margin-y': -6,
				events: 'no',
				'z-index': 0,
				'z-compound-depth': 'bottom'
			}
		},
		{ selector: 'node.tick.major', style: { width: 2, 'font-weight': 700, 'font-size': 15, color: theme.text } },
		{
			selector: 'node.tick.header',
			style: { 'background-opacity': 0, 'font-weight': 700, 'font-size': 14, color: theme.muted, 'text-margin-y': 0, 'min-zoomed-font-size': MIN_LABEL_PX }
		},
		{
			selector: 'edge.link',
			style: {
				'curve-style': large ? 'straight' : 'bezier',
				'line-color': edgeColor,
				'target-arrow-color': edgeColor,
				'target-arrow-shape': 'triangle',
				'arrow-scale': 0.9
			}
		},
		...confidence,
		{ selector: 'edge.link.rel-enables', style: { 'line-style': 'dashed', 'line-dash-pattern': [7, 4] } },
		{ selector: 'edge.link.rel-responds-to', style: { 'line-style': 'dotted' } },
		{ selector: 'edge.link.rel-prevents', style: { 'target-arrow-shape': 'tee', 'arrow-scale': 1.2 } },
		// A contested link: a hollow diamond halfway (line style and arrowheads already say other things).
		{ selector: 'edge.link.contested', style: { 'mid-target-arrow-shape': 'diamond', 'mid-target-arrow-fill': 'hollow', 'mid-target-arrow-color': theme.accent, 'arrow-scale': 1.3 } },
		{ selector: 'edge.link.backwards, edge.link.cycle', style: { 'line-color': WARN_COLOR, 'target-arrow-color': WARN_COLOR, opacity: 1 } },
		{
			selector: 'edge.member',
			style: { 'curve-style': 'straight', width: 1, 'line-color': theme.muted, opacity: 0.35, 'target-arrow-shape': 'none' }
		},
		// Exploring: what is not part of the answer steps back.
		{ selector: '.faded', style: { opacity: 0.14 } },
		{ selector: 'edge.faded', style: { opacity: 0.07 } },
		{ selector: 'node.event.cause, node.event.effect, node.event.lit', style: { 'border-width': 2.5, opacity: 1 } },
		{ selector: 'edge.near, edge.lit', style: { 'line-color': theme.accent, 'target-arrow-color': theme.accent, opacity: 1, 'z-index': 5 } },
		{ selector: 'edge.near.backwards, edge.lit.backwards, edge.near.cycle, edge.lit.cycle', style: { 'line-color': WARN_COLOR, 'target-arrow-color': WARN_COLOR } },
		{
			selector: 'node.chosen',
			style: {
				'border-width': 3.5,
				'border-color': theme.accent,
				'border-style': 'solid',
				'underlay-color': theme.accent,
				'underlay-opacity': 0.22,
				'underlay-padding': 6,
				opacity: 1,
				'z-index': 10
			}
		},
		{ selector: 'edge.chosen', style: { 'line-color': theme.accent, 'target-arrow-color': theme.accent, width: 4, opacity: 1, 'z-index': 10 } },
		{ selector: 'node.end', style: { 'underlay-color': theme.accent, 'underlay-opacity': 0.15, 'underlay-padding': 5 } },
		// Drawing a link (cytoscape-edgehandles' classes).
		{ selector: '.eh-source, .eh-target', style: { 'border-width': 3, 'border-color': theme.accent, 'border-style': 'solid' } },
		{
			selector: '.eh-preview, .eh-ghost-edge',
			style: {
				'curve-style': 'straight',
				'line-color': theme.accent,
				'target-arrow-color': theme.accent,
				'target-arrow-shape': 'triangle',
				'line-style': 'dashed',
				width: 2.5,
				opacity: 1
			}
		},
		{ selector: '.eh-ghost-edge.eh-preview-active', style: { opacity: 0 } },
		...clusterStyle(theme, edgeColor),
		...lean,
		// Zoomed out: a short label above the box, sized per zoom by the canvas (landmarks.ts).
		{
			selector: 'node.event.landmark',
			style: {
				label: 'data(short)',
				'text-wrap': 'none',
				'text-max-width': '2000px',
				'text-valign': 'top',
				'font-weight': 600,
				'text-background-color': theme.surface,
				'text-background-opacity': 0.92,
				'text-background-shape': 'roundrectangle',
				'min-zoomed-font-size': 0,
				'z-index': 20
			}
		},
		{
			selector: 'node.event.focused',
			style: { 'outline-width': 4, 'outline-color': theme.accent, 'outline-style': 'solid', 'outline-offset': 3, 'outline-opacity': 1, opacity: 1, 'z-index': 15 }
		}
	];
}

/**
 * A large graph zoomed out (level-of-detail.ts): a cluster is a disc sized by its count, its kind
 * mix as a pie, its count and years as its label (sized for its level, dropped where too small to
 * read); the links between two clusters are one arrow, as wide as their number's logarithm.
 */
function clusterStyle(theme: GraphTheme, edgeColor: string): StylesheetJson {
	const slices = Object.fromEntries(
		EVENT_KINDS.flatMap((kind, i) => [
			[`pie-${i + 1}-background-color`, KIND_COLORS[kind]],
			[`pie-${i + 1}-background-size`, `data(k${i})`]
		])
	);
	return [
		{
			selector: 'node.cluster',
			style: {
				shape: 'ellipse',
				width: 'data(size)',
				height: 'data(size)',
				'background-color': theme.surface,
				'border-width': 'data(ring)',
				'border-color': theme.surface,
				'pie-size': '100%',
				...slices,
				label: 'data(label)',
				'font-size': 'data(font)',
				'font-weight': 700,
				'text-wrap': 'wrap',
				'text-valign': 'center',
				'text-halign': 'center',
				color: theme.text,
				'text-background-color': theme.surface,
				'text-background-opacity': 0.88,
				'text-background-shape': 'roundrectangle',
				'text-events': 'no',
				'min-zoomed-font-size': 9
			}
		},
		{
			selector: 'edge.bundle',
			style: {
				'curve-style': 'straight',
				width: 'data(width)',
				'line-color': edgeColor,
				'target-arrow-color': edgeColor,
				'target-arrow-shape': 'triangle',
				'arrow-scale': 0.8,
				opacity: 0.32
			}
		},
		{ selector: 'node.cluster.focused', style: { 'border-color': theme.accent } }
	] as StylesheetJson;
}
