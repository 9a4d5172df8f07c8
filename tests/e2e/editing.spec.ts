/**
 * Editing from the page, as a person does it: the New dialogs, the inspector's forms (checked as
 * typed, saved field by field), Delete with its confirmation, undo and redo, conflicts between
 * tabs, the save state when the server cannot be reached, and the keyboard shortcuts. Every
 * outcome is checked in the API (on disk), not only on screen.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

interface ApiEvent {
	id: string;
	title: string;
	start: string;
	kind: string;
	revision: number;
	actorIds: string[];
	sources: { sourceId: string; quote?: string }[];
	location?: { name: string };
}

const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const table = (page: Page) => page.getByRole('region', { name: 'Events table' });
const graphCanvas = (page: Page) => page.getByRole('region', { name: 'Graph' }).getByRole('application');
const timelineItem = (page: Page, title: string) => page.getByRole('region', { name: 'Timeline' }).locator('.vis-item', { hasText: title });
const saveState = (page: Page) => page.getByRole('banner').locator('[aria-live="polite"]').filter({ hasText: /Sav|Offline|Not saved/ });

async function create(request: APIRequestContext, value: Record<string, unknown>): Promise<ApiEvent> {
	const res = await request.post('/api/events', { data: value });
	expect(res.status()).toBe(201);
	return res.json();
}
const fetchEvent = async (request: APIRequestContext, id: string) => {
	const res = await request.get(`/api/events/${id}`);
	return res.status() === 200 ? ((await res.json()) as ApiEvent) : null;
};
const linksOf = async (request: APIRequestContext, id: string) =>
	((await (await request.get('/api/links')).json()) as { id: string; from: string; to: string }[]).filter((l) => l.from === id || l.to === id);

/** Counts the edits the page sends. */
function countPosts(page: Page): { count: number } {
	const seen = { count: 0 };
	page.on('request', (r) => {
		if (r.method() !== 'GET' && r.url().includes('/api/')) seen.count++;
	});
	return seen;
}

/** Takes the focus out of any field, as clicking on nothing would: single-key shortcuts then apply. */
const unfocus = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

async function openEvent(page: Page, id: string) {
	await page.goto(`/?select=event:${id}`);
	await expect(inspector(page).getByRole('form', { name: 'Edit event' })).toBeVisible();
	// The form is in the server's HTML: a click before the page is hydrated does nothing.
	await expect(graphCanvas(page)).toHaveAttribute('data-events', /\d+/);
}

