/**
 * Several investigations on one server, from the page (issue 15): a new one starts empty under its
 * own title and URL, edits go to it alone, and the switcher leads back to the Kursk document unchanged.
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Opens the Investigations dialog, by click or with the keyboard; again until it opens, as a press
 * that comes before the page is hydrated does nothing.
 */
async function openInvestigations(page: Page, by: 'click' | 'keyboard' = 'click') {
	const button = page.getByRole('button', { name: 'Investigations' });
	await expect(async () => {
		if (by === 'click') await button.click();
		else {
			await button.focus();
			await page.keyboard.press('Enter');
		}
		await expect(page.getByRole('dialog', { name: 'Investigations' })).toBeVisible({ timeout: 1_000 });
	}).toPass();
}

test('a new investigation opens empty under its title, keeps its edits to itself, and survives a reload', async ({ page, request }) => {
	const kursk = await (await request.get('/api/document')).json();
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(kursk.title);

	await openInvestigations(page);
	const dialog = page.getByRole('dialog', { name: 'Investigations' });
	await expect(dialog.getByRole('link', { name: kursk.title })).toHaveAttribute('aria-current', 'page');
	await dialog.getByLabel('Title of the new investigation').fill('Pokrovsk axis');
	await dialog.getByRole('button', { name: 'Create investigation' }).click();

	await expect(page).toHaveURL(/\/d\/pokrovsk-axis-[a-z0-9]{4}$/);
	const id = new URL(page.url()).pathname.split('/').pop()!;
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pokrovsk axis');
	await expect(page).toHaveTitle(/Pokrovsk axis/);
	await expect(page.getByRole('banner')).toContainText('0 events');

	await page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'New event' }).click();
	const newEvent = page.getByRole('dialog', { name: 'New event' });
	await newEvent.getByLabel('Title').fill('Assault on Pokrovsk begins');
	await newEvent.getByLabel('Start').fill('2024-08');
	await newEvent.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('banner')).toContainText('1 events');
	await expect.poll(async () => (await (await request.get(`/api/d/${id}/events`)).json()).map((e: { title: string }) => e.title)).toEqual(['Assault on Pokrovsk begins']);

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pokrovsk axis');
	await expect(page.getByRole('region', { name: 'Events table' })).toContainText('Assault on Pokrovsk begins');
	// Selecting (the URL's query changes) does not load the document again.
	const dataLoads: string[] = [];
	page.on('request', (r) => void (r.url().includes('__data.json') && dataLoads.push(r.url())));
	await page.getByRole('region', { name: 'Events table' }).getByText('Assault on Pokrovsk begins').click();
	await expect(page).toHaveURL(new RegExp(`/d/${id}\\?select=event`));
	expect(dataLoads).toEqual([]);

	// Back to Kursk with the keyboard: the switcher is a button, its list is links.
	await openInvestigations(page, 'keyboard');
	const link = page.getByRole('dialog', { name: 'Investigations' }).getByRole('link', { name: kursk.title });
	await link.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(kursk.title);
	await expect(page.getByRole('banner')).toContainText(`${kursk.events.length} events`);
	const after = await (await request.get('/api/document')).json();
	expect(after.events.map((e: { id: string }) => e.id)).toEqual(kursk.events.map((e: { id: string }) => e.id));
	expect(after.revision).toBe(kursk.revision);
});

test('renaming an investigation changes its title in the header and the list', async ({ page, request }) => {
	const made = await (await request.post('/api/documents', { data: { title: 'Working title' } })).json();
	await page.goto(`/d/${made.id}`);
	await openInvestigations(page);
	const dialog = page.getByRole('dialog', { name: 'Investigations' });
	await dialog.getByLabel('Title of this investigation').fill('Final title');
	await dialog.getByRole('button', { name: 'Rename' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Final title');
	expect((await (await request.get(`/api/documents/${made.id}`)).json()).title).toBe('Final title');
});

test('a new investigation from an export file opens with what the file holds', async ({ page, request }) => {
	const file = await (await request.get('/api/export?format=causeway')).body();
	const events = JSON.parse(file.toString()).events.length;
	await page.goto('/');
	await openInvestigations(page);
	const dialog = page.getByRole('dialog', { name: 'Investigations' });
	await dialog.getByLabel('Title of the new investigation').fill('Kursk, a copy to try things on');
	await dialog.getByLabel(/Start from a file/).setInputFiles({ name: 'kursk.json', mimeType: 'application/json', buffer: file });
	await dialog.getByRole('button', { name: 'Create investigation' }).click();
	await expect(page).toHaveURL(/\/d\/kursk-a-copy-to-try-things-on-[a-z0-9]{4}$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kursk, a copy to try things on');
	await expect(page.getByRole('banner')).toContainText(`${events} events`);
});

test('an unknown investigation is a 404 page', async ({ page }) => {
	const res = await page.goto('/d/no-such-investigation');
	expect(res?.status()).toBe(404);
});

test('deleting an investigation, with the keyboard, after a confirmation saying what goes and that a copy is kept', async ({ page, request }) => {
	const made = await (await request.post('/api/documents', { data: { title: 'Siversk, to be deleted' } })).json();
	expect((await request.post(`/api/d/${made.id}/events`, { data: { title: 'Shelling of Siversk', start: '2022-07', kind: 'military' } })).status()).toBe(201);
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto(`/d/${made.id}`);
	await openInvestigations(page, 'keyboard');
	const dialog = page.getByRole('dialog', { name: 'Investigations' });
	await dialog.getByRole('button', { name: 'Delete this investigation…' }).focus();
	await page.keyboard.press('Enter');

	// The question names it, what goes, and the copy; the safe answer has the focus.
	const question = dialog.getByRole('group', { name: /Delete “Siversk, to be deleted” with its 1 event, 0 links, 0 actors, 0 sources\?/ });
	await expect(question).toContainText('a copy is kept in the server\'s backups');
	await expect(question.getByRole('button', { name: 'Keep it' })).toBeFocused();
	await page.screenshot({ path: 'test-results/investigations-delete-light.png' });
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.screenshot({ path: 'test-results/investigations-delete-dark.png' });
	await page.emulateMedia({ colorScheme: 'light' });
	// Keep it: nothing deleted.
	await page.keyboard.press('Enter');
	await expect(question).toBeHidden();
	expect((await request.get(`/api/documents/${made.id}`)).status()).toBe(200);

	await dialog.getByRole('button', { name: 'Delete this investigation…' }).click();
	await question.getByRole('button', { name: 'Delete investigation' }).focus();
	await page.keyboard.press('Enter');
	await expect(dialog.getByRole('status')).toHaveText(/“Siversk, to be deleted” is deleted; its copy is kept as .*backups.*siversk-to-be-deleted/);
	expect((await request.get(`/api/documents/${made.id}`)).status()).toBe(404);
	const list = dialog.getByRole('navigation', { name: 'Open an investigation' });
	await expect(list).not.toContainText('Siversk');
	await expect(list.getByRole('link').first()).toBeFocused();
	// Closing leaves the deleted investigation's page for the default one.
	await page.keyboard.press('Escape');
	await expect(page).toHaveURL(/\/$/);
});

test('the default investigation cannot be deleted, and the dialog says so', async ({ page }) => {
	await page.goto('/');
	await openInvestigations(page);
	const dialog = page.getByRole('dialog', { name: 'Investigations' });
	await expect(dialog).toContainText("This is the server's default investigation: it cannot be deleted.");
	await expect(dialog.getByRole('button', { name: /Delete/ })).toHaveCount(0);
});
