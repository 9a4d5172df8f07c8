/**
 * The page at 10,000 events (the budget's size, a generated document on a server of its own): the
 * timeline appears every time it is loaded, and an edit with an event selected leaves the page its
 * own size (a pane's content never stretches the document).
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentText, generateDocument } from '../../scripts/bench/generate';
import { startServer, type RunningServer } from '../support/server';

const LOADS = 10;

let server: RunningServer;
let dir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(180_000);
	dir = await mkdtemp(join(tmpdir(), 'causeway-timeline-scale-'));
	const file = join(dir, 'causeway.json');
	await writeFile(file, documentText(generateDocument({ events: 10_000, links: 15_000, actors: 200, seed: 1 })));
	server = await startServer({ CAUSEWAY_DATA: file });
});

test.afterAll(async () => {
	await server?.stop();
	if (dir) await rm(dir, { recursive: true, force: true });
});

/** Where the timeline's first item wholly inside its pane is, and what the page has on top of its middle. */
async function itemInView(page: Page) {
	return page.evaluate(() => {
		const root = document.querySelector<HTMLElement>('[aria-label="Timeline"] .vis-timeline');
		const pane = document.querySelector('[aria-label="Timeline"] .vis-panel.vis-center')?.getBoundingClientRect();
		if (!root || !pane) return null;
		for (const item of document.querySelectorAll<HTMLElement>('[aria-label="Timeline"] .vis-item')) {
			const r = item.getBoundingClientRect();
			const x = (r.left + r.right) / 2;
			const y = (r.top + r.bottom) / 2;
			if (r.width === 0 || x < pane.left || x > pane.right || y < pane.top || y > pane.bottom) continue;
			const top = document.elementFromPoint(x, y);
			return {
				rootVisibility: getComputedStyle(root).visibility,
				itemVisibility: getComputedStyle(item).visibility,
				onTop: !!top && item.contains(top),
				loadingScreen: !!document.querySelector('[aria-label="Timeline"] .vis-loading-screen')
			};
		}
		return null;
	});
}

test('at 10,000 events the timeline appears with its items on top, 10 first visits in a row (CPU slowed down 2×)', async ({ browser }) => {
	test.setTimeout(LOADS * 60_000);
	for (let load = 1; load <= LOADS; load++) {
		// A first visit each time (nothing cached), on a CPU slower than this machine's: whether the
		// document or the timeline's scripts arrive first varies from load to load, as it does for people.
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		try {
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: 2 });
			await page.goto(server.url);
			await expect(page.locator('[aria-label="Timeline"] .vis-item').first()).toBeAttached({ timeout: 45_000 });
			await expect
				.poll(() => itemInView(page), { timeout: 15_000, message: `load ${load}: an item of the timeline in view, visible and on top` })
				.toEqual({ rootVisibility: 'visible', itemVisibility: 'visible', onTop: true, loadingScreen: false });
		} finally {
			await context.close();
		}
	}
});