test.describe('editing', () => {
	test('New event: checked as typed, created through the API, then on the timeline, the graph and the table', async ({ page, request }) => {
		await page.goto('/');
		await expect(graphCanvas(page)).toHaveAttribute('data-events', /\d+/);
		const before = Number(await graphCanvas(page).getAttribute('data-events'));
		const posts = countPosts(page);

		await inspector(page).getByRole('button', { name: 'New event' }).click();
		const dialog = page.getByRole('dialog', { name: 'New event' });
		await dialog.getByLabel('Title').fill('Pontoon bridge at Glushkovo destroyed');
		await dialog.getByLabel('Start').fill('2024-13');
		await expect(dialog.getByText('Not a date: use YYYY, YYYY-MM or YYYY-MM-DD')).toBeVisible();
		await dialog.getByRole('button', { name: 'Create' }).click();
		// refused on the page: nothing sent
		await expect(dialog).toBeVisible();
		expect(posts.count).toBe(0);

		await dialog.getByLabel('Start').fill('2024-08-16');
		await expect(dialog.getByText('Not a date')).toHaveCount(0);
		await dialog.getByLabel('Kind').selectOption('military');
		await dialog.getByRole('button', { name: 'Create' }).click();
		await expect(dialog).toBeHidden();

		// selected, and in every view
		await expect(inspector(page).getByRole('heading', { level: 2 })).toHaveText('Pontoon bridge at Glushkovo destroyed');
		const id = new URL(page.url()).searchParams.get('select')!.split(':')[1];
		expect(await fetchEvent(request, id)).toMatchObject({ title: 'Pontoon bridge at Glushkovo destroyed', start: '2024-08-16', kind: 'military' });
		await expect(table(page).getByRole('link', { name: 'Pontoon bridge at Glushkovo destroyed' })).toBeVisible();
		await expect(timelineItem(page, 'Pontoon bridge at Glushkovo destroyed')).toBeVisible();
		await expect(graphCanvas(page)).toHaveAttribute('data-events', String(before + 1));
		await expect(saveState(page)).toHaveText(/Saved/);

		await request.delete(`/api/events/${id}`);
	});

	test('an invalid field shows its message beside it and sends nothing; Escape puts the saved value back', async ({ page, request }) => {
		const event = await create(request, { title: 'Field check', start: '2024-09-01', kind: 'other' });
		await openEvent(page, event.id);
		const posts = countPosts(page);
		const form = inspector(page).getByRole('form', { name: 'Edit event' });

		await form.getByLabel('End').fill('2024-08');
		await expect(form.getByText('End is before start.')).toBeVisible();
		await expect(form.getByLabel('End')).toHaveAttribute('aria-invalid', 'true');
		await form.getByLabel('End').press('Enter');
		await form.getByLabel('Title').fill('');
		await expect(form.getByText('Required.')).toBeVisible();
		await form.getByLabel('Kind').focus(); // leaving the field commits it, when valid
		await page.waitForTimeout(300);
		expect(posts.count).toBe(0);
		expect(await fetchEvent(request, event.id)).toMatchObject({ title: 'Field check', revision: event.revision });
		expect((await fetchEvent(request, event.id))!.start).toBe('2024-09-01');

		await form.getByLabel('Title').press('Escape');
		await expect(form.getByLabel('Title')).toHaveValue('Field check');
		await expect(form.getByText('Required.')).toHaveCount(0);
		await request.delete(`/api/events/${event.id}`);
	});

	test('edit, undo, redo: each step one field, each checked in the API after a reload', async ({ page, request }) => {
		const event = await create(request, { title: 'Convoy at Rylsk', start: '2024-10', kind: 'military' });
		await openEvent(page, event.id);
		const form = inspector(page).getByRole('form', { name: 'Edit event' });

		// typing is one step, saved when the field is left
		await form.getByLabel('Title').fill('Convoy ambushed at Rylsk');
		await form.getByLabel('Title').press('Tab');
		await expect.poll(async () => (await fetchEvent(request, event.id))?.title).toBe('Convoy ambushed at Rylsk');
		await form.getByLabel('Location').fill('Rylsk, Kursk Oblast');
		await form.getByLabel('Location').press('Enter');
		await expect.poll(async () => (await fetchEvent(request, event.id))?.location?.name).toBe('Rylsk, Kursk Oblast');
		await form.getByLabel('Approximate').check();
		await expect.poll(async () => (await fetchEvent(request, event.id) as unknown as { approximate: boolean }).approximate).toBe(true);

		await page.reload();
		await expect(inspector(page).getByRole('form', { name: 'Edit event' }).getByLabel('Title')).toHaveValue('Convoy ambushed at Rylsk');

		// edit again, then undo and redo (the tab's history outlives the reload)
		await form.getByLabel('Tags').fill('ambush, disputed');
		await form.getByLabel('Tags').press('Enter');
		await expect.poll(async () => ((await fetchEvent(request, event.id)) as unknown as { tags: string[] }).tags).toEqual(['ambush', 'disputed']);
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(async () => ((await fetchEvent(request, event.id)) as unknown as { tags: string[] }).tags).toEqual([]);
		await page.reload();
		await expect(inspector(page).getByRole('form', { name: 'Edit event' }).getByLabel('Tags')).toHaveValue('');
		// a new edit after the reload: it clears redo; then undo and redo it here
		await form.getByLabel('Title').fill('Convoy destroyed at Rylsk');
		await form.getByLabel('Title').press('Enter');
		await expect.poll(async () => (await fetchEvent(request, event.id))?.title).toBe('Convoy destroyed at Rylsk');
		// in a text field Ctrl+Z is the field's own; out of it, the page's
		await unfocus(page);
		await page.keyboard.press('Control+z');
		await expect.poll(async () => (await fetchEvent(request, event.id))?.title).toBe('Convoy ambushed at Rylsk');
		await expect(form.getByLabel('Title')).toHaveValue('Convoy ambushed at Rylsk');
		// selecting something else does not clear redo
		await table(page).getByRole('link', { name: 'Ukrainian forces capture Sudzha' }).click();
		await expect(inspector(page).getByRole('heading', { level: 2 })).toHaveText('Ukrainian forces capture Sudzha');
		await page.getByRole('button', { name: 'Redo' }).click();
		await expect.poll(async () => (await fetchEvent(request, event.id))?.title).toBe('Convoy destroyed at Rylsk');
		await openEvent(page, event.id);
		await expect(inspector(page).getByRole('heading', { level: 2 })).toHaveText('Convoy destroyed at Rylsk');
		await request.delete(`/api/events/${event.id}`);
	});

	test('delete an event with links: asks, saying how many; undo brings the links back', async ({ page, request }) => {
		const hub = await create(request, { title: 'Hub event', start: '2024-11-01', kind: 'political' });
		const a = await create(request, { title: 'Hub cause', start: '2024-10-01', kind: 'political' });
		const b = await create(request, { title: 'Hub effect', start: '2024-12-01', kind: 'political' });
		await request.post('/api/links', { data: { from: a.id, to: hub.id, relation: 'causes' } });
		await request.post('/api/links', { data: { from: hub.id, to: b.id, relation: 'triggers' } });
		await openEvent(page, hub.id);

		await inspector(page).getByRole('button', { name: 'Delete', exact: true }).click();
		const confirm = page.getByRole('alertdialog', { name: 'Delete “Hub event”?' });
		await expect(confirm).toContainText('its 2 links');
		await confirm.getByRole('button', { name: 'Cancel' }).click();
		expect(await fetchEvent(request, hub.id)).not.toBeNull();

		await inspector(page).getByRole('button', { name: 'Delete', exact: true }).click();
		await confirm.getByRole('button', { name: 'Delete' }).click();
		await expect.poll(() => fetchEvent(request, hub.id)).toBeNull();
		expect(await linksOf(request, hub.id)).toHaveLength(0);
		await expect(page).not.toHaveURL(/select=/);
		await expect(table(page).getByRole('link', { name: 'Hub event' })).toHaveCount(0);

		await page.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(async () => (await fetchEvent(request, hub.id))?.title).toBe('Hub event');
		expect(await linksOf(request, hub.id)).toHaveLength(2);
		await expect(table(page).getByRole('link', { name: 'Hub event' })).toBeVisible();
		for (const e of [hub, a, b]) await request.delete(`/api/events/${e.id}`);
	});

	test('a conflicting edit shows both versions and loses nothing: keep mine, or take theirs', async ({ page, request }) => {
		const event = await create(request, { title: 'Disputed shelling', start: '2024-08-20', kind: 'military' });
		await openEvent(page, event.id);
		const form = inspector(page).getByRole('form', { name: 'Edit event' });

		// typing here, unsaved, while another tab saves a new title
		await form.getByLabel('Title').fill('Shelling of Sudzha (mine)');
		expect((await request.patch(`/api/events/${event.id}`, { data: { title: 'Shelling of Sudzha (theirs)' } })).status()).toBe(200);
		// their change arrives (the heading follows it) and what is typed stays
		await expect(inspector(page).getByRole('heading', { level: 2 })).toHaveText('Shelling of Sudzha (theirs)', { timeout: 2000 });
		await expect(form.getByLabel('Title')).toHaveValue('Shelling of Sudzha (mine)');

		await form.getByLabel('Title').press('Enter');
		const conflict = page.getByRole('alertdialog', { name: 'Changed elsewhere while you were editing' });
		await expect(conflict).toContainText('Shelling of Sudzha (mine)');
		await expect(conflict).toContainText('Shelling of Sudzha (theirs)');
		// Escape does not dismiss it: it needs an answer
		await page.keyboard.press('Escape');
		await expect(conflict).toBeVisible();
		expect((await fetchEvent(request, event.id))?.title).toBe('Shelling of Sudzha (theirs)');
		await conflict.getByRole('button', { name: 'Keep mine' }).click();
		await expect.poll(async () => (await fetchEvent(request, event.id))?.title).toBe('Shelling of Sudzha (mine)');
		await expect(form.getByLabel('Title')).toHaveValue('Shelling of Sudzha (mine)');

		// again, and this time take theirs: the field shows their version
		await form.getByLabel('Description').fill('My account of it.');
		expect((await request.patch(`/api/events/${event.id}`, { data: { description: 'Their account of it.' } })).status()).toBe(200);
		await expect(form.getByLabel('Description')).toHaveValue('My account of it.');
		await form.getByLabel('Location').focus();
		await expect(conflict).toContainText('My account of it.');
		await expect(conflict).toContainText('Their account of it.');
		await conflict.getByRole('button', { name: 'Take theirs' }).click();
		await expect(form.getByLabel('Description')).toHaveValue('Their account of it.');
		expect((await fetchEvent(request, event.id)) as unknown as { description: string }).toMatchObject({ description: 'Their account of it.', title: 'Shelling of Sudzha (mine)' });
		await request.delete(`/api/events/${event.id}`);
	});

	test('the server unreachable: the page says so, keeps the edit, and saves it when back', async ({ page, request }) => {
		const event = await create(request, { title: 'Blip test', start: '2024-08-10', kind: 'other' });
		await openEvent(page, event.id);
		const form = inspector(page).getByRole('form', { name: 'Edit event' });
		await page.route('**/api/changes', (route) => route.abort('internetdisconnected'));

		await form.getByLabel('Title').fill('Blip test, saved later');
		await form.getByLabel('Title').press('Enter');
		await expect(saveState(page)).toContainText('Offline: 1 edit waiting to be saved');
		await expect(form.getByLabel('Title')).toHaveValue('Blip test, saved later');
		expect((await fetchEvent(request, event.id))?.title).toBe('Blip test');

		await page.unroute('**/api/changes');
		await saveState(page).getByRole('button', { name: 'Retry now' }).click();
		await expect(saveState(page)).toHaveText(/Saved/);
		expect((await fetchEvent(request, event.id))?.title).toBe('Blip test, saved later');
		await request.delete(`/api/events/${event.id}`);
	});

	test('actors on an event (an existing one, or a new one made on the spot) and a cited source with its quote', async ({ page, request }) => {
		const event = await create(request, { title: 'Actor check', start: '2024-08-12', kind: 'military' });
		const actors = (await (await request.get('/api/actors')).json()) as { id: string; name: string }[];
		const sources = (await (await request.get('/api/sources')).json()) as { id: string; title: string }[];
		await openEvent(page, event.id);

		await inspector(page).getByLabel('Add actor').fill(actors[0].name);
		await inspector(page).getByRole('button', { name: 'Add', exact: true }).click();
		await expect.poll(async () => (await fetchEvent(request, event.id))?.actorIds).toEqual([actors[0].id]);

		await inspector(page).getByLabel('Add actor').fill('Kursk regional administration');
		await inspector(page).getByRole('button', { name: 'Create and add' }).click();
		await expect.poll(async () => (await fetchEvent(request, event.id))?.actorIds.length).toBe(2);
		const made = ((await (await request.get('/api/actors')).json()) as { id: string; name: string }[]).find((a) => a.name === 'Kursk regional administration')!;
		expect((await fetchEvent(request, event.id))?.actorIds).toContain(made.id);
		await inspector(page).getByRole('button', { name: `Remove ${actors[0].name}` }).click();
		await expect.poll(async () => (await fetchEvent(request, event.id))?.actorIds).toEqual([made.id]);

		const cite = inspector(page).getByRole('form', { name: 'Cite a source' });
		await cite.getByLabel('Source').selectOption(sources[0].id);
		await cite.getByLabel('Quote').fill('“the words the article uses”');
		await cite.getByRole('button', { name: 'Cite' }).click();
		await expect.poll(async () => (await fetchEvent(request, event.id))?.sources).toEqual([{ sourceId: sources[0].id, quote: '“the words the article uses”' }]);
		await expect(inspector(page).getByRole('list', { name: 'Sources' }).locator('blockquote')).toHaveText('“the words the article uses”');

		// the new actor's own form
		await page.goto(`/?select=actor:${made.id}`);
		const actorForm = inspector(page).getByRole('form', { name: 'Edit actor' });
		await actorForm.getByLabel('Kind').selectOption('organization');
		await actorForm.getByLabel('Colour').fill('#12');
		await expect(actorForm.getByText('Not a colour: use #rrggbb.')).toBeVisible();
		await actorForm.getByLabel('Colour').fill('#1f5f9e');
		await actorForm.getByLabel('Colour').press('Enter');
		await expect.poll(async () => (await (await request.get(`/api/actors/${made.id}`)).json()) as { kind: string; color: string }).toMatchObject({ kind: 'organization', color: '#1f5f9e' });
		await expect(inspector(page).getByRole('list', { name: 'Events of Kursk regional administration' })).toContainText('Actor check');

		// deleting it takes it off the event: asked first, saying so
		await inspector(page).getByRole('button', { name: 'Delete', exact: true }).click();
		const confirm = page.getByRole('alertdialog', { name: 'Delete “Kursk regional administration”?' });
		await expect(confirm).toContainText('its place on 1 event');
		await confirm.getByRole('button', { name: 'Delete' }).click();
		await expect.poll(async () => (await fetchEvent(request, event.id))?.actorIds).toEqual([]);
		await request.delete(`/api/events/${event.id}`);
	});

	test('keyboard: ? lists the shortcuts; N, L, Delete, Escape, / and F act', async ({ page, request }) => {
		const cause = await create(request, { title: 'Keyboard cause', start: '2024-08-07', kind: 'other' });
		const effect = await create(request, { title: 'Keyboard effect', start: '2024-08-09', kind: 'other' });
		await openEvent(page, cause.id);
		await unfocus(page);

		await page.keyboard.press('?');
		const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
		for (const key of ['N', 'L', 'Delete', 'Escape', '/', 'F']) await expect(help.getByRole('rowheader', { name: key, exact: true })).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(help).toBeHidden();
		await expect(page).toHaveURL(/select=event/); // Escape closed the dialog only

		await page.keyboard.press('n');
		await expect(page.getByRole('dialog', { name: 'New event' })).toBeVisible();
		await expect(page.getByRole('dialog', { name: 'New event' }).getByLabel('Title')).toBeFocused();
		await page.keyboard.press('Escape');

		// L: a new link from the selected event
		await page.keyboard.press('l');
		const newLink = page.getByRole('dialog', { name: 'New link' });
		await expect(newLink.getByLabel('Cause')).toHaveValue('Keyboard cause');
		await newLink.getByLabel('Effect').fill('Keyboard eff');
		await newLink.getByRole('option', { name: /Keyboard effect/ }).click();
		await newLink.getByLabel('Relation').selectOption('triggers');
		await newLink.getByRole('button', { name: 'Create' }).click();
		await expect.poll(async () => (await linksOf(request, cause.id)).map((l) => [l.from, l.to])).toEqual([[cause.id, effect.id]]);

		// Delete (the new link is selected: nothing goes with it, so no question), then undo with the keys
		await expect(page).toHaveURL(/select=link/);
		await unfocus(page);
		await page.keyboard.press('Delete');
		await expect.poll(async () => (await linksOf(request, cause.id)).length).toBe(0);
		await page.keyboard.press('Control+z');
		await expect.poll(async () => (await linksOf(request, cause.id)).length).toBe(1);

		// Escape clears the selection; / goes to the search box
		await page.goto(`/?select=event:${effect.id}`);
		await expect(inspector(page).getByRole('heading', { level: 2 })).toHaveText('Keyboard effect');
		await unfocus(page);
		await page.keyboard.press('Escape');
		await expect(page).not.toHaveURL(/select=/);
		await page.keyboard.press('/');
		await expect(page.getByRole('searchbox')).toBeFocused();
		await page.keyboard.press('Tab');

		// F fits the timeline: zoomed in, then every event in view again
		const region = page.getByRole('region', { name: 'Timeline' });
		const inView = () =>
			region.evaluate((r) => {
				const panel = r.querySelector('.vis-panel.vis-center')!.getBoundingClientRect();
				return [...r.querySelectorAll('.vis-item:not(.vis-dot)')].filter((el) => {
					const box = el.getBoundingClientRect();
					return box.width > 0 && box.right > panel.left && box.left < panel.right;
				}).length;
			});
		await expect.poll(inView).toBeGreaterThan(10);
		const all = await inView();
		await region.getByRole('application').focus();
		for (let i = 0; i < 5; i++) await page.keyboard.press('+');
		await expect.poll(inView).toBeLessThan(all);
		await unfocus(page);
		await page.keyboard.press('f');
		// every event, the ones the first window leaves out (far from the rest) included
		const total = ((await (await request.get('/api/events')).json()) as unknown[]).length;
		await expect.poll(inView).toBe(total);

		for (const e of [cause, effect]) await request.delete(`/api/events/${e.id}`);
	});
});
