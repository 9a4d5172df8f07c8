/**
 * Panels and forms stay whole on screen: the Filters panel with a date message in it, the
 * timeline's double-click form near the pane's edges, the inspector's forms; and the inspector
 * starts at the top for each new selection.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

/** Whether `el` lies wholly inside the window, and inside `within` when given. */
async function expectWhollyShown(page: Page, el: Locator, within?: Locator) {
	const box = (await el.boundingBox())!;
	const view = page.viewportSize()!;
	const outer = within ? (await within.boundingBox())! : { x: 0, y: 0, width: view.width, height: view.height };
	expect(box.x, 'left edge').toBeGreaterThanOrEqual(Math.max(0, outer.x) - 0.5);
	expect(box.y, 'top edge').toBeGreaterThanOrEqual(Math.max(0, outer.y) - 0.5);
	expect(box.x + box.width, 'right edge').toBeLessThanOrEqual(Math.min(view.width, outer.x + outer.width) + 0.5);
	expect(box.y + box.height, 'bottom edge').toBeLessThanOrEqual(Math.min(view.height, outer.y + outer.height) + 0.5);
}

test.describe('panels and forms', () => {
	test('the Filters panel stays where it is, on screen, when a date in it is not one', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('button', { name: /^Filters/ }).click();
		const panel = page.getByRole('region', { name: 'Filters' });
		await expect(panel).toBeVisible();
		const before = (await panel.boundingBox())!;
		await panel.getByLabel('From').fill('2025-13');
		await panel.getByLabel('From').press('Enter');
		await expect(panel.getByRole('alert')).toBeVisible();
		await expectWhollyShown(page, panel);
		const after = (await panel.boundingBox())!;
		expect(after.x).toBeCloseTo(before.x, 0);
		expect(after.width).toBeCloseTo(before.width, 0);
	});

	test('the timeline’s double-click form is whole, with Kind and Create, even near the pane’s bottom right', async ({ page }) => {
		await page.goto('/');
		const timeline = page.getByRole('region', { name: 'Timeline' });
		await expect(timeline.locator('.vis-item').first()).toBeVisible();
		await timeline.getByLabel('Arrows').uncheck();
		const panel = (await timeline.locator('.vis-panel.vis-center').boundingBox())!;
		// empty space low down near the right edge (items stack from the top)
		await page.mouse.dblclick(panel.x + panel.width - 30, panel.y + panel.height - 10);
		const form = page.getByRole('form', { name: 'New event' });
		await expect(form).toBeVisible();
		await expectWhollyShown(page, form);
		for (const control of [form.getByLabel('Kind'), form.getByRole('button', { name: 'Create' })]) {
			// what is drawn at the control's middle is the control: not cut off, not under another pane
			const box = (await control.boundingBox())!;
			const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('select, button')?.textContent ?? null, [box.x + box.width / 2, box.y + box.height / 2]);
			expect(hit).toBe(await control.textContent());
		}
		await form.getByRole('button', { name: 'Cancel' }).click();
		await expect(form).toHaveCount(0);
	});

	test('the inspector starts at the top for each new selection', async ({ page }) => {
		await page.setViewportSize({ width: 1440, height: 700 });
		await page.goto('/?select=event:jeddah-talks');
		const inspector = page.getByRole('region', { name: 'Inspector' });
		await expect(inspector.getByRole('heading', { level: 2 })).toHaveText(/Jeddah/);
		await inspector.evaluate((el) => (el.scrollTop = el.scrollHeight));
		expect(await inspector.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
		// choose another event while the pane is scrolled to its end
		await page.getByRole('region', { name: 'Events table' }).getByRole('link').first().click();
		await expect(inspector.getByRole('heading', { level: 2 })).not.toHaveText(/Jeddah/);
		await expect.poll(() => inspector.evaluate((el) => el.scrollTop)).toBe(0);
		await expect(inspector.getByRole('heading', { level: 2 })).toBeInViewport();
	});
});
