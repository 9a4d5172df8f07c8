/**
 * The page's frame: the header stays one row whatever the filters say (the page does not jump
 * while typing), and skip links lead the keyboard straight to each region.
 */
import { expect, test } from '@playwright/test';

test('the header keeps its height when a filter and a search are on', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto('/');
	const header = page.getByRole('banner');
	const before = (await header.boundingBox())!.height;
	await page.getByRole('searchbox', { name: 'Search' }).fill('russia');
	await expect(page).toHaveURL(/q=russia/);
	await page.getByRole('button', { name: /^Filters/ }).click();
	await page.getByRole('region', { name: 'Filters' }).getByRole('group', { name: 'Kind' }).getByLabel('Military').check();
	await expect(page.getByRole('toolbar', { name: 'Tools', exact: true })).toContainText('hidden');
	expect((await header.boundingBox())!.height).toBe(before);
});

test('the header keeps its height when the filter leaves almost nothing to show', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto('/?q=no-event-has-this-word');
	await expect(page.getByRole('toolbar', { name: 'Tools', exact: true })).toContainText('hidden');
	// The views, not the header, take the height the few events leave free.
	expect((await page.getByRole('banner').boundingBox())!.height).toBeLessThan(60);
	expect((await page.getByRole('main').boundingBox())!.height).toBeGreaterThan(800);
});

test('skip links lead to the timeline, the graph, the inspector and the events table', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item').first()).toBeVisible();
	// Out of sight until the keyboard reaches them.
	for (const name of ['Skip to the timeline', 'Skip to the graph', 'Skip to the inspector', 'Skip to the events table']) {
		await expect(page.getByRole('link', { name })).not.toBeInViewport();
	}
	await page.keyboard.press('Tab');
	const first = page.getByRole('link', { name: 'Skip to the timeline' });
	await expect(first).toBeFocused();
	await expect(first).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('region', { name: 'Timeline' }).getByRole('application')).toBeFocused();
	for (const [name, region] of [
		['Skip to the graph', 'Graph'],
		['Skip to the inspector', 'Inspector'],
		['Skip to the events table', 'Events table']
	]) {
		await page.getByRole('link', { name }).focus();
		await page.keyboard.press('Enter');
		// The focus is in that region (its keyboard widget, or the region itself).
		await expect.poll(() => page.getByRole('region', { name: region, exact: true }).evaluate((r) => r.contains(document.activeElement))).toBe(true);
		await expect(page.getByRole('region', { name: region, exact: true })).toBeVisible();
	}
});
