/**
 * The lists beside the inspector — events, actors, sources — as tabs: switching by pointer and by
 * keyboard, what the actors and sources lists count (checked against the API), sorting, searching,
 * and selecting an actor, which selects its events on the timeline.
 */
import { expect, test, type Page } from '@playwright/test';

interface ApiActor {
	id: string;
	name: string;
	kind: string;
	side?: string;
}
interface ApiSource {
	id: string;
	title: string;
	publisher: string;
	author: string;
}
interface ApiDocument {
	events: { id: string; title: string; actorIds: string[]; sources: { sourceId: string }[] }[];
	links: { sources: { sourceId: string }[] }[];
	actors: ApiActor[];
	sources: ApiSource[];
}

const tab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Lists' }).getByRole('tab', { name, exact: true });
const actorsTable = (page: Page) => page.getByRole('region', { name: 'Actors table' });
const sourcesTable = (page: Page) => page.getByRole('region', { name: 'Sources table' });

/** Each row's title and its count, as the page shows them. */
async function rowsOf(table: ReturnType<typeof actorsTable>): Promise<[string, number][]> {
	const titles = await table.locator('tbody td.title a').allTextContents();
	const counts = await table.locator('tbody td.num').allTextContents();
	expect(counts).toHaveLength(titles.length);
	return titles.map((t, i) => [t, Number(counts[i])]);
}

const eventCounts = (doc: ApiDocument) => new Map(doc.actors.map((a) => [a.id, doc.events.filter((e) => e.actorIds.includes(a.id)).length]));

