/**
 * Filters and search narrow the timeline, the graph and the table alike, say how much they hide,
 * and live in the URL: a reload (or a shared link) shows the same view, and selecting keeps them.
 */
import { expect, test, type Page } from '@playwright/test';

interface ApiEvent {
	id: string;
	title: string;
	start: string;
	end?: string;
	kind: string;
}
interface ApiLink {
	id: string;
	from: string;
	to: string;
	relation: string;
}

const graph = (page: Page) => page.getByRole('region', { name: 'Graph' }).getByRole('application');
const timelineItems = (page: Page) => page.getByRole('region', { name: 'Timeline' }).locator('.vis-item:not(.vis-dot)');
const tableRows = (page: Page) => page.getByRole('region', { name: 'Events table' }).locator('tbody tr:not(.spacer)');
const filtersPanel = (page: Page) => page.getByRole('region', { name: 'Filters' });

async function open(page: Page, path = '/') {
	await page.goto(path);
	await expect(graph(page)).toHaveAttribute('data-painted', 'true');
	await expect(graph(page)).toHaveAttribute('aria-busy', 'false');
}

/** The graph, the timeline and the table all show `count` events. */
async function expectShown(page: Page, count: number) {
	await expect(graph(page)).toHaveAttribute('data-events', String(count));
	await expect(timelineItems(page)).toHaveCount(count);
	await expect(tableRows(page)).toHaveCount(count);
}

test.describe('filters', () => {
	test('by kind: every view narrows, the count of what is hidden shows, the URL keeps it', async ({ page, request }) => {
		const events: ApiEvent[] = await (await request.get('/api/events')).json();
		const links: ApiLink[] = await (await request.get('/api/links')).json();
		const military = new Set(events.filter((e) => e.kind === 'military').map((e) => e.id));
		const between = links.filter((l) => military.has(l.from) && military.has(l.to));
		await open(page);
		await page.getByRole('button', { name: /^Filters/ }).click();
		await filtersPanel(page).getByRole('group', { name: 'Kind' }).getByLabel('Military').check();
		await expect(page).toHaveURL(/[?&]kind=military/);
		await expectShown(page, military.size);
		await expect(graph(page)).toHaveAttribute('data-links', String(between.length));
		const hidden = events.length - military.size;
		await expect(page.getByRole('region', { name: 'Graph' }).getByText(/links shown/)).toHaveText(
			`${military.size} events · ${between.length} links shown · ${hidden} events and ${links.length - between.length} links hidden by the filter`
		);
		await expect(page.getByRole('toolbar', { name: 'Tools', exact: true })).toContainText(
			`${hidden} of ${events.length} events and ${links.length - between.length} of ${links.length} links hidden`
		);

		// a reload shows the same view
		await page.reload();
		await expect(graph(page)).toHaveAttribute('data-events', String(military.size));
		await expect(timelineItems(page)).toHaveCount(military.size);
		await page.getByRole('button', { name: /^Filters/ }).click();
		await expect(filtersPanel(page).getByLabel('Military')).toBeChecked();

		// selecting an event keeps the filter in the URL
		await page.getByRole('region', { name: 'Events table' }).getByRole('link', { name: /Ukrainian forces capture Sudzha/ }).click();
		await expect(page).toHaveURL(/select=event%3Asudzha-captured/);
		await expect(page).toHaveURL(/kind=military/);

		await page.getByRole('button', { name: 'Clear filters' }).click();
		await expect(page).not.toHaveURL(/kind=/);
		await expect(page).toHaveURL(/select=event%3Asudzha-captured/);
		await expectShown(page, events.length);
	});

	test('relation and confidence hide links, not events', async ({ page, request }) => {
		const events: ApiEvent[] = await (await request.get('/api/events')).json();
		const links: ApiLink[] = await (await request.get('/api/links')).json();
		await open(page, '/?relation=enables&relation=triggers');
		await expect(graph(page)).toHaveAttribute('data-events', String(events.length));
		await expect(graph(page)).toHaveAttribute('data-links', String(links.filter((l) => ['enables', 'triggers'].includes(l.relation)).length));
		await page.getByRole('button', { name: /^Filters/ }).click();
		const relations = filtersPanel(page).getByRole('group', { name: 'Relation' });
		await expect(relations.getByLabel('enables')).toBeChecked();
		await relations.getByLabel('enables').uncheck();
		await relations.getByLabel('triggers').uncheck();
		await expect(page).not.toHaveURL(/relation=/);
		await expect(graph(page)).toHaveAttribute('data-links', String(links.length));
	});

	test('a period shows the events that overlap it', async ({ page, request }) => {
		const events: ApiEvent[] = await (await request.get('/api/events')).json();
		// a partial date is the whole period it names: "2025" overlaps January 2025, "2024-12" does not
		const first = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
		const last = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);
		const overlaps = events.filter((e) => last(e.end ?? e.start) >= '2025-01-01' && first(e.start) <= '2025-01-31');
		await open(page);
		await page.getByRole('button', { name: /^Filters/ }).click();
		await filtersPanel(page).getByLabel('From').fill('2025-01');
		await filtersPanel(page).getByLabel('to', { exact: true }).fill('2025-01');
		await filtersPanel(page).getByLabel('to', { exact: true }).press('Enter');
		await expect(page).toHaveURL(/from=2025-01&to=2025-01/);
		await expectShown(page, overlaps.length);
		// a date that is not one is said, and changes nothing
		await filtersPanel(page).getByLabel('From').fill('2025-13');
		await filtersPanel(page).getByLabel('From').press('Enter');
		await expect(filtersPanel(page).getByRole('alert')).toContainText('2024-08');
		await expect(page).toHaveURL(/from=2025-01/);
	});

	test('search narrows every view and survives a reload', async ({ page, request }) => {
		const events: ApiEvent[] = await (await request.get('/api/events')).json();
		const sudzha = events.filter((e) => e.title.toLowerCase().includes('sudzha'));
		await open(page);
		await page.getByRole('searchbox', { name: 'Search' }).fill('sudzha');
		await expect(page).toHaveURL(/q=sudzha/);
		await expect(graph(page)).toHaveAttribute('data-events', String(await tableRows(page).count()));
		expect(await tableRows(page).count()).toBeGreaterThanOrEqual(sudzha.length);
		await expect(timelineItems(page)).toHaveCount(await tableRows(page).count());
		await page.reload();
		await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('sudzha');
		await expect(graph(page)).toHaveAttribute('data-events', String(await tableRows(page).count()));
	});

	test('by actor', async ({ page, request }) => {
		const events: (ApiEvent & { actorIds: string[] })[] = await (await request.get('/api/events')).json();
		const actors: { id: string; name: string }[] = await (await request.get('/api/actors')).json();
		const actor = actors.find((a) => a.id === 'north-korea') ?? actors[0];
		const theirs = events.filter((e) => e.actorIds.includes(actor.id));
		await open(page);
		await page.getByRole('button', { name: /^Filters/ }).click();
		await filtersPanel(page).getByLabel('Find an actor').fill(actor.name.slice(0, 6));
		await filtersPanel(page).getByRole('group', { name: 'Actors' }).getByLabel(actor.name, { exact: true }).check();
		await expect(page).toHaveURL(new RegExp(`actor=${actor.id}`));
		await expectShown(page, theirs.length);
	});
});
