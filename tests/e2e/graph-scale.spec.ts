/**
 * The graph at 10,000 events and 15,000 links (a generated document on a server of its own): what
 * cytoscape is given stays small — clusters when zoomed out, the events in view when zoomed in —
 * while the graph still says it shows every event; a cluster opens from the keyboard; the layouts
 * run off the page's thread. Figures of speed are the bench's (npm run bench), not asserted here.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentText, generateDocument } from '../../scripts/bench/generate';
import { startServer, type RunningServer } from '../support/server';

const graph = (page: Page) => page.getByRole('region', { name: 'Graph' });
const canvas = (page: Page) => graph(page).getByRole('application');
const number = async (page: Page, name: string) => Number(await canvas(page).getAttribute(name));

let server: RunningServer;
let dir: string;
let someEvent: string;

test.beforeAll(async () => {
	test.setTimeout(180_000);
	dir = await mkdtemp(join(tmpdir(), 'causeway-graph-scale-'));
	const doc = generateDocument({ events: 10_000, links: 15_000, actors: 200, seed: 3 });
	someEvent = doc.events[4321].id;
	await writeFile(join(dir, 'causeway.json'), documentText(doc));
	server = await startServer({ CAUSEWAY_DATA: join(dir, 'causeway.json') });
});

test.afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

async function open(page: Page, path = '/') {
	await page.goto(server.url + path);
	await expect(canvas(page)).toHaveAttribute('data-events', '10000', { timeout: 90_000 });
	await expect(canvas(page)).toHaveAttribute('data-painted', 'true', { timeout: 30_000 });
	await expect(canvas(page)).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
}

test.describe('the graph at 10,000 events', () => {
	test.setTimeout(180_000);

	test('zoomed in it draws the events in view, zoomed out clusters: never all 25,000 elements', async ({ page }) => {
		// Opened on a selected event: at reading distance, single events with their labels.
		await open(page, `/?select=event:${someEvent}`);
		await expect(canvas(page)).toHaveAttribute('data-links', '15000');
		await expect.poll(() => number(page, 'data-labels'), { timeout: 10_000 }).toBeGreaterThan(0);
		expect(await number(page, 'data-clusters')).toBe(0);
		// The attributes are written as the canvas is drawn, not all in one frame.
		await expect.poll(() => number(page, 'data-drawn'), { timeout: 10_000 }).toBeGreaterThan(0);
		const near = await number(page, 'data-drawn');
		expect(near).toBeLessThan(3000);
		// Panning brings other events in; the count on the canvas stays about the same.
		await canvas(page).focus();
		for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
		await page.waitForTimeout(800);
		expect(await number(page, 'data-drawn')).toBeLessThan(3000);
		// Everything in view: clusters with counts, and far fewer elements.
		await page.keyboard.press('0');
		await expect.poll(() => number(page, 'data-clusters'), { timeout: 10_000 }).toBeGreaterThan(5);
		await expect(graph(page).getByText(/gathered in \d+ clusters/)).toBeVisible();
		expect(await number(page, 'data-drawn')).toBeLessThan(1500);
		await expect(canvas(page)).toHaveAttribute('data-events', '10000');
	});

	test('a cluster opens from the keyboard: arrows reach it, it is announced, Enter zooms into it', async ({ page }) => {
		await open(page);
		await canvas(page).focus();
		await page.keyboard.press('0');
		await expect.poll(() => number(page, 'data-clusters'), { timeout: 10_000 }).toBeGreaterThan(5);
		const before = await number(page, 'data-zoom');
		await page.keyboard.press('ArrowRight');
		await expect(graph(page).getByText(/^A cluster of [\d,]+ events, \d{4}/)).toBeAttached({ timeout: 15_000 });
		await page.keyboard.press('Enter');
		await expect(graph(page).getByText(/^Opened:/)).toBeAttached({ timeout: 15_000 });
		await expect.poll(() => number(page, 'data-zoom'), { timeout: 10_000 }).toBeGreaterThan(before * 1.5);
	});

	test('a drag on a cluster pans the view, in draw mode too: no line to nowhere, nothing stored', async ({ page }) => {
		await open(page);
		await expect(graph(page).getByRole('checkbox', { name: 'Drag draws links' })).toBeChecked();
		await canvas(page).focus();
		await page.keyboard.press('0');
		await expect.poll(() => number(page, 'data-clusters'), { timeout: 10_000 }).toBeGreaterThan(5);
		await page.waitForTimeout(500);
		type Cy = { nodes(s: string): { renderedPosition(): { x: number; y: number } }[] & { length: number }; pan(): { x: number; y: number }; edges(s: string): { length: number } };
		const read = () =>
			canvas(page).evaluate((el) => {
				const cy = (el as unknown as { _cyreg: { cy: Cy } })._cyreg.cy;
				const clusters = cy.nodes('node.cluster');
				const box = el.getBoundingClientRect();
				// The cluster nearest the middle, where a drag of 120 px stays inside the pane.
				let best: { x: number; y: number } | null = null;
				for (let i = 0; i < clusters.length; i++) {
					const p = clusters[i].renderedPosition();
					if (!best || Math.hypot(p.x - box.width / 2, p.y - box.height / 2) < Math.hypot(best.x - box.width / 2, best.y - box.height / 2)) best = p;
				}
				return { at: best && { x: box.left + best.x, y: box.top + best.y }, pan: cy.pan(), previews: cy.edges('.eh-preview, .eh-ghost-edge').length };
			});
		const before = await read();
		expect(before.at).not.toBeNull();
		const links = await number(page, 'data-links');
		await page.mouse.move(before.at!.x, before.at!.y);
		await page.mouse.down();
		await page.mouse.move(before.at!.x + 60, before.at!.y + 20, { steps: 4 });
		await page.mouse.move(before.at!.x + 120, before.at!.y + 40, { steps: 4 });
		expect((await read()).previews).toBe(0);
		await page.mouse.up();
		const after = await read();
		expect(after.pan.x - before.pan.x).toBeGreaterThan(60);
		expect(after.pan.y - before.pan.y).toBeGreaterThan(15);
		expect(await number(page, 'data-links')).toBe(links);
		await expect(page.getByRole('status')).not.toContainText(/link/i);
	});

	test('the overview shows every event, though the canvas holds only what is in view', async ({ page }) => {
		await open(page, `/?select=event:${someEvent}`);
		await expect.poll(() => number(page, 'data-drawn'), { timeout: 10_000 }).toBeGreaterThan(0);
		expect(await number(page, 'data-drawn')).toBeLessThan(3000);
		await graph(page).getByRole('checkbox', { name: 'Overview' }).check();
		const overview = graph(page).getByTitle(/^Overview/);
		await expect(overview).toHaveAttribute('data-dots', '10000');
		// Panning the graph changes what the canvas holds, not the overview's dots.
		await canvas(page).focus();
		for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
		await page.waitForTimeout(500);
		await expect(overview).toHaveAttribute('data-dots', '10000');
		// Zoomed out to clusters, still every event.
		await page.keyboard.press('0');
		await expect.poll(() => number(page, 'data-clusters'), { timeout: 10_000 }).toBeGreaterThan(5);
		await expect(overview).toHaveAttribute('data-dots', '10000');
	});

	test('another layout is computed off the page’s thread and put in place', async ({ page }) => {
		await open(page);
		await graph(page).getByLabel('Layout').selectOption('chronological');
		await expect(canvas(page)).toHaveAttribute('data-layout', 'chronological', { timeout: 60_000 });
		await expect(canvas(page)).toHaveAttribute('data-events', '10000');
		expect(await number(page, 'data-drawn')).toBeLessThan(3000);
	});
});
