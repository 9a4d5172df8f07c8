/**
 * Edits that people trust: a change made anywhere appears in every open page within 2 s, and undo
 * and redo go through the API (checked there, not just on screen).
 */
import { expect, test, type Page } from '@playwright/test';

const table = (page: Page) => page.getByRole('region', { name: 'Events table' });
const timelineItem = (page: Page, title: string) => page.getByRole('region', { name: 'Timeline' }).locator('.vis-item', { hasText: title });

/** Opens the page with every event in the timeline's window (it opens on where most of the story is). */
async function openAll(page: Page) {
	await page.goto('/');
	await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item').first()).toBeVisible();
	await page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Fit' }).click();
}

async function dragRight(page: Page, title: string, by: number) {
	// wait for the timeline to have drawn and settled: a drag during its first layout grabs nothing
	await expect(timelineItem(page, title)).toBeVisible();
	await page.waitForTimeout(400);
	const box = (await timelineItem(page, title).boundingBox())!;
	await page.mouse.move(box.x + 8, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + 8 + by / 2, box.y + box.height / 2, { steps: 6 });
	await page.mouse.move(box.x + 8 + by, box.y + box.height / 2, { steps: 6 });
	await page.mouse.up();
}

test.describe('live updates and undo', () => {
	test('a change made elsewhere appears in an open page within 2 s, without a reload', async ({ page, request }) => {
		await openAll(page);
		await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item').first()).toBeVisible();
		const created = await request.post('/api/events', { data: { title: 'Arrived live', start: '2023-06-15', kind: 'humanitarian' } });
		expect(created.status()).toBe(201);
		await expect(table(page).getByRole('link', { name: 'Arrived live' })).toBeVisible({ timeout: 2000 });
		await expect(timelineItem(page, 'Arrived live')).toBeVisible({ timeout: 2000 });
		// and an edit made in another page, by dragging, shows here too
		const other = await page.context().newPage();
		await openAll(other);
		await expect(timelineItem(other, 'Arrived live')).toBeVisible();
		await dragRight(other, 'Arrived live', 120);
		await expect(other.getByRole('status')).toContainText('Moved “Arrived live”');
		const moved = (await (await request.get(`/api/events/${(await created.json()).id}`)).json()).start;
		expect(moved).not.toBe('2023-06-15');
		await page.getByRole('region', { name: 'Events table' }).getByRole('link', { name: 'Arrived live' }).click();
		const [y, m, d] = moved.split('-').map(Number);
		const shown = `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`;
		await expect(page.getByRole('region', { name: 'Inspector' })).toContainText(shown, { timeout: 2000 });
		await other.close();
		await request.delete(`/api/events/${(await created.json()).id}`);
	});

	test('undo and redo a drag, with the buttons and the keyboard, on disk', async ({ page, request }) => {
		const created = await (await request.post('/api/events', { data: { title: 'Undo my move', start: '2023-03-10', kind: 'aid' } })).json();
		const startOf = async () => (await (await request.get(`/api/events/${created.id}`)).json()).start;
		await openAll(page);
		await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
		await dragRight(page, 'Undo my move', 120);
		await expect(page.getByRole('status')).toContainText('Moved “Undo my move”');
		const moved = await startOf();
		expect(moved).not.toBe('2023-03-10');

		await page.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(startOf).toBe('2023-03-10');
		await expect(page.getByRole('button', { name: 'Redo' })).toBeEnabled();
		// selecting something does not clear redo
		await table(page).getByRole('link', { name: 'Undo my move' }).click();
		await expect(page.getByRole('button', { name: 'Redo' })).toBeEnabled();

		await page.keyboard.press('Control+Shift+Z');
		// pressed at once after the redo: undo and redo take their turns
		await page.keyboard.press('Control+Z');
		await page.keyboard.press('Control+Shift+Z');
		await expect.poll(startOf).toBe(moved);
		await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
		await page.keyboard.press('Control+Z');
		await expect.poll(startOf).toBe('2023-03-10');
		await page.reload();
		await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('10 Mar 2023');
		await request.delete(`/api/events/${created.id}`);
	});

	test('an undo whose target changed since is refused with a message, and changes nothing', async ({ page, request }) => {
		const created = await (await request.post('/api/events', { data: { title: 'Contested move', start: '2023-09-10', kind: 'aid' } })).json();
		await openAll(page);
		await dragRight(page, 'Contested move', 120);
		await expect(page.getByRole('status')).toContainText('Moved “Contested move”');
		// someone else edits it after the move
		expect((await request.patch(`/api/events/${created.id}`, { data: { description: 'edited elsewhere' } })).status()).toBe(200);
		const before = await (await request.get(`/api/events/${created.id}`)).json();
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(page.getByRole('alert')).toContainText('Could not undo');
		const after = await (await request.get(`/api/events/${created.id}`)).json();
		expect(after).toEqual(before);
		await request.delete(`/api/events/${created.id}`);
	});
});
