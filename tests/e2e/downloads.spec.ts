/**
 * A server export is a plain download: the page's router stays out of it (it used to take the
 * link for a page of its own, find none, and log "Not found: /api/export" before letting go).
 */
import { expect, test } from '@playwright/test';

test('an export downloads straight from the server, without the page router asking for it first', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item').first()).toBeVisible();
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	const asked: string[] = [];
	page.on('request', (r) => {
		if (new URL(r.url()).pathname.startsWith('/api/export')) asked.push(new URL(r.url()).pathname + new URL(r.url()).search);
	});
	await page.getByRole('button', { name: 'Export' }).click();
	const dialog = page.getByRole('dialog', { name: 'Export' });
	await dialog.getByRole('radio', { name: 'Causeway JSON' }).check();
	const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
	expect(file.suggestedFilename()).toMatch(/\.json$/);
	await page.waitForTimeout(300);
	expect(asked).toEqual(['/api/export?format=causeway']);
	expect(new URL(page.url()).pathname).toBe('/');
	expect(errors).toEqual([]);
});
