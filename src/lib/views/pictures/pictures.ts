/**
 * Pictures for Export: the SVG text of a view as a file, or drawn on a canvas as a PNG (the
 * browser draws the SVG, so both show the same). Browser-only (Image, canvas).
 */
import type { CausewayDocument } from '$lib/domain/schema';

export type PictureKind = 'png' | 'svg';
/** Everything, or what the filter shows. */
export type PictureScope = 'all' | 'shown';

/** The canvas limits of common browsers: a larger picture is drawn smaller rather than not at all. */
const MAX_SIDE = 16_000;
const MAX_AREA = 120_000_000;

/** `svg` as a file of `kind`: the text itself, or a PNG at twice its size (less when that is too large). */
export async function pictureFile(svg: string, kind: PictureKind): Promise<Blob> {
	if (kind === 'svg') return new Blob([svg], { type: 'image/svg+xml' });
	const size = /width="(\d+)" height="(\d+)"/.exec(svg);
	const width = Number(size?.[1] ?? 1200);
	const height = Number(size?.[2] ?? 800);
	const scale = Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const context = canvas.getContext('2d')!;
		context.scale(scale, scale);
		context.drawImage(image, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the picture is too large to draw'))), 'image/png'));
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** The whole timeline (or what the filter shows, `shown`) as a picture. */
export async function timelinePicture(doc: CausewayDocument, kind: PictureKind, shown: ReadonlySet<string> | null): Promise<Blob> {
	// Loaded when asked for: the page's first load does not carry it.
	const { timelineSvg } = await import('./timeline-svg');
	return pictureFile(timelineSvg(doc, { eventIds: shown }), kind);
}
