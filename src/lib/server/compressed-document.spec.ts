import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressedDocument } from './compressed-document';

describe('chooseEncoding', () => {
	it('prefers brotli, then gzip, and answers none when neither is accepted', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('deflate')).toBeNull();
		expect(chooseEncoding('')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
		expect(chooseEncoding('identity')).toBeNull();
	});

	it('reads q-values: q=0 refuses, * accepts what is not named', () => {
		expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0')).toBeNull();
		expect(chooseEncoding('GZIP;Q=0.5')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('*, br;q=0')).toBe('gzip');
	});
});

describe('compressedDocument', () => {
	const json = Buffer.from(JSON.stringify({ events: Array.from({ length: 500 }, (_, i) => ({ id: `e${i}`, title: 'An event' })) }));

	it('decodes to the same bytes, in both encodings', async () => {
		const doc = {};
		expect(gunzipSync(await compressedDocument(doc, json, 'gzip')).equals(json)).toBe(true);
		expect(brotliDecompressSync(await compressedDocument(doc, json, 'br')).equals(json)).toBe(true);
	});

	it('compresses once per document: the same revision gets the same bytes, a new one new bytes', async () => {
		const first = {};
		const a = compressedDocument(first, json, 'gzip');
		expect(compressedDocument(first, json, 'gzip')).toBe(a);
		const next = Buffer.from(JSON.stringify({ events: [] }));
		const b = await compressedDocument({}, next, 'gzip');
		expect(gunzipSync(b).equals(next)).toBe(true);
		expect(await compressedDocument(first, json, 'gzip')).toBe(await a);
	});

	it('never serves bytes compressed from other JSON, even for the same document object', async () => {
		const doc = {};
		await compressedDocument(doc, json, 'gzip');
		const changed = Buffer.from(JSON.stringify({ events: [{ id: 'changed' }] }));
		expect(gunzipSync(await compressedDocument(doc, changed, 'gzip')).equals(changed)).toBe(true);
		// An equal copy of the same bytes is the same document: no second compression.
		const c = compressedDocument(doc, changed, 'gzip');
		expect(compressedDocument(doc, Buffer.from(changed), 'gzip')).toBe(c);
	});
});
