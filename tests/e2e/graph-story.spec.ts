/**
 * The graph tells the story at first sight: causes before effects and earlier before later, labels
 * readable at the zoom the page opens at, the overview out of the way. cytoscape draws on a
 * canvas: nodes are found by hovering until the tooltip names them, and the label size is read
 * from the canvas's data attributes (the zoom times the labels' font size, as cytoscape draws them).
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../support/server';

const graph = (page: Page) => page.getByRole('region', { name: 'Graph' });
const canvas = (page: Page) => graph(page).getByRole('application');

async function open(page: Page, path = '/') {
	await page.addInitScript(() => localStorage.removeItem('causeway-graph-layout'));
	await page.goto(path);
	await expect(canvas(page)).toHaveAttribute('data-painted', 'true');
	await expect(canvas(page)).toHaveAttribute('aria-busy', 'false');
	await expect(canvas(page)).toHaveAttribute('data-label-px', /\d/);
}

/**
 * The screen point of the node titled `title`: the pointer sweeps the canvas until the graph's
 * tooltip names it. The sweep runs in the page (a mouse move per point from here would take
 * minutes), with real mouse events on the element under each point, as a hand would make them.
 */
async function nodeAt(page: Page, title: string): Promise<{ x: number; y: number }> {
	const box = (await canvas(page).boundingBox())!;
	const at = await page.evaluate(
		async ({ box, title }) => {
			const tip = () => document.querySelector('section[aria-label="Graph"] [role="tooltip"]')?.textContent ?? '';
			// A task later the page has drawn the tooltip (setTimeout would wait 4 ms each time).
			const channel = new MessageChannel();
			const nextTask = () => new Promise((resolve) => ((channel.port1.onmessage = resolve), channel.port2.postMessage(0)));
			for (let y = box.y + 4; y < box.y + box.height - 4; y += 7) {
				for (let x = box.x + 4; x < box.x + box.width - 4; x += 18) {
					const target = document.elementFromPoint(x, y);
					target?.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
					await nextTask();
					if (tip().includes(title)) return { x, y };
				}
			}
			return null;
		},
		{ box, title }
	);
	if (!at) throw new Error(`no node for “${title}” on the graph`);
	return at;
}

test.describe('the graph tells the story', () => {
	test('the default layout puts later roots after earlier events: the Jeddah talks right of the first incursion', async ({ page }) => {
		await open(page);
		await expect(canvas(page)).toHaveAttribute('data-layout', 'causal');
		await graph(page).getByRole('button', { name: 'Fit' }).click();
		await page.waitForTimeout(400);
		const incursion = await nodeAt(page, 'First Kursk offensive');
		const jeddah = await nodeAt(page, 'US–Ukraine talks in Jeddah');
		const occupation = await nodeAt(page, 'Russia occupies the Chernihiv and Sumy');
		expect(jeddah.x).toBeGreaterThan(incursion.x + 100);
		expect(occupation.x).toBeLessThan(incursion.x);
	});

	test('at the zoom the page opens at, the labels drawn are at least 10 px, and there are enough to read', async ({ page }) => {
		// The bundled dataset as a newcomer first opens it: a server of its own, untouched by other specs.
		const dir = await mkdtemp(join(tmpdir(), 'causeway-graph-first-sight-'));
		const server = await startServer({ CAUSEWAY_DATA: join(dir, 'causeway.json') }).catch(async (err) => {
			await rm(dir, { recursive: true, force: true });
			throw err;
		});
		test.info().annotations.push({ type: 'server', description: server.url });
		try {
			await firstSight(page, server.url);
		} finally {
			await server.stop();
			await rm(dir, { recursive: true, force: true });
		}
	});

	async function firstSight(page: Page, url: string) {
		for (const size of [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }]) {
			await page.setViewportSize(size);
			await open(page, url);
			const px = Number(await canvas(page).getAttribute('data-label-px'));
			const count = Number(await canvas(page).getAttribute('data-labels'));
			expect(px).toBeGreaterThanOrEqual(10);
			expect(count).toBeGreaterThanOrEqual(8);
			// Fit shows everything: fewer labels then, but still readable ones
			await graph(page).getByRole('button', { name: 'Fit' }).click();
			await expect.poll(async () => Number(await canvas(page).getAttribute('data-zoom'))).toBeLessThan(0.6);
			await expect.poll(async () => Number(await canvas(page).getAttribute('data-label-px'))).toBeGreaterThanOrEqual(10);
			expect(Number(await canvas(page).getAttribute('data-labels'))).toBeGreaterThan(0);
		}
	}

	test('the overview is out of the way until asked for', async ({ page }) => {
		await open(page);
		const overview = graph(page).getByTitle(/^Overview/);
		await expect(overview).toHaveCount(0);
		await graph(page).getByLabel('Overview').check();
		await expect(overview).toBeVisible();
	});

	test('arrow keys move a focus between linked events, announced; Enter selects', async ({ page }) => {
		await open(page, '/?select=event:first-incursion');
		const said = graph(page).getByText(/^Focused: /);
		await canvas(page).focus();
		// Left: to a cause of the selected event (it has two)
		await page.keyboard.press('ArrowLeft');
		await expect(said).toHaveText(/^Focused: (Kyiv decides on a cross-border offensive|Expected Russian offensive)[^;]*, c\. 2024; \d+ causes?, 1 effect$/);
		const cause = (await said.textContent())!.includes('Kyiv') ? 'Kyiv decides on a cross-border offensive' : 'Expected Russian offensive';
		// Right: back along a link to an effect, the incursion itself
		await page.keyboard.press('ArrowRight');
		await expect(said).toHaveText('Focused: First Kursk offensive: Ukrainian forces cross into Russia, 6 Aug 2024; 2 causes, 10 effects');
		await page.keyboard.press('ArrowLeft');
		await expect(said).toContainText(cause);
		// Enter selects the focused event: the inspector shows it
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/select=event%3A(incursion-aims|russian-reinvasion-threat)/);
		await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toContainText(cause);
		// Shift with an arrow still pans, and moves no focus
		await page.keyboard.press('Shift+ArrowRight');
		await expect(said).toContainText(cause);
	});
});
