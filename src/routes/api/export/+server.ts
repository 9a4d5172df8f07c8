import { exportDocumentPieces } from '$lib/domain/formats';
import { exportQuery } from '$lib/domain/formats/query';
import { storeFor } from '$lib/server/documents';
import { answer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Pieces are sent in chunks of about this size: each chunk costs a trip through the web stream and the socket, so not too small; one at a time is held in memory. */
const CHUNK = 1024 * 1024;

const encoder = new TextEncoder();

/**
 * The pieces as a byte stream, copied into chunks as the client reads them (pulled), so a
 * 50,000-event export is never one string in memory. The document is the one durable when the
 * request came: documents are immutable, so edits committed meanwhile do not reach into it.
 */
function streamOf(pieces: Iterable<string | Uint8Array>): ReadableStream<Uint8Array> {
	const iterator = pieces[Symbol.iterator]();
	let carry: Uint8Array | null = null;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			const chunk = new Uint8Array(CHUNK);
			let used = 0;
			for (;;) {
				let piece = carry;
				carry = null;
				if (!piece) {
					const next = iterator.next();
					if (next.done) {
						if (used) controller.enqueue(chunk.subarray(0, used));
						controller.close();
						return;
					}
					piece = typeof next.value === 'string' ? encoder.encode(next.value) : next.value;
				}
				if (used + piece.byteLength > CHUNK) {
					// A piece larger than a chunk goes on its own; a smaller one starts the next chunk.
					if (used === 0) controller.enqueue(piece);
					else (controller.enqueue(chunk.subarray(0, used)), (carry = piece));
					return;
				}
				chunk.set(piece, used);
				used += piece.byteLength;
			}
		},
		cancel() {
			iterator.return?.();
		}
	});
}

/** `?format=causeway|cytoscape|jgf|graphml|csv|timelinejs&ids=a,b&asOf=YYYY-MM-DD`: the document, what was known of it then, or what is shown of it, as a download. */
export const GET: RequestHandler = (event) =>
	answer(async () => {
		const { url } = event;
		const { format, ids, asOf } = exportQuery(url.searchParams);
		const file = exportDocumentPieces((await storeFor(event)).document, format, { ids, asOf });
		return new Response(streamOf(file.pieces), {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename="${file.filename}"`,
				'cache-control': 'no-store'
			}
		});
	});
