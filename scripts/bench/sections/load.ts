/**
 * The page's first document, at the bench size (10,000 events by default; `--events 50000` for the
 * larger budget):
 *   a. GET /api/document as it is, gzipped and brotli-compressed: bytes on the wire, the first
 *      read of a revision (which compresses) and later reads (served from the cache), over
 *      loopback; and what the bytes would take on a 50 Mbit/s link;
 *   b. in headless Chromium, how much of the page's first paint the document costs: its fetch as
 *      the page made it (Resource Timing), JSON.parse of the same text, and the heap it holds,
 *      beside the page's first paint (both views).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../chromium.mjs';
import { documentText, generateDocument } from '../generate';
import { onCleanup } from '../lib/cleanup';
import type { BenchOptions } from '../lib/options';
import { freshContext, heapAfterGc, median, openAndPaint } from '../lib/page';
import type { Row } from '../lib/report';
import type { Section } from '../lib/section';
import { startServer } from '../lib/server';
import { bytes, ms } from '../lib/stats';

const READS = 5;
const LINK_MBIT = 50;

/** One GET of the document with the given Accept-Encoding: wire bytes and milliseconds to the last byte. */
function getDocument(url: string, acceptEncoding: string): Promise<{ bytes: number; ms: number; encoding: string }> {
	const { hostname, port } = new URL(url);
	const t0 = performance.now();
	return new Promise((resolve, reject) => {
		const req = request({ host: hostname, port, path: '/api/document', headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}, agent: false }, (res) => {
			let length = 0;
			res.on('data', (c: Buffer) => (length += c.length));
			res.on('end', () => resolve({ bytes: length, ms: performance.now() - t0, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

export const loadSection: Section = {
	name: 'load',
	description: 'the first document: GET /api/document as it is, gzip and brotli (bytes, time), and its share of the page’s first paint',
	async run(options: BenchOptions, log) {
		const executablePath = findChromium();
		if (!executablePath) throw new Error('no Chromium found: run `node scripts/ensure-chromium.mjs` (or set CHROMIUM_PATH)');
		log(`generating ${options.events} events, ${options.links} links (seed ${options.seed})…`);
		const doc = generateDocument(options);
		const dir = mkdtempSync(join(options.tmp, 'causeway-bench-load-'));
		onCleanup('remove the load data folder', () => rmSync(dir, { recursive: true, force: true }));
		const dataFile = join(dir, 'causeway.json');
		writeFileSync(dataFile, documentText(doc));
		const server = await startServer({ root: options.root, dataFile, build: options.build, log: options.verbose ? log : undefined });
		const failures: string[] = [];
		const rows: Row[] = [];

		log('a. GET /api/document: identity, gzip, br…');
		for (const [name, accept] of [['as it is', ''], ['gzip', 'gzip'], ['brotli', 'gzip, deflate, br']] as const) {
			const first = await getDocument(server.url, accept);
			const later: number[] = [];
			for (let i = 0; i < READS; i++) later.push((await getDocument(server.url, accept)).ms);
			if (accept && first.encoding === 'identity') failures.push(`a. ${name}: the server answered uncompressed`);
			rows.push({
				figure: `a. ${name.padEnd(8)} ${bytes(first.bytes).padStart(8)} on the wire: first read / later reads (median), loopback`,
				value: `${ms(first.ms)} / ${ms(median(later))}`
			});
			rows.push({ figure: `   … at ${LINK_MBIT} Mbit/s the bytes alone take`, value: ms((first.bytes * 8) / (LINK_MBIT * 1000)) });
		}

		log('b. the document’s share of the first paint…');
		const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
		onCleanup('close Chromium', () => browser.close());
		const paints: number[] = [];
		const fetches: { duration: number; transfer: number; decoded: number }[] = [];
		const parses: number[] = [];
		let held = NaN;
		for (let i = 0; i < 3; i++) {
			const context = await freshContext(browser);
			try {
				const page = await context.newPage();
				// The graph's paint stands for the page's: the timeline can stay hidden for good (issue 14's
				// first defect), and the graph needs the whole document too.
				paints.push((await openAndPaint(page, server.url, { timeline: false, graph: true, events: doc.events.length }, 120_000)).graph);
				const entry = await page.evaluate(() => {
					const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/api/document')) as PerformanceResourceTiming | undefined;
					return e ? { duration: e.responseEnd - e.startTime, transfer: e.transferSize, decoded: e.decodedBodySize } : null;
				});
				// A small document is written into the page's HTML (+page.server.ts) and not fetched.
				if (entry) fetches.push(entry);
				// Parsed and held on a page of the same origin that runs nothing else (the app's own
				// work would blur the heap's difference).
				await page.goto(`${server.url}/api/schema`);
				const text = await page.evaluate(async () => {
					const w = window as unknown as { __benchText: string };
					w.__benchText = await (await fetch('/api/document')).text();
					return w.__benchText.length;
				});
				if (!text) failures.push('b. the document could not be fetched again');
				const before = await heapAfterGc(page);
				parses.push(
					await page.evaluate(() => {
						const w = window as unknown as { __benchText: string; __benchDoc: unknown };
						const t0 = performance.now();
						w.__benchDoc = JSON.parse(w.__benchText);
						return performance.now() - t0;
					})
				);
				if (i === 0) held = (await heapAfterGc(page)) - before;
			} finally {
				await context.close();
			}
		}
		await browser.close();
		await server.stop();

		const paint = median(paints);
		const parse = median(parses);
		const fetched = median(fetches.map((f) => f.duration));
		rows.push(
			{ figure: 'b. page first paint (the graph: every event on the canvas), median', value: ms(paint) },
			{ figure: '   … the page’s fetch of /api/document (request → last byte), median', value: fetches.length ? `${ms(fetched)}  (${((fetched / paint) * 100).toFixed(0)}% of it)` : '—' },
			{ figure: '   … its bytes on the wire / decoded', value: fetches.length ? `${bytes(fetches[0].transfer)} / ${bytes(fetches[0].decoded)}` : 'in the HTML (not fetched)' },
			{ figure: '   … JSON.parse of the document in the page, median', value: `${ms(parse)}  (${Number.isFinite(paint) ? ((parse / paint) * 100).toFixed(0) : '—'}% of it)` },
			{ figure: '   … heap one parsed copy holds', value: Number.isFinite(held) ? bytes(held) : '—' }
		);
		return {
			title: `Load: the first document, ${doc.events.length.toLocaleString('en')} events, ${doc.links.length.toLocaleString('en')} links`,
			rows,
			notes: [
				'a. over loopback the transfer is nearly free; the Mbit/s line is what the bytes cost on a real link',
				'b. the page holds its document once more in the editor (and the views their own elements): the heap line is one parsed copy'
			],
			failures
		};
	}
};
