import { exportDocumentPieces } from '$lib/domain/formats';
import { exportQuery } from '$lib/domain/formats/query';
import { answer } from '$lib/server/http';
import { getStore } from '$lib/server/instance';
import type { RequestHandler } from './$types';

/** Pieces are sent in chunks of about this size: few enough writes, little held in memory. */
const CHUNK = 64 * 1024;

const encoder = new TextEncoder();

/**
 * The pieces as a byte stream, encoded as the client reads them (pulled), so a 50,000-event export
 * is never one string in memory. The document is the one durable when the request came: documents
 * are immutable, so edits committed meanwhile do not reach into it.
 */
function streamOf(pieces: Iterable<string | Uint8Array>): ReadableStream<Uint8Array> {
	const iterator = pieces[Symbol.iterator]();
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			let text = '';
			for (;;) {
				const next = iterator.next();
				if (next.done) {
					if (text) controller.enqueue(encoder.encode(text));
					controller.close();
					return;
				}
				if (typeof next.value !== 'string') {
					if (text) controller.enqueue(encoder.encode(text));
					controller.enqueue(next.value);
					return;
				}
				text += next.value;
				if (text.length >= CHUNK) {
					controller.enqueue(encoder.encode(text));
					return;
				}
			}
		},
		cancel() {
			iterator.return?.();
		}
	});
}

/** `?format=causeway|cytoscape|jgf|graphml|csv|timelinejs&ids=a,b&asOf=YYYY-MM-DD`: the document, what was known of it then, or what is shown of it, as a download. */
export const GET: RequestHandler = ({ url }) =>
	answer(() => {
		const { format, ids, asOf } = exportQuery(url.searchParams);
		const file = exportDocumentPieces(getStore().document, format, { ids, asOf });
		return new Response(streamOf(file.pieces), {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename="${file.filename}"`,
				'cache-control': 'no-store'
			}
		});
	});
