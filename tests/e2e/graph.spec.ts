/**
 * The graph, driven in Chromium as a person would: look, switch layouts, select, drag a link from
 * one event to another, explore chains and paths. cytoscape draws on a canvas: what it shows is
 * read from the graph's status line and its container's data attributes (the counts cytoscape
 * holds), and nodes are found by hovering until the tooltip names them.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

interface ApiEvent {
	id: string;
	title: string;
	start: string;
	kind: string;
}
interface ApiLink {
	id: string;
	from: string;
	to: string;
	relation: string;
	confidence: string;
}

const graph = (page: Page) => page.getByRole('region', { name: 'Graph' });
const canvas = (page: Page) => graph(page).getByRole('application');
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });

async function open(page: Page, path = '/') {
	await page.goto(path);
	await expect(canvas(page)).toHaveAttribute('data-painted', 'true');
	await expect(canvas(page)).toHaveAttribute('aria-busy', 'false');
}

async function create(request: APIRequestContext, value: Record<string, unknown>): Promise<ApiEvent> {
	const res = await request.post('/api/events', { data: value });
	expect(res.status()).toBe(201);
	return res.json();
}

const links = async (request: APIRequestContext): Promise<ApiLink[]> => (await request.get('/api/links')).json();

/**
 * Where on the screen the node of the event titled `title` is: the pointer sweeps the canvas from
 * its middle outwards until the graph's tooltip names the event.
 */
async function nodeAt(page: Page, title: string, kind: 'event' | 'actor' = 'event'): Promise<{ x: number; y: number }> {
	const box = (await canvas(page).boundingBox())!;
	const tip = graph(page).getByRole('tooltip');
	const outwards = (from: number, to: number, step: number) => {
		const mid = (from + to) / 2;
		const list: number[] = [];
		for (let d = 0; d <= (to - from) / 2; d += step) list.push(mid - d, mid + d);
		return list.filter((v) => v > from + 4 && v < to - 4);
	};
	for (const y of outwards(box.y, box.y + box.height, 12)) {
		for (const x of outwards(box.x, box.x + box.width, 40)) {
			await page.mouse.move(x, y);
			if ((await tip.count()) && (await tip.getAttribute('data-kind')) === kind && (await tip.textContent())?.includes(title)) return { x, y };
		}
	}
	throw new Error(`no node for “${title}” on the graph`);
}

