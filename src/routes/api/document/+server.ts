import { chooseEncoding, compressedDocument } from '$lib/server/compressed-document';
import { storeFor } from '$lib/server/documents';
import { answer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** A view of the bytes, not a copy (a Uint8Array made from a Buffer copies it: 15 MB per read). */
const view = (bytes: Buffer) => new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);

/**
 * The whole document, served from the bytes last written to disk: compressed (brotli or gzip,
 * made once per revision) when the client accepts it, as they are otherwise.
 */
export const GET: RequestHandler = (event) =>
	answer(async () => {
		const store = await storeFor(event);
		// Read together, in one tick: the bytes are those of this document.
		const document = store.document;
		const json = store.documentJson();
		const encoding = chooseEncoding(event.request.headers.get('accept-encoding'));
		const headers: Record<string, string> = { 'content-type': 'application/json', vary: 'Accept-Encoding' };
		if (!encoding) return new Response(view(json), { headers });
		const body = await compressedDocument(document, json, encoding);
		return new Response(view(body), { headers: { ...headers, 'content-encoding': encoding, 'content-length': String(body.length) } });
	});
