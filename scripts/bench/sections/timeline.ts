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
import { verdict, type Row, type SectionReport } from '../lib/report';
import type { Section } from '../lib/section';
import { startServer } from '../lib/server';
import { ms, percentile } from '../lib/stats';

const BUDGET = { firstPaint: 2500, editRepaint: 150 } as const;
const LOADS = 3;
const DRAGS = 8;

/** Milliseconds from navigation start until the timeline shows items (clusters count: they are items). */
async function firstPaint(page: Page, url: string): Promise<{ paint: number; html: number }> {
	await page.goto(url, { waitUntil: 'commit' });
	await page.waitForFunction(() => document.querySelector('[aria-label="Timeline"] .vis-item'), null, { timeout: 120_000, polling: 'raf' });
	return page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		return { paint: performance.now(), html: nav.domContentLoadedEventEnd };
	});
}

/** A day-precision item wholly inside the visible timeline, with room to its right to be dragged. */
async function grabbablePoint(page: Page): Promise<{ x: number; y: number; width: number; height: number } | null> {
	return page.evaluate(() => {
		const panel = document.querySelector('[aria-label="Timeline"] .vis-panel.vis-center')!.getBoundingClientRect();
		for (const el of document.querySelectorAll('[aria-label="Timeline"] .vis-item.vis-point:not(.vis-cluster)')) {
			const r = el.getBoundingClientRect();
			if (r.left > panel.left + 10 && r.left + 160 < panel.right && r.top > panel.top && r.bottom < panel.bottom) {
				return { x: r.left, y: r.top, width: r.width, height: r.height };
			}
		}
		return null;
	});
}

/**
 * Drags one visible item a little to the right and resolves with the time from release to the
 * frame after the "Moved …" notice (which the page shows once the edit is saved and applied).
 */
async function dragOnce(page: Page): Promise<number> {
	const box = await grabbablePoint(page);
	if (!box) throw new Error('no item in view to drag');
	await page.evaluate(() => {
		const w = window as unknown as { __benchRelease?: number; __benchPainted?: Promise<number> };
		w.__benchPainted = new Promise<number>((resolve) => {
			const status = document.querySelector('[role="status"]')!;
			const seen = status.textContent ?? '';
			const observer = new MutationObserver(() => {
				if (/Moved/.test(status.textContent ?? '') && status.textContent !== seen) {
					observer.disconnect();
					requestAnimationFrame(() => resolve(performance.now()));
				}
			});
			observer.observe(status, { childList: true, subtree: true, characterData: true });
		});
		addEventListener('pointerup', () => (w.__benchRelease = performance.now()), { once: true, capture: true });
	});
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + 6, y);
	await page.mouse.down();
	// Far enough to cross a day boundary at any zoom the bench uses (a smaller move snaps back unsaved).
	await page.mouse.move(box.x + 60, y, { steps: 4 });
	await page.mouse.move(box.x + 140, y, { steps: 4 });
	await page.mouse.up();
	return page.evaluate(async () => {
		const w = window as unknown as { __benchRelease: number; __benchPainted: Promise<number> };
		const painted = await Promise.race([w.__benchPainted, new Promise<number>((r) => setTimeout(() => r(NaN), 10_000))]);
		return painted - w.__benchRelease;
	});
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
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		const failures: string[] = [];
		page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));

		log(`a. first paint, ${LOADS} loads…`);
		const loads: { paint: number; html: number }[] = [];
		for (let i = 0; i < LOADS; i++) loads.push(await firstPaint(page, server.url));
		const paints = loads.map((l) => l.paint);

		log(`b. ${DRAGS} drags, each saved through the API…`);
		// Zoom in until a single item (not a cluster) can be taken hold of: one at the very edge of the
		// window is not enough.
		await page.locator('[aria-label="Timeline"] [role="application"]').focus();
		for (let i = 0; i < 12 && !(await grabbablePoint(page)); i++) {
			await page.keyboard.press('+');
			await page.waitForTimeout(150);
		}
		const repaints: number[] = [];
		for (let i = 0; i < DRAGS; i++) {
			// Each drag moves an item to the right: when none is left with room, zoom in further.
			for (let z = 0; z < 6 && !(await grabbablePoint(page)); z++) {
				await page.keyboard.press('+');
				await page.waitForTimeout(150);
			}
			const t = await dragOnce(page);
			if (Number.isFinite(t)) repaints.push(t);
			else failures.push(`drag ${i + 1}: the edit was not shown as saved within 10 s`);
			await page.waitForTimeout(200);
		}
		await browser.close();
		await server.stop();

		const medianPaint = percentile(paints, 50);
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