/** Presses on one point and lets go on another, pausing over the target as a hand would. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
	await page.mouse.move(to.x, to.y, { steps: 6 });
	await page.waitForTimeout(250);
	await page.mouse.up();
}

test.describe('the graph', () => {
	test('shows every event and link of the dataset, in each layout', async ({ page, request }) => {
		const events: ApiEvent[] = await (await request.get('/api/events')).json();
		const all = await links(request);
		await open(page);
		await expect(canvas(page)).toHaveAttribute('data-events', String(events.length));
		await expect(canvas(page)).toHaveAttribute('data-links', String(all.length));
		await expect(graph(page).getByText(/links shown/)).toHaveText(`${events.length} events · ${all.length} links shown`);
		await expect(graph(page).getByRole('list', { name: 'Graph legend' })).toContainText('responds to');

		for (const layout of ['chronological', 'force', 'causal']) {
			await graph(page).getByLabel('Layout').selectOption(layout);
			await expect(canvas(page)).toHaveAttribute('data-layout', layout);
			await expect(canvas(page)).toHaveAttribute('data-events', String(events.length));
		}
		// the layout is view state, remembered by the browser, not stored in the document
		await page.reload();
		await expect(canvas(page)).toHaveAttribute('data-layout', 'causal');
		expect(await (await request.get('/api/events')).text()).not.toContain('"position"');

		// actors as nodes, on request: the events stay as they are
		await graph(page).getByLabel('Actors').check();
		await expect(canvas(page)).toHaveAttribute('aria-busy', 'false');
		await expect(canvas(page)).toHaveAttribute('data-events', String(events.length));
	});

	test('dragging from a cause to an effect creates a link through the API, then editable', async ({ page, request }) => {
		// Finding a node by hovering takes a while; this test does it four times.
		test.setTimeout(90_000);
		const cause = await create(request, { title: 'Quillwort cause', start: '2023-03-01', kind: 'political' });
		const effect = await create(request, { title: 'Quillwort effect', start: '2023-09-01', kind: 'aid' });
		await open(page, '/?q=quillwort');
		await expect(canvas(page)).toHaveAttribute('data-events', '2');
		let a = await nodeAt(page, 'Quillwort cause');
		let b = await nodeAt(page, 'Quillwort effect');

		await drag(page, a, b);
		await expect(page.getByRole('status').filter({ hasText: 'Linked' })).toContainText('“Quillwort cause” causes “Quillwort effect”');
		await expect(canvas(page)).toHaveAttribute('data-links', '1');
		const made = (await links(request)).filter((l) => l.from === cause.id && l.to === effect.id);
		expect(made).toHaveLength(1);
		expect(made[0]).toMatchObject({ relation: 'causes', confidence: 'medium' });

		// the new link is selected and its relation can be changed at once
		await expect(page).toHaveURL(new RegExp(`select=link%3A${made[0].id}`));
		await expect(page).toHaveURL(/q=quillwort/);
		await expect(inspector(page).getByLabel('Relation')).toHaveValue('causes');
		await inspector(page).getByLabel('Relation').selectOption('enables');
		await expect.poll(async () => (await links(request)).find((l) => l.id === made[0].id)?.relation).toBe('enables');

		// a second link with another relation is another claim, and allowed (the link rule); the
		// nodes are found again, as the change may have laid the graph out anew
		a = await nodeAt(page, 'Quillwort cause');
		b = await nodeAt(page, 'Quillwort effect');
		await drag(page, a, b);
		await expect.poll(async () => (await links(request)).filter((l) => l.from === cause.id && l.to === effect.id).length, { timeout: 10_000 }).toBe(2);
		await expect(canvas(page)).toHaveAttribute('data-links', '2', { timeout: 10_000 });
		// the same link again is refused, with a reason
		await drag(page, a, b);
		await expect(page.getByRole('alert')).toContainText('already causes');
		await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
		// and so is a link from an event to itself (out of it and back in)
		await page.mouse.move(a.x, a.y);
		await page.mouse.down();
		await page.mouse.move(a.x - 260, a.y, { steps: 6 });
		await page.mouse.move(a.x, a.y, { steps: 6 });
		await page.mouse.up();
		await expect(page.getByRole('alert')).toContainText('cannot cause itself');
		expect((await links(request)).filter((l) => [l.from, l.to].includes(cause.id)).map((l) => l.relation).sort()).toEqual(['causes', 'enables']);

		await request.delete(`/api/events/${cause.id}`);
		await request.delete(`/api/events/${effect.id}`);
	});

	test('a node moves by Shift+drag, or by a plain drag with “Drag draws links” off, and no link is made', async ({ page, request }) => {
		const one = await create(request, { title: 'Mossbank one', start: '2023-03-01', kind: 'political' });
		const two = await create(request, { title: 'Mossbank two', start: '2023-09-01', kind: 'aid' });
		await open(page, '/?q=mossbank');
		await expect(canvas(page)).toHaveAttribute('data-events', '2');
		const tip = graph(page).getByRole('tooltip');
		const titleAt = async (p: { x: number; y: number }) => {
			await page.mouse.move(p.x + 1, p.y + 1);
			await page.mouse.move(p.x, p.y);
			return (await tip.count()) ? await tip.textContent() : null;
		};
		const a = await nodeAt(page, 'Mossbank one');
		const box = (await canvas(page).boundingBox())!;
		// somewhere empty: the far corner of the canvas from the node
		const to = { x: a.x < box.x + box.width / 2 ? box.x + box.width - 60 : box.x + 60, y: a.y < box.y + box.height / 2 ? box.y + box.height - 50 : box.y + 50 };

		await page.keyboard.down('Shift');
		await drag(page, a, to);
		await page.keyboard.up('Shift');
		await expect.poll(() => titleAt(to)).toContain('Mossbank one');
		expect(await titleAt(a)).toBeNull();

		await graph(page).getByLabel('Drag draws links').uncheck();
		await drag(page, to, a);
		await expect.poll(() => titleAt(a)).toContain('Mossbank one');
		expect((await links(request)).filter((l) => [l.from, l.to].includes(one.id))).toEqual([]);

		// ticked again, a drag draws a link again
		await graph(page).getByLabel('Drag draws links').check();
		const b = await nodeAt(page, 'Mossbank two');
		await drag(page, a, b);
		await expect.poll(async () => (await links(request)).filter((l) => l.from === one.id && l.to === two.id).length).toBe(1);
		await request.delete(`/api/events/${one.id}`);
		await request.delete(`/api/events/${two.id}`);
	});

	test('selecting a node shows its causes and effects in the inspector', async ({ page }) => {
		// a search leaves a few events, among them the one to select
		await open(page, '/?q=first%20kursk%20offensive');
		expect(Number(await canvas(page).getAttribute('data-events'))).toBeLessThan(10);
		const at = await nodeAt(page, 'First Kursk offensive');
		await page.mouse.click(at.x, at.y);
		await expect(page).toHaveURL(/select=event%3Afirst-incursion/);
		await expect(inspector(page).getByRole('heading', { level: 2 })).toContainText('First Kursk offensive');
		const causes = inspector(page).getByRole('list', { name: 'Causes' });
		await expect(causes.getByRole('listitem')).toHaveCount(2);
		await expect(causes).toContainText('Kyiv decides on a cross-border offensive');
		await expect(causes).toContainText('Expected Russian offensive');
		await expect(inspector(page).getByRole('list', { name: 'Effects' }).getByRole('listitem')).toHaveCount(10);
		// each names its link, to edit it
		await expect(causes.getByRole('link', { name: 'edit link' })).toHaveCount(2);
		// tapping the empty canvas clears the selection
		const box = (await canvas(page).boundingBox())!;
		await page.mouse.click(box.x + 12, box.y + 12);
		await expect(page).not.toHaveURL(/select=/);
	});

	test('tapping an actor node selects the actor: its form and its list row open', async ({ page }) => {
		await open(page, '/?q=blinken');
		await graph(page).getByLabel('Actors').check();
		await expect(canvas(page)).toHaveAttribute('aria-busy', 'false');
		const at = await nodeAt(page, 'Antony Blinken', 'actor');
		await page.mouse.click(at.x, at.y);
		await expect(page).toHaveURL(/select=actor%3Ablinken/);
		await expect(inspector(page).getByRole('heading', { level: 2 })).toHaveText('Antony Blinken');
		await expect(inspector(page).getByRole('list', { name: 'Events of Antony Blinken' }).getByRole('listitem')).toHaveCount(2);
		await expect(page.getByRole('tab', { name: 'Actors' })).toHaveAttribute('aria-selected', 'true');
	});

	test('shows a whole chain of causes, nearest first, and limits it by depth', async ({ page }) => {
		await open(page, '/?select=event:russian-counteroffensive');
		await inspector(page).getByRole('button', { name: 'Show all causes' }).click();
		await expect(inspector(page).getByRole('button', { name: 'Show all causes' })).toHaveAttribute('aria-pressed', 'true');
		const direct = inspector(page).getByRole('list', { name: 'Direct causes' });
		await expect(direct.getByRole('link')).toHaveCount(2);
		await expect(direct).toContainText('Russia redeploys troops');
		await expect(direct).toContainText('North Korean troops deploy');
		await expect(inspector(page).getByRole('list', { name: '2 links away' })).toContainText('First Kursk offensive');
		await expect(inspector(page).getByText(/causes upstream/)).toContainText('causes upstream');
		await inspector(page).getByLabel('Depth').selectOption('1');
		await expect(inspector(page).getByRole('list', { name: '2 links away' })).toHaveCount(0);
		await expect(inspector(page).getByText(/causes upstream/)).toContainText('2 causes upstream, up to 1 link away');
	});

	test('“How did A lead to B?” lists every causal path, or says there is none', async ({ page }) => {
		await open(page, '/?select=event:first-incursion');
		await inspector(page).getByRole('button', { name: 'Path from here' }).click();
		await page.getByRole('region', { name: 'Events table' }).getByRole('link', { name: /North Korean troops deploy to Kursk/ }).click();
		await inspector(page).getByRole('button', { name: 'Path to here' }).click();
		const finder = inspector(page).getByRole('region', { name: 'How did A lead to B?' });
		await expect(finder.getByText(/leads? from/)).toContainText('3 paths lead from “First Kursk offensive');
		// shortest first: Russia's response brought them in (001); the longest runs through Stupak's request (000)
		const path = finder.getByRole('list', { name: /^Path 1/ });
		await expect(path.getByRole('link')).toHaveText([/^First Kursk offensive/, /^Russia redeploys troops to Kursk/, /^North Korean troops deploy to Kursk/]);
		await expect(path).toContainText('causes →');
		await expect(finder.getByRole('list', { name: /^Path 3/ }).getByRole('link')).toHaveText([
			/^First Kursk offensive/,
			/^Russian casualties in Kursk/,
			/^Russia requests North Korean soldiers/,
			/^North Korean troops deploy to Kursk/
		]);

		await finder.getByRole('button', { name: 'Swap A and B' }).click();
		await expect(finder.getByText(/^No path/)).toContainText('No path: nothing recorded leads from “North Korean troops deploy');

		// the end points can be typed too
		await finder.getByLabel('From event').fill('capture Sudzha');
		await finder.getByRole('option', { name: /Ukrainian forces capture Sudzha/ }).click();
		await finder.getByLabel('To event').fill('Zelensky calls Kursk');
		await finder.getByRole('option', { name: /Zelensky calls Kursk/ }).click();
		await expect(finder.getByText(/^No path/)).toContainText('“Ukrainian forces capture Sudzha” to “Zelensky calls Kursk');
	});

	test('cycles and effects before causes are flagged and listed', async ({ page, request }) => {
		const a = await create(request, { title: 'Loop one', start: '2023-02-01', kind: 'other' });
		const b = await create(request, { title: 'Loop two', start: '2023-01-01', kind: 'other' });
		for (const [from, to] of [[a.id, b.id], [b.id, a.id]]) {
			expect((await request.post('/api/links', { data: { from, to, relation: 'causes' } })).status()).toBe(201);
		}
		await open(page);
		const badge = graph(page).getByRole('button', { name: /problems?$/ });
		await expect(badge).toBeVisible();
		await badge.click();
		const problems = inspector(page).getByRole('region', { name: 'Problems in the data' });
		await expect(problems.getByRole('list', { name: 'Cycles' })).toContainText('Loop one');
		await expect(problems.getByRole('list', { name: 'Effects before their causes' })).toContainText('Loop two');
		await problems.getByRole('list', { name: 'Effects before their causes' }).getByRole('link', { name: 'Open the link' }).first().click();
		await expect(inspector(page).getByText('The effect starts before its cause')).toBeVisible();
		await request.delete(`/api/events/${a.id}`);
		await request.delete(`/api/events/${b.id}`);
	});

	test('a hostile title stays text in the graph’s tooltip and lists', async ({ page, request }) => {
		const title = '<img src=x onerror="window.__pwnedGraph=1">';
		const e = await create(request, { title, start: '2023-04-04', kind: 'other' });
		await open(page, `/?q=${encodeURIComponent('onerror')}`);
		await nodeAt(page, title);
		await expect(graph(page).getByRole('tooltip')).toContainText(title);
		expect(await page.locator('img[src="x"]').count()).toBe(0);
		expect(await page.evaluate(() => (window as unknown as { __pwnedGraph?: number }).__pwnedGraph)).toBeUndefined();
		await request.delete(`/api/events/${e.id}`);
	});

	test('out of sight, the graph takes edits in without drawing them, and draws them all once seen again', async ({ page, request }) => {
		await open(page);
		const shown = Number(await canvas(page).getAttribute('data-events'));
		const revision = await canvas(page).getAttribute('data-revision');
		// The pane folded away (as a layout with tabs would): the canvas has no box on screen.
		await page.addStyleTag({ content: 'section[aria-label="Graph"] { display: none !important; }' });
		// The page learns it is out of sight from an IntersectionObserver, at the next frames.
		await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))));
		const e = await create(request, { title: 'Arrived while the graph was hidden', start: '2024-09-09', kind: 'aid' });
		// The page has it (its header counts it)…
		await expect(page.locator('.stats')).toContainText(`${shown + 1} events`);
		// …the hidden graph does not.
		await page.waitForTimeout(500);
		// Hidden, it is out of the accessibility tree: found by its place in the page.
		const hidden = page.locator('section[aria-label="Graph"] [role="application"]');
		expect(await hidden.getAttribute('data-revision')).toBe(revision);
		expect(Number(await hidden.getAttribute('data-events'))).toBe(shown);
		await page.evaluate(() => document.querySelectorAll('style').forEach((s) => s.textContent?.includes('display: none !important') && s.remove()));
		await expect(canvas(page)).toHaveAttribute('data-events', String(shown + 1));
		await expect(canvas(page)).not.toHaveAttribute('data-revision', revision!);
		await request.delete(`/api/events/${e.id}`);
	});
});
