/**
 * The timeline, driven in Chromium as a person would: look, group, toggle arrows, select, drag,
 * double-click to create, zoom with the keyboard. vis-timeline draws a canvas of positioned
 * elements; items are found by their text, the controls by their accessible names.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

interface ApiEvent {
	id: string;
	title: string;
	start: string;
	end?: string;
	actorIds: string[];
	kind: string;
	revision: number;
}

const events = async (request: APIRequestContext): Promise<ApiEvent[]> => (await request.get('/api/events')).json();
const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });
// A point item's dot is a .vis-item of its own; count the items, not their dots.
const items = (page: Page) => timeline(page).locator('.vis-item:not(.vis-dot)');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The item whose title starts with `text` (after a "c. " for approximate events). */
const item = (page: Page, text: string) => timeline(page).locator('.vis-item', { hasText: new RegExp(`^(c\\. )?${escape(text)}`) });

/** Opens the page and shows every event (the first window shows where most of the story is). */
async function open(page: Page, path = '/') {
	await page.goto(path);
	await expect(items(page).first()).toBeVisible();
	await timeline(page).getByRole('button', { name: 'Fit' }).click();
}

/** The x of a date on the axis, from the year labels ("2023" starts where its label does). */
async function xOfYear(page: Page, year: number, fraction = 0): Promise<number> {
	// Years are the major labels when months fit between them, else the minor ones.
	const label = (y: number) => timeline(page).locator('.vis-time-axis .vis-text', { hasText: new RegExp(`^${y}$`) }).first();
	const a = (await label(year).boundingBox())!;
	const b = (await label(year + 1).boundingBox())!;
	return a.x + (b.x - a.x) * fraction;
}

/** How many items are in the visible part of the time axis (vis keeps the others in the DOM). */
function countInWindow(page: Page): Promise<number> {
	return timeline(page).evaluate((region) => {
		const panel = region.querySelector('.vis-panel.vis-center')!.getBoundingClientRect();
		return [...region.querySelectorAll('.vis-item:not(.vis-dot)')].filter((el) => {
			const r = el.getBoundingClientRect();
			return r.width > 0 && r.right > panel.left && r.left < panel.right;
		}).length;
	});
}

async function create(request: APIRequestContext, value: Record<string, unknown>): Promise<ApiEvent> {
	const res = await request.post('/api/events', { data: value });
	expect(res.status()).toBe(201);
	return res.json();
}

