/**
 * Timeline figures at the budget size (PRODUCT.md "Performance budgets"), in headless Chromium
 * against the built server holding 10,000 events:
 *   a. first paint: from navigation to the first timeline items on screen (median of 3 loads);
 *   b. an edit repainted: a real drag of an item, from the pointer's release to the frame after the
 *      page has the saved, snapped item back (server acknowledgement included).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../chromium.mjs';
import { documentText, generateDocument } from '../generate';
import { onCleanup } from '../lib/cleanup';
import type { BenchOptions } from '../lib/options';
import { dragRepaint, freshContext, openAndPaint } from '../lib/page';
import { verdict, type Row, type SectionReport } from '../lib/report';
import type { Section } from '../lib/section';
import { startServer } from '../lib/server';
import { ms, percentile } from '../lib/stats';

const BUDGET = { firstPaint: 2500, editRepaint: 150 } as const;
const LOADS = 3;
const DRAGS = 8;
/** A timeline not visible by then (vis-timeline's loading screen can stay on top for good) is not painted. */
const STALL_MS = 60_000;

/** Milliseconds from navigation start until the timeline shows items (clusters count: they are items). */
async function firstPaint(page: Page, url: string): Promise<{ paint: number; html: number }> {
	const { timeline } = await openAndPaint(page, url, { timeline: true, graph: false, events: 0 }, STALL_MS);
	const html = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
	return { paint: timeline, html };
}

export const timelineSection: Section = {
	name: 'timeline',
	description: 'timeline first paint and edit-to-repaint with 10,000 events, in headless Chromium',
	async run(options: BenchOptions, log) {
		const executablePath = findChromium();
		if (!executablePath) throw new Error('no Chromium found: run `node scripts/ensure-chromium.mjs` (or set CHROMIUM_PATH)');
		log(`generating ${options.events} events, ${options.links} links, ${options.actors} actors (seed ${options.seed})…`);
		const doc = generateDocument(options);
		const dir = mkdtempSync(join(options.tmp, 'causeway-bench-timeline-'));
		onCleanup('remove the timeline data folder', () => rmSync(dir, { recursive: true, force: true }));
		const dataFile = join(dir, 'causeway.json');
		writeFileSync(dataFile, documentText(doc));

		log('starting the server…');
		const server = await startServer({ root: options.root, dataFile, build: options.build, log: options.verbose ? log : undefined });
		const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
		onCleanup('close Chromium', () => browser.close());
		const context = await freshContext(browser);
		const page = await context.newPage();
		const failures: string[] = [];
		page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));

		log(`a. first paint, ${LOADS} loads…`);
		const loads: { paint: number; html: number }[] = [];
		for (let i = 0; i < LOADS; i++) loads.push(await firstPaint(page, server.url));
		const paints = loads.map((l) => l.paint);
		if (paints.some((p) => !Number.isFinite(p))) failures.push(`a. the timeline was not visible within ${STALL_MS / 1000} s in ${paints.filter((p) => !Number.isFinite(p)).length} of ${LOADS} loads`);

		log(`b. ${DRAGS} drags, each saved through the API…`);
		const repaints: number[] = [];
		for (let i = 0; i < DRAGS; i++) {
			const t = await dragRepaint(page);
			if (Number.isFinite(t)) repaints.push(t);
			else failures.push(`drag ${i + 1}: no item could be dragged, or the edit was not shown as saved within 10 s`);
			await page.waitForTimeout(200);
		}
		await browser.close();
		await server.stop();

		const medianPaint = percentile(paints.filter(Number.isFinite), 50);
		const rows: Row[] = [
			{ figure: 'a. timeline first paint (navigation → items on screen), median', value: ms(medianPaint), budget: `≤ ${ms(BUDGET.firstPaint)}`, verdict: verdict(medianPaint, BUDGET.firstPaint) },
			{ figure: '   … each load', value: paints.map(ms).join(' / ') },
			{ figure: '   … HTML parsed (DOMContentLoaded), median', value: ms(percentile(loads.map((l) => l.html), 50)) }
		];
		if (repaints.length) {
			const p50 = percentile(repaints, 50);
			rows.push(
				{ figure: 'b. edit repainted (drag released → saved item on screen), p50', value: ms(p50), budget: `≤ ${ms(BUDGET.editRepaint)}`, verdict: verdict(p50, BUDGET.editRepaint) },
				{ figure: '   … max', value: ms(Math.max(...repaints)) }
			);
		}
		return {
			title: `Timeline: ${doc.events.length.toLocaleString('en')} events in headless Chromium (1440×900)`,
			rows,
			notes: [
				'a. the page as a user opens it: server-rendered shell and table, then the timeline loads vis-timeline and draws (clustered above 300 events)',
				'b. includes the server’s acknowledgement (the edit is on disk before the page shows it saved)'
			],
			failures
		};
	}
};
