/**
 * Citing sources from the inspector: the form fits the inspector however long the source titles
 * are, and a source not yet in the document is made there and cited in one step, with the cited
 * event still selected.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const fetchEvent = async (request: APIRequestContext, id: string) => (await (await request.get(`/api/events/${id}`)).json()) as { sources: { sourceId: string; quote?: string }[] };

async function create(request: APIRequestContext, collection: string, value: Record<string, unknown>) {
	const res = await request.post(`/api/${collection}`, { data: value });
	expect(res.status()).toBe(201);
	return (await res.json()) as { id: string; title: string };
}

test.describe('citing sources', () => {
	test('the citation form stays inside the inspector, even with a long source title', async ({ page, request }) => {
		const long = await create(request, 'sources', { title: `A very long source title ${'that goes on and on '.repeat(8)}` });
		const event = await create(request, 'events', { title: 'Cited at length', start: '2024-08-14', kind: 'other' });
		await page.goto(`/?select=event:${event.id}`);
		const cite = inspector(page).getByRole('form', { name: 'Cite a source' });
		await cite.scrollIntoViewIfNeeded();
		const pane = (await inspector(page).boundingBox())!;
		for (const part of [cite, cite.getByLabel('Source', { exact: true }), cite.getByLabel('Quote')]) {
			const box = (await part.boundingBox())!;
			expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width);
		}
		expect(await inspector(page).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
		await request.delete(`/api/events/${event.id}`);
		await request.delete(`/api/sources/${long.id}`);
	});

	test('a new source is made from the citation form and cited, and the event stays selected', async ({ page, request }) => {
		const event = await create(request, 'events', { title: 'Cites a new source', start: '2024-08-15', kind: 'other' });
		await page.goto(`/?select=event:${event.id}`);
		const cite = inspector(page).getByRole('form', { name: 'Cite a source' });
		await cite.getByLabel('Source', { exact: true }).selectOption({ label: 'New source…' });
		await cite.getByLabel('Title of the new source').fill('Field notes from Sudzha');
		await cite.getByLabel('Its URL').fill('https://example.org/notes');
		await cite.getByLabel('Quote').fill('seen on the day');
		await cite.getByRole('button', { name: 'Create and cite' }).click();

		await expect.poll(async () => (await fetchEvent(request, event.id)).sources.length).toBe(1);
		const sources = (await (await request.get('/api/sources')).json()) as { id: string; title: string; url: string }[];
		const made = sources.find((s) => s.title === 'Field notes from Sudzha')!;
		expect(made).toMatchObject({ url: 'https://example.org/notes' });
		expect((await fetchEvent(request, event.id)).sources).toEqual([{ sourceId: made.id, quote: 'seen on the day' }]);
		await expect(page).toHaveURL(new RegExp(`select=event(:|%3A)${event.id}`));
		await expect(inspector(page).getByRole('heading', { level: 2 })).toHaveText('Cites a new source');
		await expect(inspector(page).getByRole('list', { name: 'Sources' })).toContainText('Field notes from Sudzha');

		// one step: one undo takes back the citation and the source
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(async () => (await fetchEvent(request, event.id)).sources).toEqual([]);
		expect((await request.get(`/api/sources/${made.id}`)).status()).toBe(404);
		await request.delete(`/api/events/${event.id}`);
	});
});
