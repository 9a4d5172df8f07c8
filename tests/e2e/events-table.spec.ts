import { expect, test } from '@playwright/test';

test.describe('the events table', () => {
	test('shows the dataset, sortable by date and title', async ({ page, request }) => {
		const events = await (await request.get('/api/events')).json();
		await page.goto('/');
		const table = page.getByRole('region', { name: 'Events table' });
		await expect(table).toBeVisible();
		const rows = table.getByRole('row');
		await expect(rows).toHaveCount(events.length + 1); // and the header row
		await expect(table.getByText(`${events.length} events`)).toBeVisible();

		// by date, earliest first: the Aug 6, 2024 incursion comes before the Jan 5, 2025 offensive
		const titles = () => table.locator('tbody td.title a').allTextContents();
		const byDate = await titles();
		const incursion = byDate.findIndex((t) => t.startsWith('First Kursk offensive'));
		const second = byDate.findIndex((t) => t.startsWith('Second Kursk offensive'));
		expect(incursion).toBeGreaterThanOrEqual(0);
		expect(second).toBeGreaterThan(incursion);
		await expect(table.getByRole('columnheader', { name: 'Date' })).toHaveAttribute('aria-sort', 'ascending');

		await table.getByRole('button', { name: 'Title' }).click();
		await expect(table.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'ascending');
		const byTitle = await titles();
		expect(byTitle).toEqual([...byTitle].sort((a, b) => a.localeCompare(b)));

		await table.getByRole('button', { name: 'Title' }).click();
		await expect(table.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'descending');
		expect(await titles()).toEqual([...byTitle].reverse());
	});

	test('a row opens its details, with sources and quotes, and the URL names it', async ({ page }) => {
		await page.goto('/');
		const table = page.getByRole('region', { name: 'Events table' });
		await table.getByRole('row', { name: /Ukrainian forces capture Sudzha/ }).getByRole('cell').first().click();

		const inspector = page.getByRole('region', { name: 'Inspector' });
		await expect(inspector.getByRole('heading', { level: 2 })).toHaveText('Ukrainian forces capture Sudzha');
		await expect(page).toHaveURL(/\?select=event%3Asudzha-captured$/);
		const sources = inspector.getByRole('list', { name: 'Sources' });
		await expect(sources.getByRole('listitem').first()).toBeVisible();
		await expect(sources.locator('blockquote').first()).not.toBeEmpty();

		// the precision is the article's: August 2024, not a made-up day
		await expect(inspector.getByText('known to the month')).toBeVisible();

		// causes and effects are links that walk the chain
		const causes = inspector.getByRole('list', { name: 'Causes' });
		const firstCause = causes.getByRole('link').first();
		const causeTitle = (await firstCause.textContent())!;
		await firstCause.click();
		await expect(inspector.getByRole('heading', { level: 2 })).toHaveText(causeTitle);

		// and a reload (or a shared link) selects the same event again
		await page.reload();
		await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toHaveText(causeTitle);
	});

	test('the keyboard reaches every event', async ({ page }) => {
		await page.goto('/');
		const link = page.getByRole('region', { name: 'Events table' }).getByRole('link', { name: 'US–Ukraine talks in Jeddah, Saudi Arabia' });
		await link.focus();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toHaveText('US–Ukraine talks in Jeddah, Saudi Arabia');
	});

	test('search narrows the table', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('searchbox', { name: 'Search' }).fill('sudzha');
		const table = page.getByRole('region', { name: 'Events table' });
		const titles = await table.locator('tbody td.title a').allTextContents();
		expect(titles.length).toBeGreaterThan(0);
		expect(titles.length).toBeLessThan(10);
		await expect(table.getByText(/of \d+ events/)).toBeVisible();
		await page.getByRole('searchbox', { name: 'Search' }).fill('no such thing anywhere');
		await expect(table.getByText('No event matches')).toBeVisible();
	});

	test('a hostile title is shown as text and runs nothing', async ({ page, request }) => {
		const title = '<img src=x onerror="window.__pwned=1">';
		const created = await request.post('/api/events', { data: { title, start: '2025-03-12', kind: 'other' } });
		expect(created.status()).toBe(201);
		const { id } = await created.json();
		await page.goto(`/?select=event:${id}`);
		await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toHaveText(title);
		await expect(page.getByRole('region', { name: 'Events table' }).getByRole('link', { name: title })).toBeVisible();
		expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
		expect(await page.locator('img[src="x"]').count()).toBe(0);
		await request.delete(`/api/events/${id}`);
	});
});
