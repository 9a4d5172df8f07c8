/**
 * The graph as a picture, for Export and for print. Export draws it anew from the document
 * (pictures/graph-svg.ts, loaded when asked for): what is shown, where it is on the canvas; or
 * everything, in the story layout, when a filter hides some. Print takes the view as it is.
 */
import type { CausewayDocument } from '$lib/domain/schema';
import { pictureFile, type PictureKind, type PictureScope } from '$lib/views/pictures/pictures';
import type { GraphCanvas } from './graph-canvas';
import { NODE, PRINT_THEME, type GraphTheme } from './graph-style';

/** The picture file of the graph on `canvas`; `shown`: the events the filter shows (null: no filter). */
export async function graphPicture(canvas: GraphCanvas, doc: CausewayDocument, shown: ReadonlySet<string> | null, kind: PictureKind, scope: PictureScope): Promise<Blob> {
	const { graphSvg } = await import('$lib/views/pictures/graph-svg');
	const everything = scope === 'all' && shown !== null;
	const positions = everything
		? (await import('$lib/views/pictures/story-positions')).storyPositions(doc)
		: canvas.placedEvents();
	const linkIds = everything ? null : canvas.placedLinks();
	return pictureFile(graphSvg(doc, { positions, node: NODE, linkIds, filtered: !everything && shown !== null }), kind);
}

/**
 * The view as it is, in light colours, as an image URL: printed instead of the canvas, which would
 * print in the screen's theme and may not redraw before the page is printed. cytoscape draws
 * the PNG at once, with the style in force at the call.
 */
export function printSnapshot(canvas: GraphCanvas, theme: GraphTheme): string {
	canvas.restyle(PRINT_THEME);
	const url = canvas.cy.png({ output: 'base64uri', full: false, scale: 2, bg: '#ffffff' });
	canvas.restyle(theme);
	return url;
}