test.describe('the lists', () => {
	test('are tabs, switched by pointer and by arrow keys', async ({ page }) => {
		await page.goto('/');
		await expect(tab(page, 'Events')).toHaveAttribute('aria-selected', 'true');
		await expect(page.getByRole('tabpanel', { name: 'Events' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Events table' })).toBeVisible();

		await tab(page, 'Actors').click();
		await expect(tab(page, 'Actors')).toHaveAttribute('aria-selected', 'true');
		await expect(tab(page, 'Events')).toHaveAttribute('aria-selected', 'false');
		await expect(page.getByRole('tabpanel', { name: 'Actors' })).toBeVisible();
		await expect(actorsTable(page)).toBeVisible();
		await expect(page.getByRole('region', { name: 'Events table' })).toBeHidden();

		// one tab stop: the arrows move along the tabs (wrapping round), and show each at once
		await expect(tab(page, 'Actors')).toBeFocused();
		await expect(tab(page, 'Events')).toHaveAttribute('tabindex', '-1');
		await page.keyboard.press('ArrowRight');
		await expect(tab(page, 'Sources')).toBeFocused();
		await expect(tab(page, 'Sources')).toHaveAttribute('aria-selected', 'true');
		await expect(sourcesTable(page)).toBeVisible();
		await page.keyboard.press('ArrowRight');
		await expect(tab(page, 'Disagreements')).toBeFocused();
		await page.keyboard.press('ArrowRight');
		await expect(tab(page, 'Events')).toBeFocused();
		await expect(page.getByRole('region', { name: 'Events table' })).toBeVisible();
		await page.keyboard.press('ArrowLeft');
		await expect(tab(page, 'Disagreements')).toHaveAttribute('aria-selected', 'true');
		await page.keyboard.press('Home');
		await expect(tab(page, 'Events')).toHaveAttribute('aria-selected', 'true');
		await page.keyboard.press('End');
		await expect(tab(page, 'Disagreements')).toHaveAttribute('aria-selected', 'true');
		await expect(page.getByRole('region', { name: 'Disagreements table' })).toBeVisible();
	});

	test('a list is made when first shown, then kept with its search while hidden', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('region', { name: 'Events table' })).toBeVisible();
		// Not sorted, counted and drawn for nobody: the hidden lists are not in the page yet.
		await expect(page.locator('#list-panel-sources section')).toHaveCount(0);
		await expect(page.locator('#list-panel-actors section')).toHaveCount(0);
		await tab(page, 'Sources').click();
		await expect(sourcesTable(page)).toBeVisible();
		await sourcesTable(page).getByRole('searchbox', { name: 'Search sources' }).fill('Reuters');
		await tab(page, 'Events').click();
		await expect(sourcesTable(page)).toBeHidden();
		await tab(page, 'Sources').click();
		await expect(sourcesTable(page).getByRole('searchbox', { name: 'Search sources' })).toHaveValue('Reuters');
	});

	test('the actors list counts every actor’s events, sorts and searches', async ({ page, request }) => {
		const actors: ApiActor[] = await (await request.get('/api/actors')).json();
		const doc: ApiDocument = await (await request.get('/api/document')).json();
		const counts = eventCounts(doc);
		await page.goto('/');
		await tab(page, 'Actors').click();
		const table = actorsTable(page);
		await expect(table.locator('tbody tr')).toHaveCount(actors.length);
		await expect(table.getByText(`${actors.length} actors`)).toBeVisible();
		const expected = Object.fromEntries(actors.map((a) => [a.name, counts.get(a.id)]));
		expect(Object.fromEntries(await rowsOf(table))).toEqual(expected);

		// by name first; by events, most first, then the other way
		await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
		await table.getByRole('button', { name: 'Events' }).click();
		await expect(table.getByRole('columnheader', { name: 'Events' })).toHaveAttribute('aria-sort', 'descending');
		const max = Math.max(...counts.values());
		const byCount = (await rowsOf(table)).map(([, n]) => n);
		expect(byCount[0]).toBe(max);
		expect(byCount).toEqual([...byCount].sort((a, b) => b - a));
		await table.getByRole('button', { name: 'Events' }).click();
		await expect(table.getByRole('columnheader', { name: 'Events' })).toHaveAttribute('aria-sort', 'ascending');
		expect((await rowsOf(table)).map(([, n]) => n)).toEqual([...byCount].reverse());

		await table.getByRole('button', { name: 'Side' }).click();
		await expect(table.getByRole('columnheader', { name: 'Side' })).toHaveAttribute('aria-sort', 'ascending');
		await expect(table.getByRole('columnheader', { name: 'Events' })).toHaveAttribute('aria-sort', 'none');

		// search: by name, side or kind
		const matching = actors.filter((a) => [a.name, a.side, a.kind].join(' ').toLowerCase().includes('korea'));
		expect(matching.length).toBeGreaterThan(0);
		await table.getByRole('searchbox', { name: 'Search actors' }).fill('korea');
		await expect(table.locator('tbody tr')).toHaveCount(matching.length);
		await expect(table.getByText(`${matching.length} of ${actors.length} actors`)).toBeVisible();
		expect((await table.locator('tbody td.title a').allTextContents()).sort()).toEqual(matching.map((a) => a.name).sort());
		await table.getByRole('searchbox', { name: 'Search actors' }).fill('person');
		await expect(table.locator('tbody tr')).toHaveCount(actors.filter((a) => a.kind === 'person').length);
		await table.getByRole('searchbox', { name: 'Search actors' }).fill('no such actor');
		await expect(table.getByText('No actor matches')).toBeVisible();
	});

	test('the sources list counts every source’s citations, sorts and searches', async ({ page, request }) => {
		const doc: ApiDocument = await (await request.get('/api/document')).json();
		const citations = new Map(doc.sources.map((s) => [s.id, 0]));
		for (const cited of [...doc.events, ...doc.links]) for (const { sourceId } of cited.sources) citations.set(sourceId, (citations.get(sourceId) ?? 0) + 1);
		await page.goto('/');
		await tab(page, 'Sources').click();
		const table = sourcesTable(page);
		await expect(table.locator('tbody tr')).toHaveCount(doc.sources.length);
		await expect(table.getByText(`${doc.sources.length} sources`)).toBeVisible();
		expect(Object.fromEntries(await rowsOf(table))).toEqual(Object.fromEntries(doc.sources.map((s) => [s.title, citations.get(s.id)])));

		await table.getByRole('button', { name: 'Citations' }).click();
		await expect(table.getByRole('columnheader', { name: 'Citations' })).toHaveAttribute('aria-sort', 'descending');
		const byCount = (await rowsOf(table)).map(([, n]) => n);
		expect(byCount[0]).toBe(Math.max(...citations.values()));
		expect(byCount).toEqual([...byCount].sort((a, b) => b - a));

		await table.getByRole('button', { name: 'Title' }).click();
		await expect(table.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'ascending');
		const titles = await table.locator('tbody td.title a').allTextContents();
		expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })));
		await table.getByRole('button', { name: 'Title' }).click();
		await expect(table.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'descending');
		expect(await table.locator('tbody td.title a').allTextContents()).toEqual([...titles].reverse());
		for (const name of ['Publisher', 'Published', 'Reliability']) {
			await table.getByRole('button', { name }).click();
			await expect(table.getByRole('columnheader', { name })).toHaveAttribute('aria-sort', 'ascending');
		}

		// search: a word of one title finds that source
		const one = doc.sources[0];
		const word = one.title.split(/\s+/).find((w) => w.length > 5 && doc.sources.filter((s) => s.title.includes(w)).length === 1);
		expect(word).toBeDefined();
		await table.getByRole('searchbox', { name: 'Search sources' }).fill(word!);
		await expect(table.locator('tbody tr')).toHaveCount(1);
		await expect(table.locator('tbody td.title a')).toHaveText(one.title);
		await expect(table.getByText(`1 of ${doc.sources.length} sources`)).toBeVisible();
	});

	test('selecting an actor names it in the URL and selects its events on the timeline', async ({ page, request }) => {
		const doc: ApiDocument = await (await request.get('/api/document')).json();
		const counts = eventCounts(doc);
		// an actor in a few events (two or more): all of them are drawn on the fitted timeline
		const actor = [...doc.actors].filter((a) => counts.get(a.id)! >= 2).sort((a, b) => counts.get(a.id)! - counts.get(b.id)!)[0];
		const n = counts.get(actor.id)!;
		await page.goto('/');
		const timeline = page.getByRole('region', { name: 'Timeline' });
		await expect(timeline.locator('.vis-item:not(.vis-dot)').first()).toBeVisible();
		await tab(page, 'Actors').click();

		// by keyboard: the name is a link
		const link = actorsTable(page).getByRole('link', { name: actor.name, exact: true });
		await link.focus();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`\\?select=actor%3A${actor.id}$`));
		await expect(link).toHaveAttribute('aria-current', 'true');
		await expect(actorsTable(page).locator('tbody tr[aria-selected="true"]')).toHaveCount(1);
		await expect(timeline.locator('.vis-item.vis-selected:not(.vis-dot)')).toHaveCount(n);

		// choosing one of its events on the timeline selects that event alone
		const first = doc.events.find((e) => e.actorIds.includes(actor.id))!;
		await page.goto(`/?select=event:${first.id}`);
		await expect(timeline.locator('.vis-item.vis-selected:not(.vis-dot)')).toHaveCount(1);
		await expect(tab(page, 'Events')).toHaveAttribute('aria-selected', 'true');

		// a shared link to an actor or a source opens its list
		await page.goto(`/?select=actor:${actor.id}`);
		await expect(tab(page, 'Actors')).toHaveAttribute('aria-selected', 'true');
		await expect(actorsTable(page).locator('tbody tr[aria-selected="true"]')).toContainText(actor.name);
		await expect(timeline.locator('.vis-item.vis-selected:not(.vis-dot)')).toHaveCount(n);
		const source = doc.sources[0];
		await page.goto(`/?select=source:${source.id}`);
		await expect(tab(page, 'Sources')).toHaveAttribute('aria-selected', 'true');
		await expect(sourcesTable(page).locator('tbody tr[aria-selected="true"]')).toContainText(source.title);

		// a click on a row selects too
		await tab(page, 'Actors').click();
		await actorsTable(page).getByRole('row', { name: new RegExp(actor.name) }).getByRole('cell').nth(1).click();
		await expect(page).toHaveURL(new RegExp(`\\?select=actor%3A${actor.id}$`));
		await expect(tab(page, 'Actors')).toHaveAttribute('aria-selected', 'true');
	});
});
