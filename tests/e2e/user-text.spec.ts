/**
 * User text is shown as the characters it is, everywhere: never interpreted as HTML (a title is
 * not markup, and hovering it fires no request), and isolated from the text around it (a
 * right-to-left override in a title does not turn the words after it around).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

interface ApiEvent {
	id: string;
	title: string;
}

async function create(request: APIRequestContext, value: Record<string, unknown>): Promise<ApiEvent> {
	const res = await request.post('/api/events', { data: value });
	expect(res.status()).toBe(201);
	return res.json();
}

const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });

test.describe('user text', () => {
	test('a title written as HTML shows as text in the timeline tooltip, and hovering it fetches nothing', async ({ page, request }) => {
		const title = '<img src="/api/export?format=csv&x=1"> <font size=7>big</font> <a href="https://example.com">link</a>';
		await create(request, { title, start: '2024-09-20', kind: 'other' });
		await page.goto('/');
		const item = timeline(page).locator('.vis-item', { hasText: '<img src=' });
		await expect(item).toBeVisible();
		const exports: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/api/export')) exports.push(r.url());
		});
		await item.hover();
		const tip = timeline(page).locator('.vis-tooltip');
		await expect(tip).toBeVisible();
		await expect(tip).toContainText(title);
		await expect(tip.locator('img, font, a')).toHaveCount(0);
		// Give an image the time it would take to be requested.
		await page.waitForTimeout(500);
		expect(exports).toEqual([]);
	});
});
