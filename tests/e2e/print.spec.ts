/**
 * Printing the page: the views as they are on screen, black on white even in the dark theme,
 * scaled to the page's width, without the toolbars, the inspector or the lists.
 */
import { expect, test } from '@playwright/test';

test('printing shows the views black on white across the page, without the tools', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/');
	const graph = page.getByRole('region', { name: 'Graph' });
	await expect(graph.getByRole('application')).toHaveAttribute('data-painted', 'true');
	// What the browser does when asked to print: the event, then the print styles.
	await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
	await page.emulateMedia({ media: 'print', colorScheme: 'dark' });

	await expect(page.getByRole('button', { name: 'Export' })).toBeHidden();
	await expect(page.getByRole('region', { name: 'Inspector' })).toBeHidden();
	await expect(graph.getByRole('toolbar', { name: 'Graph tools' })).toBeHidden();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
	// the graph as a picture of what was on screen, in light colours
	await expect(graph.getByRole('img', { name: 'The graph as shown on screen' })).toBeVisible();
	const colours = await page.evaluate(() => ({
		body: getComputedStyle(document.body).backgroundColor,
		text: getComputedStyle(document.querySelector('h1')!).color,
		graph: getComputedStyle(document.querySelector('section[aria-label="Graph"]')!).backgroundColor
	}));
	expect(colours).toEqual({ body: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)', graph: 'rgb(255, 255, 255)' });
	// each view no wider than a landscape A4 or Letter page
	for (const name of ['Timeline', 'Graph']) {
		const box = (await page.getByRole('region', { name }).boundingBox())!;
		expect(box.width).toBeLessThanOrEqual(970);
	}
});
