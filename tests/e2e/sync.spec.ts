/**
 * Edits a person can trust when the network is slow or another tab edits too: the tab never
 * refuses its own edits, and a refused undo never blocks the older ones.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const editForm = (page: Page) => inspector(page).getByRole('form', { name: 'Edit event' });

async function create(request: APIRequestContext, data: Record<string, unknown>): Promise<{ id: string }> {
	const response = await request.post('/api/events', { data });
	expect(response.status()).toBe(201);
	return response.json();
}
const fetchEvent = async (request: APIRequestContext, id: string) => (await request.get(`/api/events/${id}`)).json();

const timelineItem = (page: Page, title: string) => page.getByRole('region', { name: 'Timeline' }).locator('.vis-item', { hasText: title });

async function dragRight(page: Page, title: string, by: number) {
	await expect(timelineItem(page, title)).toBeVisible();
	await page.waitForTimeout(400);
	const box = (await timelineItem(page, title).boundingBox())!;
	await page.mouse.move(box.x + 8, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + 8 + by / 2, box.y + box.height / 2, { steps: 6 });
	await page.mouse.move(box.x + 8 + by, box.y + box.height / 2, { steps: 6 });
	await page.mouse.up();
}

async function openEvent(page: Page, id: string) {
	await page.goto(`/?select=event:${id}`);
	await expect(editForm(page)).toBeVisible();
}

test.describe('sync', () => {
	test('two field saves of one event made offline are both saved when the network is back, without a conflict', async ({ page, context, request }) => {
		const event = await create(request, { title: 'Offline twice', start: '2023-04-02', kind: 'aid' });
		await openEvent(page, event.id);
		await context.setOffline(true);
		await editForm(page).getByLabel('Title').fill('Offline twice, renamed');
		await editForm(page).getByLabel('Title').press('Enter');
		await editForm(page).getByLabel('Description').fill('written on the train');
		await editForm(page).getByLabel('Description').blur();
		await expect(page.getByText(/Offline: \d+ edits waiting to be saved/)).toBeVisible();
		await context.setOffline(false);
		await expect.poll(async () => (await fetchEvent(request, event.id)).description, { timeout: 15_000 }).toBe('written on the train');
		expect((await fetchEvent(request, event.id)).title).toBe('Offline twice, renamed');
		await expect(page.getByRole('alertdialog')).toHaveCount(0);
		await expect(page.getByRole('dialog')).toHaveCount(0);
		await expect(page.getByRole('alert')).toHaveCount(0);
		await request.delete(`/api/events/${event.id}`);
	});

	test('a refused undo says why and drops its step; the next Undo takes the one before', async ({ page, request }) => {
		const first = await create(request, { title: 'Older step', start: '2023-05-01', kind: 'aid' });
		const second = await create(request, { title: 'Newer step', start: '2023-05-02', kind: 'aid' });
		await openEvent(page, first.id);
		await editForm(page).getByLabel('Title').fill('Older step, renamed');
		await editForm(page).getByLabel('Title').press('Enter');
		await expect.poll(async () => (await fetchEvent(request, first.id)).title).toBe('Older step, renamed');
		await page.getByRole('region', { name: 'Events table' }).getByRole('link', { name: 'Newer step' }).click();
		await editForm(page).getByLabel('Title').fill('Newer step, renamed');
		await editForm(page).getByLabel('Title').press('Enter');
		await expect.poll(async () => (await fetchEvent(request, second.id)).title).toBe('Newer step, renamed');
		// someone else edits the newer one
		expect((await request.patch(`/api/events/${second.id}`, { data: { description: 'edited elsewhere' } })).status()).toBe(200);

		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(page.getByRole('alert')).toContainText('Could not undo');
		await expect(page.getByRole('alert')).toContainText('dropped');
		expect((await fetchEvent(request, second.id)).title).toBe('Newer step, renamed');
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(async () => (await fetchEvent(request, first.id)).title).toBe('Older step');
		await request.delete(`/api/events/${first.id}`);
		await request.delete(`/api/events/${second.id}`);
	});

	test('undo history survives a reload of the tab', async ({ page, request }) => {
		const event = await create(request, { title: 'Kept for the session', start: '2023-06-01', kind: 'aid' });
		await openEvent(page, event.id);
		await editForm(page).getByLabel('Title').fill('Kept for the session, renamed');
		await editForm(page).getByLabel('Title').press('Enter');
		await expect.poll(async () => (await fetchEvent(request, event.id)).title).toBe('Kept for the session, renamed');
		// the page has the answer (the step is in its history) before it goes away
		await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
		await page.reload();
		await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(async () => (await fetchEvent(request, event.id)).title).toBe('Kept for the session');
		await request.delete(`/api/events/${event.id}`);
	});

	test('a drag refused because another tab moved the event shows the event where it is now', async ({ page, request }) => {
		const event = await create(request, { title: 'Moved twice', start: '2023-03-10', kind: 'aid' });
		await page.goto('/');
		// The timeline opens on where most of the story is: show every event, 2023 included.
		await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item').first()).toBeVisible();
		await page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Fit' }).click();
		await expect(timelineItem(page, 'Moved twice')).toBeVisible();
		await page.waitForTimeout(400);
		const startX = (await timelineItem(page, 'Moved twice').boundingBox())!.x;
		// another tab moves it a year on while this tab's drag is on its way; this page hears of it first
		await page.route('**/api/changes', async (route) => {
			expect((await request.patch(`/api/events/${event.id}`, { data: { start: '2024-03-10' } })).status()).toBe(200);
			await expect.poll(async () => (await timelineItem(page, 'Moved twice').boundingBox())?.x ?? 0).toBeGreaterThan(startX + 60);
			await route.continue();
		});
		await dragRight(page, 'Moved twice', 40);
		await expect(page.getByRole('alert')).toContainText('Could not move “Moved twice”');
		await page.waitForTimeout(300);
		const shownX = (await timelineItem(page, 'Moved twice').boundingBox())!.x;
		expect(shownX).toBeGreaterThan(startX + 60);
		await page.unroute('**/api/changes');
		await request.delete(`/api/events/${event.id}`);
	});
});

