/**
 * Rival claims, driven in Chromium: two sources that disagree about an event make it contested in
 * every view at once (the timeline's item, the graph's node, the table's row, the inspector); the
 * inspector lists each value with its source, reliability and quote, and adds a rival value with
 * its quote; the Disagreements list names every contested question and selects what it is about;
 * a filter shows only contested events and lives in the URL.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { contestedSubjects } from '../../src/lib/domain/claims';
import type { Claim } from '../../src/lib/domain/schema';

interface Made {
	id: string;
	title: string;
}
interface ApiClaim {
	id: string;
	about: { collection: string; id: string };
	property: string;
	value: string;
	quantity?: { amount: number; unit: string };
	sources: { sourceId: string; quote?: string }[];
}

const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const canvas = (page: Page) => page.getByRole('region', { name: 'Graph' }).getByRole('application');
const timelineItem = (page: Page, title: string) => page.getByRole('region', { name: 'Timeline' }).locator('.vis-item', { hasText: title });
const tableRow = (page: Page, title: string) => page.getByRole('region', { name: 'Events table' }).locator('tbody tr', { hasText: title });

async function create(request: APIRequestContext, collection: string, value: Record<string, unknown>): Promise<Made> {
	const res = await request.post(`/api/${collection}`, { data: value });
	expect(res.status(), await res.text()).toBe(201);
	return res.json();
}

async function open(page: Page, path = '/') {
	await page.goto(path);
	await expect(canvas(page)).toHaveAttribute('data-painted', 'true');
	await expect(canvas(page)).toHaveAttribute('aria-busy', 'false');
}

/** A title no other test (nor a repeat of this one) has: rows and items are found by it. */
const unique = (title: string) => `${title} ${Math.random().toString(36).slice(2, 7)}`;

/** An event with a claim from one source, and a rival claim from another to add. */
async function story(request: APIRequestContext, name: string, rival = '11,000') {
	const title = unique(name);
	const event = await create(request, 'events', { title, start: '2024-10', kind: 'military' });
	const first = await create(request, 'sources', { title: `${title}: first report`, publisher: 'Wire A', reliability: 'B' });
	const second = await create(request, 'sources', { title: `${title}: second report`, publisher: 'Wire B' });
	const property = 'North Korean troops deployed';
	const claim = (sourceId: string, value: string, amount: number, quote: string) =>
		create(request, 'claims', { about: { collection: 'events', id: event.id }, property, value, quantity: { amount, unit: 'troops' }, sources: [{ sourceId, quote }] });
	await claim(first.id, '12,000', 12_000, 'some 12,000 North Korean soldiers');
	return { event, first, second, property, addRival: () => claim(second.id, rival, Number(rival.replace(/,/g, '')), `about ${rival} troops`) };
}

