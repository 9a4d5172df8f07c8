/**
 * How the server's figures grow with the document: the same built server on generated documents of
 * 1,000, 10,000 and 50,000 events (links 1.5× events), each measured alone: a single edit
 * acknowledged (sequential PATCHes), an export (GET /api/export, the causeway file, streamed), and
 * reading the whole document. Budgets (issue 14): single edit p50 ≤ 30 ms at 10k and at 50k;
 * export ≤ 300 ms at 10k and ≤ 1.5 s at 50k.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { documentText, generateDocument } from '../generate';
import { onCleanup, wasInterrupted } from '../lib/cleanup';
import { Client } from '../lib/http';
import type { BenchOptions } from '../lib/options';
import { verdict, type Row, type SectionReport } from '../lib/report';
import type { Section } from '../lib/section';
import { startServer } from '../lib/server';
import { bytes, ms, percentile } from '../lib/stats';

const SIZES = [1_000, 10_000, 50_000];
const EDITS = 100;
const EXPORTS = 5;
const READS = 5;
const BUDGET: Record<number, { edit?: number; export?: number }> = { 10_000: { edit: 30, export: 300 }, 50_000: { edit: 30, export: 1500 } };

interface Figures {
	size: number;
	bytes: number;
	startMs: number;
	edit: number[];
	exportMs: number[];
	exportBytes: number;
	read: number[];
}

async function measure(options: BenchOptions, events: number, log: (m: string) => void): Promise<Figures> {
	const doc = generateDocument({ events, links: Math.round(events * 1.5), actors: Math.max(20, Math.round(events / 50)), seed: options.seed });
	const text = documentText(doc);
	const dir = mkdtempSync(join(options.tmp, 'causeway-growth-'));
	const done = onCleanup('remove the temp folder', () => rm(dir, { recursive: true, force: true }), () => rmSync(dir, { recursive: true, force: true }));
	const dataFile = join(dir, 'causeway.json');
	writeFileSync(dataFile, text);
	const t0 = performance.now();
	const server = await startServer({ root: options.root, dataFile, build: options.build });
	const startMs = performance.now() - t0;
	const client = new Client(server.url, { maxSockets: 8 });
	const figures: Figures = { size: events, bytes: Buffer.byteLength(text), startMs, edit: [], exportMs: [], exportBytes: 0, read: [] };
	try {
		log(`${events} events (${bytes(figures.bytes)}): server up after ${ms(startMs)}; ${EDITS} edits, ${EXPORTS} exports, ${READS} reads…`);
		for (let i = 0; i < EDITS + 10 && !wasInterrupted(); i++) {
			const event = doc.events[(i * 7919) % doc.events.length];
			const t = performance.now();
			const r = await client.send('PATCH', `/api/events/${event.id}`, { title: `${event.title.slice(0, 60)} (${i})` });
			if (r.status !== 200) throw new Error(`an edit answered ${r.status}`);
			if (i >= 10) figures.edit.push(performance.now() - t);
		}
		for (let i = 0; i < EXPORTS && !wasInterrupted(); i++) {
			const t = performance.now();
			const r = await client.send('GET', '/api/export?format=causeway');
			figures.exportMs.push(performance.now() - t);
			if (r.status !== 200) throw new Error(`an export answered ${r.status}`);
			figures.exportBytes = r.body.length;
		}
		for (let i = 0; i < READS && !wasInterrupted(); i++) {
			const t = performance.now();
			await client.send('GET', '/api/document');
			figures.read.push(performance.now() - t);
		}
	} finally {
		client.close();
		await server.stop();
		await done();
	}
	return figures;
}

async function run(options: BenchOptions, log: (message: string) => void): Promise<SectionReport> {
	const all: Figures[] = [];
	for (const size of SIZES) {
		if (wasInterrupted()) break;
		all.push(await measure(options, size, log));
	}
	const series = (f: (x: Figures) => string) => all.map(f).join(' → ');
	const p50 = (xs: number[]) => percentile(xs, 50);
	const rows: Row[] = [
		{ figure: `document size, ${series((x) => `${x.size / 1000}k`)} events`, value: series((x) => bytes(x.bytes)), budget: '' },
		{ figure: 'server listening after start', value: series((x) => ms(x.startMs)), budget: '' },
		{ figure: 'single edit acknowledged, p50', value: series((x) => ms(p50(x.edit))), budget: '≤ 30 ms at 10k and 50k' },
		{ figure: '   … p99', value: series((x) => ms(percentile(x.edit, 99))), budget: '' },
		{ figure: 'export (causeway, streamed), p50', value: series((x) => ms(p50(x.exportMs))), budget: '≤ 300 ms at 10k, ≤ 1.5 s at 50k' },
		{ figure: '   … size', value: series((x) => bytes(x.exportBytes)), budget: '' },
		{ figure: 'GET /api/document, p50', value: series((x) => ms(p50(x.read))), budget: '' }
	];
	for (const x of all) {
		const b = BUDGET[x.size];
		if (!b) continue;
		rows.push({ figure: `   at ${x.size / 1000}k: edit p50 / export p50`, value: `${ms(p50(x.edit))} / ${ms(p50(x.exportMs))}`, budget: `≤ ${b.edit} ms / ≤ ${b.export} ms`, verdict: verdict(Math.max(p50(x.edit) / b.edit!, p50(x.exportMs) / b.export!), 1) });
	}
	return {
		title: `Server growth: ${SIZES.map((s) => s.toLocaleString('en')).join(' / ')} events (links 1.5×)`,
		rows,
		notes: [`each size: its own server on its own generated document; ${EDITS} sequential edits after 10 warm-up, ${EXPORTS} exports, ${READS} reads, one after another over keep-alive loopback`],
		details: [],
		failures: []
	};
}

export const serverGrowthSection: Section = {
	name: 'server-growth',
	description: 'the server at 1k, 10k and 50k events: single edit, streamed export, document read, and how each grows',
	run
};
