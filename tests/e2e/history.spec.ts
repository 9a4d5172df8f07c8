/**
 * The inspector's History: an edit made in the page shows there, with the old and the new value,
 * read from the server's change log.
 */
import { expect, test, type Page } from '@playwright/test';

const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });

test('editing an event\'s title in the page shows in its history: the old title and the new one', async ({ page, request }) => {
	const created = await (await request.post('/api/events', { data: { title: 'Bridge at Zvannoe struck', start: '2024-08-18', kind: 'military' } })).json();
	await page.goto(`/?select=event:${created.id}`);
	const form = inspector(page).getByRole('form', { name: 'Edit event' });
	await expect(form).toBeVisible();

	const history = inspector(page).locator('details.history');
	await history.getByText('History').click();
	const entries = history.getByRole('list', { name: 'History' });
	await expect(entries.getByRole('listitem').filter({ hasText: 'created it' })).toBeVisible();

	await form.getByLabel('Title').fill('Second bridge at Zvannoe destroyed');
	await form.getByLabel('Title').press('Tab');
	const change = entries.locator(':scope > li').first();
	await expect(change).toContainText('changed');
	const title = change.getByRole('listitem').filter({ hasText: 'Title' });
	await expect(title.locator('q.from')).toHaveText('Bridge at Zvannoe struck');
	await expect(title.locator('q.to')).toHaveText('Second bridge at Zvannoe destroyed');
	await expect(change.locator('time')).toHaveText(/^today \d\d:\d\d$/);

	await change.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/history-light.png' });
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.screenshot({ path: 'test-results/history-dark.png' });
});
