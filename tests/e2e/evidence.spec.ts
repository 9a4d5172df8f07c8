/**
 * Evidence you can weigh, as a reader meets it: "as of" a day the views show only what sources
 * published by then support (and say how many uncited entities are left apart), the export follows;
 * the inspector says how many independent sources support an event and when it was first reported;
 * "How did A lead to B?" names each path's weakest link and whether it rests on a single source,
 * and when there is no path says what comes closest.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { pathsBetween } from '../../src/lib/domain/causality';
import { chainStrength, firstReported, independentSupport, knownAsOf, singleSourceLinks, sourcesById } from '../../src/lib/domain/evidence';
import { formatPartialDate } from '../../src/lib/domain/partial-date';
import type { CausewayDocument } from '../../src/lib/domain/schema';

const graph = (page: Page) => page.getByRole('region', { name: 'Graph' }).getByRole('application');
const timelineItems = (page: Page) => page.getByRole('region', { name: 'Timeline' }).locator('.vis-item:not(.vis-dot)');
const tableRows = (page: Page) => page.getByRole('region', { name: 'Events table' }).locator('tbody tr:not(.spacer)');

async function open(page: Page, path = '/') {
	await page.goto(path);
	await expect(graph(page)).toHaveAttribute('data-painted', 'true');
	await expect(graph(page)).toHaveAttribute('aria-busy', 'false');
}

async function expectShown(page: Page, count: number) {
	await expect(graph(page)).toHaveAttribute('data-events', String(count));
	await expect(timelineItems(page)).toHaveCount(count);
	await expect(tableRows(page)).toHaveCount(count);
}

const documentOf = async (request: APIRequestContext): Promise<CausewayDocument> => (await request.get('/api/document')).json();

test.describe('as of a day', () => {
	const DAY = '2025-01-31';
	const RUMOUR = { id: 'e2e-unsourced-rumour', title: 'Unsourced rumour of a second incursion', start: '2024-09', kind: 'military' };

	test.beforeEach(async ({ request }) => {
		expect((await request.post('/api/events', { data: RUMOUR })).status()).toBe(201);
	});
	test.afterEach(async ({ request }) => {
		await request.delete(`/api/events/${RUMOUR.id}`);
	});

	test('asOf in the URL narrows every view and says how many uncited events are left apart', async ({ page, request }) => {
		const doc = await documentOf(request);
		const known = knownAsOf(doc, DAY).doc;
		expect(known.events.length).toBeGreaterThan(0);
		expect(known.events.length).toBeLessThan(doc.events.length);
		await open(page, `/?asOf=${DAY}`);
		await expectShown(page, known.events.length);
		await expect(graph(page)).toHaveAttribute('data-links', String(known.links.length));
		const bar = page.getByRole('region', { name: 'As of' });
		await expect(bar).toContainText(`As of 31 Jan 2025`);
		await expect(bar).toContainText(`${known.events.length} of ${doc.events.length} events`);

		// the uncited event is not mixed in, but counted and listed apart
		await expect(tableRows(page).filter({ hasText: RUMOUR.title })).toHaveCount(0);
		// (other specs sharing this server may have left uncited events too: count them all)
		await bar.getByRole('button', { name: /^\d+ uncited events?( and \d+ uncited links?)? not shown \(no source\)$/ }).click();
		const list = page.getByRole('region', { name: 'Not shown: no source' });
		await list.getByRole('link', { name: RUMOUR.title }).click();
		await expect(page).toHaveURL(new RegExp(`select=event%3A${RUMOUR.id}`));
		await expect(page).toHaveURL(/asOf=2025-01-31/);
		await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('The filters hide this event');

		// back to today: everything again
		await bar.getByRole('button', { name: 'Show all, as known today' }).click();
		await expect(page).not.toHaveURL(/asOf=/);
		await expectShown(page, doc.events.length);
	});

	test('the Filters panel sets the day, and "what is shown" exports only what was known', async ({ page, request }) => {
		const doc = await documentOf(request);
		const known = knownAsOf(doc, DAY).doc;
		await open(page);
		await page.getByRole('button', { name: /^Filters/ }).click();
		await page.getByRole('region', { name: 'Filters' }).getByLabel('As of').fill(DAY);
		await expect(page).toHaveURL(/asOf=2025-01-31/);
		await expectShown(page, known.events.length);

		await page.keyboard.press('Escape');
		await page.getByRole('button', { name: 'Export' }).click();
		const dialog = page.getByRole('dialog', { name: 'Export' });
		await dialog.getByRole('radio', { name: 'Causeway JSON' }).check();
		await dialog.getByRole('radio', { name: /What is shown/ }).check();
		const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
		const file = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
		expect(file.events.map((e: { id: string }) => e.id).sort()).toEqual(known.events.map((e) => e.id).sort());
		expect(file.sources.map((s: { id: string }) => s.id).sort()).toEqual(known.sources.map((s) => s.id).sort());

		// and the server's export, asked for the same day, says the same
		const served = await (await request.get(`/api/export?asOf=${DAY}`)).json();
		expect(served.events.map((e: { id: string }) => e.id).sort()).toEqual(known.events.map((e) => e.id).sort());
		expect((await request.get('/api/export?asOf=31-01-2025')).status()).toBe(400);
	});
});

test.describe('what an event and a link rest on', () => {
	test('the inspector, the tooltip and the table say how many independent sources support an event and when it was first reported', async ({ page, request }) => {
		const doc = await documentOf(request);
		const sources = sourcesById(doc);
		const event = doc.events.find((e) => e.id === 'first-incursion')!;
		const count = independentSupport(event, sources);
		const reported = firstReported(event, sources)!;
		expect(count).toBeGreaterThan(0);
		await open(page, '/?select=event:first-incursion');
		const inspector = page.getByRole('region', { name: 'Inspector' });
		await expect(inspector).toContainText(`Supported by ${count} independent source`);
		await expect(inspector).toContainText(`first reported ${formatPartialDate(reported)} — `);

		const row = page.getByRole('region', { name: 'Events table' }).getByRole('row').filter({ hasText: event.title });
		await expect(row.getByRole('cell').last()).toHaveText(String(count));

		await timelineItems(page).filter({ hasText: event.title }).first().hover();
		await expect(page.locator('.vis-tooltip')).toContainText(`first reported ${formatPartialDate(reported)}`);

		const link = doc.links.find((l) => l.from === 'first-incursion')!;
		await open(page, `/?select=link:${link.id}`);
		const linkCount = independentSupport(link, sources);
		await expect(inspector).toContainText(linkCount ? `Supported by ${linkCount} independent source` : 'No source supports it');
	});

	test('the single-source filter shows only links one publisher (or none) supports, and lives in the URL', async ({ page, request }) => {
		const doc = await documentOf(request);
		const singles = singleSourceLinks(doc);
		await open(page);
		await page.getByRole('button', { name: /^Filters/ }).click();
		await page.getByRole('region', { name: 'Filters' }).getByLabel('Single-source links only').check();
		await expect(page).toHaveURL(/single=true/);
		await expect(graph(page)).toHaveAttribute('data-links', String(singles.size));
		await expect(graph(page)).toHaveAttribute('data-events', String(doc.events.length));
		await page.reload();
		await expect(graph(page)).toHaveAttribute('data-links', String(singles.size));
	});
});

test.describe('what a chain rests on', () => {
	const finder = (page: Page) => page.getByRole('region', { name: 'Inspector' }).getByRole('region', { name: 'How did A lead to B?' });

	/** Opens "How did A lead to B?" from one event to another, the way a reader would. */
	async function askPath(page: Page, from: string, to: { title: string }) {
		await open(page, `/?select=event:${from}`);
		await page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Path from here' }).click();
		await page.getByRole('region', { name: 'Events table' }).getByRole('link', { name: to.title, exact: true }).click();
		await page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Path to here' }).click();
	}

	test('each path names its weakest link and says whether it rests on a single source', async ({ page, request }) => {
		const doc = await documentOf(request);
		const titles = new Map(doc.events.map((e) => [e.id, e.title]));
		const to = doc.events.find((e) => e.id === 'north-korean-troops-arrive')!;
		const [path] = pathsBetween(doc, 'first-incursion', to.id).paths;
		const strength = chainStrength(doc, path);
		expect(path.links.length).toBeGreaterThan(1);
		await askPath(page, 'first-incursion', to);
		const first = finder(page).getByRole('listitem').filter({ has: page.getByRole('list', { name: /^Path 1/ }) });
		const weakest = strength.weakest!;
		await expect(first).toContainText(`Weakest link: ${titles.get(weakest.from)} → ${titles.get(weakest.to)} (${weakest.confidence} confidence)`);
		await expect(first).toContainText(strength.singleSource ? 'Rests on a single source' : `Rests on ${strength.publishers.size} independent sources`);

		// a link that one publisher alone supports: the chain of that one link rests on a single source
		const sources = sourcesById(doc);
		const single = doc.links.find((l) => independentSupport(l, sources) === 1)!;
		await askPath(page, single.from, { title: titles.get(single.to)! });
		const direct = finder(page).getByRole('listitem').filter({ has: page.getByRole('list', { name: /^Path 1:/ }) });
		await expect(finder(page).getByRole('list', { name: /^Path 1: 1 link$/ })).toBeVisible();
		await expect(direct).toContainText(`Weakest link: ${titles.get(single.from)} → ${titles.get(single.to)} (${single.confidence} confidence). Rests on a single source.`);
	});

	test('when there is no path, it says what comes closest: here an effect both share', async ({ page, request }) => {
		const doc = await documentOf(request);
		const to = doc.events.find((e) => e.id === 'us-ceasefire-proposal')!;
		const shared = doc.events.find((e) => e.id === 'putin-ceasefire-conditions')!;
		expect(pathsBetween(doc, 'first-incursion', to.id).paths).toEqual([]);
		await askPath(page, 'first-incursion', to);
		await expect(finder(page).getByText(/^No path/)).toBeVisible();
		const closest = finder(page).getByRole('group', { name: 'What comes closest' });
		await expect(closest).toContainText(`Both led to ${shared.title}`);
		await closest.getByRole('link', { name: shared.title }).first().click();
		await expect(page).toHaveURL(/select=event%3Aputin-ceasefire-conditions/);
	});
});
