/**
 * Event pickers (New link's Cause and Effect, the link inspector's, the path finder's): typing
 * lists matches best first, the arrow keys move the highlight, Enter chooses the highlighted
 * match and never submits the form around it.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

const linksFrom = async (request: APIRequestContext, id: string) =>
	((await (await request.get('/api/links')).json()) as { from: string; to: string; relation: string }[]).filter((l) => l.from === id);

const unfocus = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

test.describe('event pickers', () => {
	test('Enter in New link chooses the highlighted, best match and creates nothing', async ({ page, request }) => {
		const before = await linksFrom(request, 'jeddah-talks');
		await page.goto('/?select=event:jeddah-talks');
		await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toHaveText(/US–Ukraine talks in Jeddah/);
		await unfocus(page);
		await page.keyboard.press('l');
		const dialog = page.getByRole('dialog', { name: 'New link' });
		const effect = dialog.getByLabel('Effect', { exact: true });
		await effect.fill('Putin gives');
		await expect(dialog.getByText('Putin gives preliminary support')).toBeVisible();
		await effect.press('Enter');
		await expect(dialog).toBeVisible();
		expect(await linksFrom(request, 'jeddah-talks')).toEqual(before);
		// the title that starts with the words was first, highlighted, and is the one chosen
		await expect(effect).toHaveValue(/^Putin gives preliminary support/);
		await expect(dialog.getByRole('listbox')).toBeHidden();

		await effect.fill('Putin gives');
		const options = dialog.getByRole('option');
		await expect(options.first()).toContainText('Putin gives preliminary support');
		await expect(options.first()).toHaveAttribute('aria-selected', 'true');
		await expect(dialog.getByRole('combobox', { name: 'Effect' })).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);

		// the arrow keys move the highlight; Enter takes that one
		await effect.fill('Putin');
		await expect(options.nth(1)).toBeVisible();
		const second = (await options.nth(1).locator('bdi').textContent())!;
		await effect.press('ArrowDown');
		await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
		await expect(options.first()).toHaveAttribute('aria-selected', 'false');
		await effect.press('Enter');
		await expect(effect).toHaveValue(second);
		await expect(dialog).toBeVisible();
		// Escape closes the list, not the dialog
		await effect.fill('Putin');
		await effect.press('Escape');
		await expect(dialog.getByRole('listbox')).toBeHidden();
		await expect(dialog).toBeVisible();
		expect(await linksFrom(request, 'jeddah-talks')).toEqual(before);
	});

	test('the path finder picks the same way', async ({ page }) => {
		await page.goto('/?select=event:jeddah-talks');
		const inspector = page.getByRole('region', { name: 'Inspector' });
		await inspector.getByRole('button', { name: 'Path to here' }).click();
		const finder = inspector.getByRole('region', { name: 'How did A lead to B?' });
		const from = finder.getByLabel('From event');
		await from.fill('Putin gives');
		await from.press('Enter');
		await expect(from).toHaveValue(/^Putin gives preliminary support/);
	});

	test('Link to a cause… opens New link with the selected event as the effect', async ({ page, request }) => {
		const before = (await (await request.get('/api/links')).json()).length;
		await page.goto('/?select=event:jeddah-talks');
		const inspector = page.getByRole('region', { name: 'Inspector' });
		await inspector.getByRole('button', { name: 'Link to a cause…' }).click();
		const dialog = page.getByRole('dialog', { name: 'New link' });
		await expect(dialog.getByLabel('Effect', { exact: true })).toHaveValue(/^US–Ukraine talks in Jeddah/);
		await expect(dialog.getByLabel('Cause', { exact: true })).toHaveValue('');
		await dialog.getByLabel('Cause', { exact: true }).fill('Putin gives');
		await dialog.getByLabel('Cause', { exact: true }).press('Enter');
		await dialog.getByLabel('Relation').selectOption('triggers');
		await dialog.getByRole('button', { name: 'Create' }).click();
		await expect(dialog).toBeHidden();
		const links = (await (await request.get('/api/links')).json()) as { id: string; from: string; to: string; relation: string }[];
		expect(links).toHaveLength(before + 1);
		const made = links.find((l) => l.to === 'jeddah-talks' && l.from === 'putin-ceasefire-conditions')!;
		expect(made).toMatchObject({ relation: 'triggers' });
		await request.delete(`/api/links/${made.id}`);
	});
});