test('the Delete confirmation has the focus on Cancel: Enter there deletes nothing', async ({ page, request }) => {
	const hub = await create(request, { title: 'Focus hub', start: '2024-11-01', kind: 'political' });
	const other = await create(request, { title: 'Focus other', start: '2024-11-02', kind: 'political' });
	await request.post('/api/links', { data: { from: hub.id, to: other.id, relation: 'causes' } });
	await openEvent(page, hub.id);
	await inspector(page).getByRole('button', { name: 'Delete', exact: true }).click();
	const confirm = page.getByRole('alertdialog', { name: 'Delete “Focus hub”?' });
	await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(confirm).toBeHidden();
	expect((await request.get(`/api/events/${hub.id}`)).status()).toBe(200);
	for (const e of [hub, other]) await request.delete(`/api/events/${e.id}`);
});

test('a link drawn on the graph undoes under its own name, not “Edit”', async ({ page, request }) => {
	const cause = await create(request, { title: 'Bryony cause', start: '2023-03-01', kind: 'political' });
	const effect = await create(request, { title: 'Bryony effect', start: '2023-09-01', kind: 'aid' });
	const graph = page.getByRole('region', { name: 'Graph' });
	const canvas = graph.getByRole('application');
	await page.goto('/?q=bryony');
	await expect(canvas).toHaveAttribute('data-painted', 'true');
	await expect(canvas).toHaveAttribute('aria-busy', 'false');
	await expect(canvas).toHaveAttribute('data-events', '2');
	// find each node by sweeping the canvas from its middle outwards until the tooltip names it
	const nodeAt = async (title: string) => {
		const box = (await canvas.boundingBox())!;
		const outwards = (from: number, to: number, step: number) => {
			const mid = (from + to) / 2;
			const list: number[] = [];
			for (let d = 0; d <= (to - from) / 2; d += step) list.push(mid - d, mid + d);
			return list.filter((v) => v > from + 4 && v < to - 4);
		};
		for (const y of outwards(box.y, box.y + box.height, 12)) {
			for (const x of outwards(box.x, box.x + box.width, 40)) {
				await page.mouse.move(x, y);
				const tip = graph.getByRole('tooltip');
				if ((await tip.count()) && (await tip.textContent())?.includes(title)) return { x, y };
			}
		}
		throw new Error(`no node for “${title}”`);
	};
	const a = await nodeAt('Bryony cause');
	const b = await nodeAt('Bryony effect');
	await page.mouse.move(a.x, a.y);
	await page.mouse.down();
	await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 6 });
	await page.mouse.move(b.x, b.y, { steps: 6 });
	await page.waitForTimeout(250);
	await page.mouse.up();
	await expect(page.getByRole('status').filter({ hasText: 'Linked' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', 'Undo: link “Bryony cause” to “Bryony effect” (Ctrl+Z)');
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByRole('status')).toContainText('Undo: link “Bryony cause” to “Bryony effect”.');
	for (const e of [cause, effect]) await request.delete(`/api/events/${e.id}`);
});

test('a create whose answer was lost is sent again and made once', async ({ page, request }) => {
	await page.goto('/');
	await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item').first()).toBeVisible();
	let lost = 0;
	await page.route('**/api/changes', async (route) => {
		if (lost++ > 0) return route.continue();
		// the server commits it, and the answer never reaches the page
		await route.fetch();
		await route.abort('failed');
	});
	await inspector(page).getByRole('button', { name: 'New event' }).click();
	const dialog = page.getByRole('dialog', { name: 'New event' });
	await dialog.getByLabel('Title').fill('Made once despite a lost answer');
	await dialog.getByLabel('Start').fill('2023-07-01');
	await dialog.getByLabel('Kind').selectOption('aid');
	await dialog.getByRole('button', { name: 'Create' }).click();
	await expect(dialog).toBeHidden({ timeout: 15_000 });
	await expect(inspector(page).getByRole('heading', { level: 2 })).toHaveText('Made once despite a lost answer');
	expect(lost).toBe(2);
	const made = ((await (await request.get('/api/events')).json()) as { id: string; title: string }[]).filter((e) => e.title === 'Made once despite a lost answer');
	expect(made).toHaveLength(1);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await page.unroute('**/api/changes');
	await request.delete(`/api/events/${made[0].id}`);
});
