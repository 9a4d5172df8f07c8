/**
 * The document's JSON, compressed for clients that accept it (a 10,000-event document is ~15 MB
 * of JSON and ~2 MB gzipped). Compressing 15 MB takes a few hundred milliseconds, so it runs on
 * libuv's thread pool (async zlib; the event loop stays free for edits) and once per stored
 * document: every later read of the same revision gets the same bytes.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The encoding to answer with, from an Accept-Encoding header: brotli when accepted (smaller at
 * the same speed, at quality 4), else gzip, else none. `q=0` refuses an encoding; `*` accepts any.
 */
export function chooseEncoding(header: string | null | undefined): Encoding | null {
	if (!header) return null;
	const accepted = new Map<string, number>();
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)).find(Boolean);
		accepted.set(name, q ? Number(q[1]) : 1);
	}
	const ok = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
	return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/** Compressed bytes per stored document (its object is replaced on each commit) and encoding. */
const cache = new WeakMap<object, { json: Buffer; bytes: Partial<Record<Encoding, Promise<Buffer>>> }>();

/**
 * `json` compressed with `encoding`, made once per `document` (the object `json` was written
 * from): concurrent reads of one revision share one compression, and a later revision's document
 * is a new key, so nothing stale is served and old entries go with their documents.
 */
export function compressedDocument(document: object, json: Buffer, encoding: Encoding): Promise<Buffer> {
	let entry = cache.get(document);
	// Bytes other than those compressed for this document (a store that changed a document in
	// place) are compressed afresh rather than served stale; comparing is a memcmp, far cheaper
	// than compressing.
	if (!entry || (entry.json !== json && !entry.json.equals(json))) cache.set(document, (entry = { json, bytes: {} }));
	const made = entry.bytes;
	let bytes = made[encoding];
	if (!bytes) {
		bytes = encoding === 'br'
			? brotli(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } })
			: gzipAsync(json, { level: 6 });
		made[encoding] = bytes;
		// A failed compression is not kept: the next read tries again.
		bytes.catch(() => delete made[encoding]);
	}
	return bytes;
}
