/**
 * GET /api/document compressed when the client accepts it (a 10,000-event document is ~15 MB of
 * JSON): the decoded body is the document, byte for byte; without Accept-Encoding the bytes go as
 * they are; after an edit the compressed document is the new one (nothing stale from the cache).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-document-encoding-'));
	server = await startServer({ CAUSEWAY_DATA: join(dir, 'causeway.json') });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

/** The document's response as it came over the wire (node:http decodes nothing). */
function getDocument(headers: Record<string, string>): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
	const { hostname, port } = new URL(server.url);
	return new Promise((ok, fail) => {
		const req = request({ host: hostname, port, path: '/api/document', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => ok({ headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', fail);
		});
		req.on('error', fail);
		req.end();
	});
}

describe('GET /api/document, compressed', () => {
	it('answers as they are without Accept-Encoding', async () => {
		const plain = await getDocument({});
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(JSON.parse(plain.body.toString('utf8')).schemaVersion).toBeGreaterThan(0);
	});

	it('gzip when accepted: the decoded body is the document, byte for byte', async () => {
		const plain = await getDocument({});
		const zipped = await getDocument({ 'accept-encoding': 'gzip' });
		expect(zipped.headers['content-encoding']).toBe('gzip');
		expect(zipped.headers.vary).toMatch(/accept-encoding/i);
		expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
		expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
	});

	it('brotli when a browser offers it', async () => {
		const plain = await getDocument({});
		const br = await getDocument({ 'accept-encoding': 'gzip, deflate, br, zstd' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
	});

	it('after an edit, the compressed document is the new one', async () => {
		await getDocument({ 'accept-encoding': 'gzip' });
		const created = await fetch(`${server.url}/api/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Compressed after the edit', start: '2024-08-06', kind: 'other' })
		});
		expect(created.status).toBe(201);
		const zipped = await getDocument({ 'accept-encoding': 'gzip' });
		const doc = JSON.parse(gunzipSync(zipped.body).toString('utf8'));
		expect(doc.events.some((e: { title: string }) => e.title === 'Compressed after the edit')).toBe(true);
		expect(gunzipSync(zipped.body).equals((await getDocument({})).body)).toBe(true);
	});
});