test.describe('claims', () => {
	test('two rival claims mark the event contested in every view, and the inspector shows both values with their sources and quotes', async ({ page, request }) => {
		const { event, addRival } = await story(request, 'Troops arrive in Kursk');
		await open(page, `/?select=event:${event.id}`);
		const before = Number(await canvas(page).getAttribute('data-contested'));
		// One claim alone contests nothing.
		await expect(timelineItem(page, event.title).first()).not.toHaveClass(/\bcontested\b/);
		await expect(tableRow(page, event.title)).not.toContainText('contested');

		await addRival();
		// Arrives through the change stream: every view marks it without a reload.
		await expect(timelineItem(page, event.title).first()).toHaveClass(/\bcontested\b/);
		await expect(canvas(page)).toHaveAttribute('data-contested', String(before + 1));
		await expect(tableRow(page, event.title)).toContainText('⚖ contested');
		await expect(inspector(page).locator('article > .kind')).toContainText('⚖ contested');

		const question = inspector(page).getByRole('group', { name: 'Claims: North Korean troops deployed' });
		await expect(question).toContainText('contested');
		const values = question.getByRole('listitem');
		await expect(values).toHaveCount(2);
		await expect(values.nth(0)).toContainText('12,000');
		await expect(values.nth(0)).toContainText(`${event.title}: first report`);
		await expect(values.nth(0)).toContainText('B');
		await expect(values.nth(0).locator('blockquote')).toHaveText('some 12,000 North Korean soldiers');
		await expect(values.nth(1)).toContainText('11,000');
		await expect(values.nth(1)).toContainText(`${event.title}: second report`);
		await expect(values.nth(1)).toContainText('unrated');
		await expect(values.nth(1).locator('blockquote')).toHaveText('about 11,000 troops');
	});

	test('a rival value added in the inspector is a claim with its source and quote, and Undo takes it back', async ({ page, request }) => {
		const { event, second, property } = await story(request, 'Troops counted twice');
		await open(page, `/?select=event:${event.id}`);
		const question = inspector(page).getByRole('group', { name: `Claims: ${property}` });
		await expect(question).not.toContainText('contested');
		await question.getByRole('button', { name: 'Add a rival value…' }).click();
		const form = question.getByRole('form', { name: `Add a rival value for ${property}` });
		await expect(form.getByLabel('Property')).toHaveValue(property);
		await form.getByLabel('Value').fill('nearly 10,000');
		await form.getByLabel('an amount').check();
		await form.getByLabel('Amount', { exact: true }).fill('10,000');
		await form.getByLabel('Unit').fill('troops');
		await form.getByLabel('Source').selectOption({ label: second.title });
		await form.getByLabel('Quote').fill('nearly 10,000 soldiers');
		await form.getByRole('button', { name: 'Add value' }).click();

		const about = async () => ((await (await request.get('/api/claims')).json()) as ApiClaim[]).filter((c) => c.about.id === event.id);
		await expect.poll(async () => (await about()).length).toBe(2);
		expect((await about()).find((c) => c.value === 'nearly 10,000')).toMatchObject({
			about: { collection: 'events', id: event.id },
			property,
			quantity: { amount: 10_000, unit: 'troops' },
			sources: [{ sourceId: second.id, quote: 'nearly 10,000 soldiers' }]
		});
		await expect(form).toHaveCount(0);
		await expect(question).toContainText('contested');
		await expect(timelineItem(page, event.title).first()).toHaveClass(/\bcontested\b/);

		await page.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(async () => (await about()).length).toBe(1);
		await expect(question).not.toContainText('contested');
		await expect(timelineItem(page, event.title).first()).not.toHaveClass(/\bcontested\b/);
	});

	test('a claim is removed from the inspector', async ({ page, request }) => {
		const { event, addRival } = await story(request, 'Troops removed');
		await addRival();
		await open(page, `/?select=event:${event.id}`);
		await inspector(page).getByRole('button', { name: 'Remove the claim “11,000”' }).click();
		await expect.poll(async () => ((await (await request.get('/api/claims')).json()) as ApiClaim[]).filter((c) => c.about.id === event.id).map((c) => c.value)).toEqual(['12,000']);
		await expect(tableRow(page, event.title)).not.toContainText('contested');
	});

	test('a new question is asked from the inspector, and the form says what is missing', async ({ page, request }) => {
		const event = await create(request, 'events', { title: unique('Start disputed'), start: '2023', kind: 'military' });
		await open(page, `/?select=event:${event.id}`);
		await inspector(page).getByRole('button', { name: 'Add a claim…' }).click();
		const form = inspector(page).getByRole('form', { name: 'Add a claim' });
		await form.getByLabel('Property').fill('start');
		await form.getByLabel('Value').fill('summer of 2023');
		await form.getByRole('button', { name: 'Add value' }).click();
		await expect(form.getByRole('alert')).toHaveText('Choose the source that states this value.');
		await form.getByLabel('a date').check();
		await form.getByLabel('Date', { exact: true }).fill('2023-07');
		await form.getByLabel('Source').selectOption({ index: 1 });
		await form.getByRole('button', { name: 'Add value' }).click();
		await expect(inspector(page).getByRole('group', { name: 'Claims: start' })).toContainText('summer of 2023');
		await expect(inspector(page).getByRole('group', { name: 'Claims: start' })).toContainText('= Jul 2023');
	});

	test('the Disagreements list names every contested question with its sides, and selects what it is about', async ({ page, request }) => {
		const { event, first, second, addRival } = await story(request, 'Troops disagreed on');
		await addRival();
		await open(page);
		const tab = page.getByRole('tablist', { name: 'Lists' }).getByRole('tab', { name: 'Disagreements', exact: true });
		await tab.click();
		const table = page.getByRole('region', { name: 'Disagreements table' });
		await table.getByRole('searchbox', { name: 'Search disagreements' }).fill(event.title);
		const row = table.locator('tbody tr');
		await expect(row).toHaveCount(1);
		await expect(row).toContainText('North Korean troops deployed');
		const sides = row.getByRole('list', { name: 'Sides' }).getByRole('listitem');
		await expect(sides).toHaveText([`12,000 — ${first.title}`, `11,000 — ${second.title}`]);

		await row.getByRole('link', { name: event.title }).click();
		await expect(page).toHaveURL(new RegExp(`select=event(:|%3A)${event.id}`));
		await expect(inspector(page).getByRole('heading', { level: 2 })).toHaveText(event.title);
		await expect(row).toHaveAttribute('aria-selected', 'true');
	});

	test('“only contested events” narrows every view, and lives in the URL', async ({ page, request }) => {
		const { event, addRival } = await story(request, 'Troops filtered');
		await addRival();
		const claims = (await (await request.get('/api/claims')).json()) as Claim[];
		const contested = [...contestedSubjects(claims)].filter((key) => key.startsWith('events/'));
		expect(contested).toContain(`events/${event.id}`);
		await open(page);
		await page.getByRole('button', { name: /^Filters/ }).click();
		await page.getByRole('region', { name: 'Filters' }).getByLabel('Only contested events').check();
		await expect(page).toHaveURL(/[?&]contested=1/);
		const shownEverywhere = async () => {
			await expect(canvas(page)).toHaveAttribute('data-events', String(contested.length));
			await expect(canvas(page)).toHaveAttribute('data-contested', String(contested.length));
			await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item:not(.vis-dot)')).toHaveCount(contested.length);
			await expect(page.getByRole('region', { name: 'Events table' }).locator('tbody tr:not(.spacer)')).toHaveCount(contested.length);
			await expect(tableRow(page, event.title)).toContainText('⚖ contested');
		};
		await shownEverywhere();

		// a reload (or a shared link) shows the same view
		await page.reload();
		await expect(canvas(page)).toHaveAttribute('data-painted', 'true');
		await shownEverywhere();
		await page.getByRole('button', { name: /^Filters/ }).click();
		await expect(page.getByRole('region', { name: 'Filters' }).getByLabel('Only contested events')).toBeChecked();
		await page.getByRole('button', { name: 'Clear filters' }).click();
		await expect(page).not.toHaveURL(/contested=/);
	});
});