test.describe('the timeline', () => {
	test('shows every event of the dataset, with a legend', async ({ page, request }) => {
		const all = await events(request);
		await open(page);
		await expect(items(page)).toHaveCount(all.length);
		await expect(item(page, 'First Kursk offensive')).toHaveClass(/precision-day/);
		// known only to the month: drawn as the whole month, not as a made-up day
		await expect(item(page, 'Ukrainian forces capture Sudzha')).toHaveClass(/vis-range.*precision-month|precision-month.*vis-range/);
		await expect(item(page, 'Ukrainian forces capture Sudzha')).toContainText('c. ');
		const legend = timeline(page).getByRole('list', { name: 'Legend' });
		for (const text of ['Military', 'Diplomatic', 'known month', 'effect before cause']) await expect(legend).toContainText(text);
	});

	test('groups rows by actor, by kind, or not at all; an event with several actors is in each row', async ({ page, request }) => {
		const all = await events(request);
		const actors: { id: string; name: string }[] = await (await request.get('/api/actors')).json();
		await page.setViewportSize({ width: 1440, height: 1600 });
		await open(page);
		const rows = timeline(page).locator('.vis-labelset .vis-label').filter({ hasText: /\S/ });
		await expect(rows).toHaveCount(0);

		await timeline(page).getByLabel('Group by').selectOption('actor');
		const used = new Set(all.flatMap((e) => e.actorIds));
		const noActor = all.some((e) => e.actorIds.length === 0) ? 1 : 0;
		await expect(rows).toHaveCount(used.size + noActor);
		// an event whose actors all have rows as near the top as can be (vis draws only the rows on screen)
		const order = (await rows.allTextContents()).map((name) => actors.find((a) => a.name === name)?.id);
		let shared: ApiEvent | undefined;
		for (let n = 2; !shared && n <= order.length; n++) {
			const top = new Set(order.slice(0, n));
			shared = all.find((e) => e.actorIds.length >= 2 && e.actorIds.every((a) => top.has(a)));
		}
		if (!shared) throw new Error('no event has two or more actors');
		await expect(item(page, shared.title)).toHaveCount(shared.actorIds.length);
		// the copies select together
		await item(page, shared.title).first().click();
		await expect(timeline(page).locator('.vis-item.vis-selected:not(.vis-dot)')).toHaveCount(shared.actorIds.length);

		await timeline(page).getByLabel('Group by').selectOption('kind');
		await expect(rows).toHaveCount(new Set(all.map((e) => e.kind)).size);
		await expect(rows.first()).toHaveText('Military');
		await timeline(page).getByLabel('Group by').selectOption('none');
		await expect(rows).toHaveCount(0);
		await expect(items(page)).toHaveCount(all.length);
	});

	test('draws cause → effect arrows, can hide them, and warns when the effect comes first', async ({ page, request }) => {
		const links = await (await request.get('/api/links')).json();
		const cause = await create(request, { title: 'Arrow test cause', start: '2023-09', kind: 'other' });
		const effect = await create(request, { title: 'Arrow test effect', start: '2023-04-02', kind: 'other' });
		expect((await request.post('/api/links', { data: { from: cause.id, to: effect.id, relation: 'causes' } })).status()).toBe(201);
		await open(page);
		const paths = timeline(page).locator('svg.tl-arrows > path');
		await expect(paths).toHaveCount(links.length + 1);
		const warnings = paths.filter({ has: page.locator('title', { hasText: 'effect comes before its cause' }) });
		await expect(warnings).toHaveCount(1);
		expect(await warnings.evaluate((p) => getComputedStyle(p).stroke)).toBe('rgb(217, 72, 15)');

		await timeline(page).getByLabel('Arrows').uncheck();
		await expect(timeline(page).locator('svg.tl-arrows')).toHaveCount(0);
		await timeline(page).getByLabel('Arrows').check();
		await expect(paths).toHaveCount(links.length + 1);
		await request.delete(`/api/events/${cause.id}`);
		await request.delete(`/api/events/${effect.id}`);
	});

	test('arrows stay drawn when a link is made in this tab or arrives from another', async ({ page, request }) => {
		const cause = await create(request, { title: 'Arrow keep cause', start: '2024-09-03', kind: 'other' });
		const effect = await create(request, { title: 'Arrow keep effect', start: '2024-09-20', kind: 'other' });
		await open(page);
		const paths = timeline(page).locator('svg.tl-arrows > path');
		const drawn = () => paths.evaluateAll((all) => all.filter((p) => p.getAttribute('d') !== 'M 0 0').length);
		await expect.poll(drawn).toBeGreaterThan(0);
		const before = await drawn();

		// from another tab (the change stream)
		const res = await request.post('/api/links', { data: { from: cause.id, to: effect.id, relation: 'causes' } });
		expect(res.status()).toBe(201);
		await expect(paths).toHaveCount((await (await request.get('/api/links')).json()).length);
		await expect.poll(drawn).toBe(before + 1);

		// from this tab: New link
		await open(page, `/?select=event:${cause.id}`);
		await expect.poll(drawn).toBe(before + 1);
		await page.getByRole('button', { name: 'New link' }).click();
		const dialog = page.getByRole('dialog', { name: 'New link' });
		await dialog.getByLabel('Effect', { exact: true }).fill('Arrow keep effect');
		await dialog.getByLabel('Effect', { exact: true }).press('Enter');
		await dialog.getByLabel('Relation').selectOption('enables');
		await dialog.getByRole('button', { name: 'Create' }).click();
		await expect(dialog).toBeHidden();
		await expect.poll(drawn).toBe(before + 2);
		await request.delete(`/api/events/${cause.id}`);
		await request.delete(`/api/events/${effect.id}`);
	});

	test('selecting an item shows it in the inspector and the URL, and a reload selects it again', async ({ page, request }) => {
		const e = await create(request, { title: 'Select me on the timeline', start: '2023-07-01', kind: 'political' });
		await open(page);
		await item(page, 'Select me on the timeline').click();
		await expect(page).toHaveURL(new RegExp(`select=event%3A${e.id}`));
		const inspector = page.getByRole('region', { name: 'Inspector' });
		await expect(inspector.getByRole('heading', { level: 2 })).toHaveText('Select me on the timeline');
		await page.reload();
		await expect(item(page, 'Select me on the timeline')).toHaveClass(/vis-selected/);
		// and a selection made in the table shows on the timeline
		await page.getByRole('region', { name: 'Events table' }).getByRole('link', { name: 'US–Ukraine talks in Jeddah, Saudi Arabia' }).click();
		await expect(item(page, 'US–Ukraine talks in Jeddah')).toHaveClass(/vis-selected/);
		// (the window moves to it, so the other item may be out of sight: count what is selected)
		await expect(timeline(page).locator('.vis-item.vis-selected:not(.vis-dot)')).toHaveCount(1);
		await expect(timeline(page).locator('.vis-item.vis-selected:not(.vis-dot)')).toContainText('US–Ukraine talks in Jeddah');
		await request.delete(`/api/events/${e.id}`);
	});

	test('dragging a day-precision event moves it by days, saved through the API', async ({ page, request }) => {
		const e = await create(request, { title: 'Drag me by days', start: '2023-05-10', kind: 'aid' });
		await open(page);
		const box = (await item(page, 'Drag me by days').locator('.vis-item-content').boundingBox())!;
		await page.mouse.move(box.x + 10, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + 60, box.y + box.height / 2, { steps: 8 });
		await page.mouse.move(box.x + 110, box.y + box.height / 2, { steps: 8 });
		await page.mouse.up();
		await expect(page.getByRole('status')).toContainText('Moved “Drag me by days”');
		const moved: ApiEvent = await (await request.get(`/api/events/${e.id}`)).json();
		expect(moved.start).toMatch(/^2023-\d{2}-\d{2}$/);
		expect(moved.start > '2023-05-10').toBe(true);
		expect(moved.revision).toBe(2);
		await page.reload();
		await expect(items(page).first()).toBeVisible();
		// the first window shows where most of the story is, which need not reach back to 2023
		await timeline(page).getByRole('button', { name: 'Fit' }).click();
		await item(page, 'Drag me by days').click();
		await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('known to the day');
	});

	test('dragging a month-precision event moves it by whole months', async ({ page, request }) => {
		const e = await create(request, { title: 'Drag me by months', start: '2023-02', kind: 'aid' });
		await open(page);
		const box = (await item(page, 'Drag me by months').boundingBox())!;
		const monthWidth = ((await xOfYear(page, 2024)) - (await xOfYear(page, 2023))) / 12;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width / 2 + monthWidth * 1.5, box.y + box.height / 2, { steps: 6 });
		await page.mouse.move(box.x + box.width / 2 + monthWidth * 3, box.y + box.height / 2, { steps: 6 });
		await page.mouse.up();
		await expect(page.getByRole('status')).toContainText('Moved “Drag me by months”');
		const moved: ApiEvent = await (await request.get(`/api/events/${e.id}`)).json();
		expect(moved.start).toMatch(/^2023-\d{2}$/);
		expect(moved.start).not.toBe('2023-02');
	});

	test('a drag the server refuses (stale revision) puts the item back and says why', async ({ page, request }) => {
		const e = await create(request, { title: 'Stale drag', start: '2023-08-20', kind: 'aid' });
		// This page must not hear of the other edit (the change stream would bring it): as after a
		// dropped connection, it still has the old revision.
		await page.route('**/api/changes/stream**', (route) => route.abort());
		await open(page);
		// another tab edits it after this page loaded
		expect((await request.patch(`/api/events/${e.id}`, { data: { description: 'changed elsewhere' } })).status()).toBe(200);
		const target = item(page, 'Stale drag');
		// let the timeline settle first: a drag during its first layout grabs nothing
		await expect(target).toBeVisible();
		await page.waitForTimeout(400);
		const before = (await target.boundingBox())!;
		await page.mouse.move(before.x + 10, before.y + before.height / 2);
		await page.mouse.down();
		await page.mouse.move(before.x + 90, before.y + before.height / 2, { steps: 10 });
		await page.mouse.up();
		await expect(page.getByRole('alert')).toContainText('Could not move “Stale drag”');
		await expect(page.getByRole('alert')).toContainText('It was put back');
		await expect.poll(async () => Math.round((await target.boundingBox())!.x)).toBe(Math.round(before.x));
		expect((await (await request.get(`/api/events/${e.id}`)).json()).start).toBe('2023-08-20');
	});

	test('double-clicking empty space creates an event on that day', async ({ page, request }) => {
		await open(page);
		await timeline(page).getByLabel('Arrows').uncheck(); // arrows cross the empty year
		const x = await xOfYear(page, 2023, 0.42);
		const panel = (await timeline(page).locator('.vis-panel.vis-center').boundingBox())!;
		await page.mouse.dblclick(x, panel.y + panel.height - 12);
		const form = page.getByRole('form', { name: 'New event' });
		await expect(form).toBeVisible();
		const when = (await form.locator('.when').textContent())!;
		expect(when).toMatch(/New event on \d{1,2} \w{3} 2023/);
		// nothing invalid is sent: an empty title is refused beside the field
		await form.getByRole('button', { name: 'Create' }).click();
		await expect(form.getByRole('alert')).toHaveText('A title is required.');
		await form.getByLabel('Title').fill('Made by double-click');
		await form.getByLabel('Kind').selectOption('diplomatic');
		await form.getByLabel('Title').press('Enter');
		await expect(form).toHaveCount(0);
		const inspector = page.getByRole('region', { name: 'Inspector' });
		await expect(inspector.getByRole('heading', { level: 2 })).toHaveText('Made by double-click');
		const made = (await events(request)).find((e) => e.title === 'Made by double-click')!;
		expect(made).toMatchObject({ kind: 'diplomatic' });
		expect(made.start).toMatch(/^2023-\d{2}-\d{2}$/);
		expect(when).toContain(String(Number(made.start.slice(8))));
	});

	test('zooms and pans with the keyboard; Fit shows everything again', async ({ page, request }) => {
		const all = await events(request);
		await open(page);
		await expect.poll(() => countInWindow(page)).toBe(all.length);
		await timeline(page).getByRole('application').focus();
		for (let i = 0; i < 4; i++) await page.keyboard.press('+');
		await expect.poll(() => countInWindow(page)).toBeLessThan(all.length);
		const zoomed = await countInWindow(page);
		for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
		await expect.poll(() => countInWindow(page)).not.toBe(zoomed);
		await timeline(page).getByRole('button', { name: 'Fit' }).click();
		await expect.poll(() => countInWindow(page)).toBe(all.length);
		// and 0 on the keyboard fits as the button does
		await timeline(page).getByRole('application').focus();
		for (let i = 0; i < 4; i++) await page.keyboard.press('+');
		await expect.poll(() => countInWindow(page)).toBeLessThan(all.length);
		await page.keyboard.press('0');
		await expect.poll(() => countInWindow(page)).toBe(all.length);
	});

	test('a hostile title is shown as text and runs nothing', async ({ page, request }) => {
		const title = '<img src=x onerror="window.__pwnedTimeline=1">';
		const e = await create(request, { title, start: '2023-11-05', kind: 'other' });
		await open(page);
		await expect(item(page, title)).toHaveCount(1);
		expect(await timeline(page).locator('img').count()).toBe(0);
		expect(await page.evaluate(() => (window as unknown as { __pwnedTimeline?: number }).__pwnedTimeline)).toBeUndefined();
		await request.delete(`/api/events/${e.id}`);
	});
});
