/**
 * The page's shell: it fills the window and never scrolls as a whole; each pane (timeline, graph,
 * inspector, lists) scrolls itself, so the header and the toolbar stay on screen.
 */
import { expect, test, type Page } from '@playwright/test';

const documentHeight = (page: Page) => page.evaluate(() => ({ scroll: document.scrollingElement!.scrollHeight, window: innerHeight }));

async function wheelOver(page: Page, name: string, dy: number) {
	const box = (await page.getByRole(name === 'banner' ? 'banner' : 'region', name === 'banner' ? undefined : { name }).boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 20));
	await page.mouse.wheel(0, dy);
}

test.describe('the page shell', () => {
	test('is as tall as the window, and a wheel over the inspector or the header keeps the header on screen', async ({ page }) => {
		await page.goto('/?select=event:jeddah-talks');
		await expect(page.getByRole('region', { name: 'Events table' }).getByRole('row').nth(5)).toBeVisible();
		const { scroll, window } = await documentHeight(page);
		expect(scroll).toBeLessThanOrEqual(window);

		for (const over of ['Inspector', 'banner', 'Events table']) {
			await wheelOver(page, over, 4000);
			await page.waitForTimeout(200);
			expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
			const header = (await page.getByRole('banner').boundingBox())!;
			expect(header.y).toBe(0);
		}
		await expect(page.getByRole('button', { name: 'Undo' })).toBeInViewport();
		await expect(page.getByRole('searchbox', { name: 'Search' })).toBeInViewport();
	});
});
