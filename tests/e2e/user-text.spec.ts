/**
 * User text is shown as the characters it is, everywhere: never interpreted as HTML (a title is
 * not markup, and hovering it fires no request), and isolated from the text around it (a
 * right-to-left override in a title does not turn the words after it around).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

interface ApiEvent {
	id: string;
	title: string;
}

async function create(request: APIRequestContext, value: Record<string, unknown>): Promise<ApiEvent> {
	const res = await request.post('/api/events', { data: value });
	expect(res.status()).toBe(201);
	return res.json();
}

const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });

test.describe('user text', () => {
	test('a title written as HTML shows as text in the timeline tooltip, and hovering it fetches nothing', async ({ page, request }) => {
		const title = '<img src="/api/export?format=csv&x=1"> <font size=7>big</font> <a href="https://example.com">link</a>';
		await create(request, { title, start: '2024-09-20', kind: 'other' });
		await page.goto('/');
		const item = timeline(page).locator('.vis-item', { hasText: '<img src=' });
		await expect(item).toBeVisible();
		const exports: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/api/export')) exports.push(r.url());
		});
		await item.hover();
		const tip = timeline(page).locator('.vis-tooltip');
		await expect(tip).toBeVisible();
		await expect(tip).toContainText(title);
		await expect(tip.locator('img, font, a')).toHaveCount(0);
		// Give an image the time it would take to be requested.
		await page.waitForTimeout(500);
		expect(exports).toEqual([]);
	});

	test('a right-to-left override in a title, a tag or a name ends with it, in every view', async ({ page, request }) => {
		const RLO = '\u202E';
		const actor = await (await request.post('/api/actors', { data: { name: `Agent ${RLO}fed`, kind: 'person' } })).json();
		const title = `Report ${RLO}txt.exe`;
		const event = await create(request, { title, start: '2024-09-22', kind: 'other', tags: [`${RLO}gat`], actorIds: [actor.id] });
		const other = await create(request, { title: `Reply ${RLO}cod.exe`, start: '2024-09-25', kind: 'other' });
		const link = await (await request.post('/api/links', { data: { from: event.id, to: other.id, relation: 'causes' } })).json();

		/** Every piece of text holding the override, and whether the element around it holds it alone, isolated. */
		const pieces = (root: string) =>
			page.locator(root).evaluateAll((roots, rlo) => {
				const found: { text: string; isolated: boolean }[] = [];
				for (const r of roots) {
					const walker = document.createTreeWalker(r, NodeFilter.SHOW_TEXT);
					for (let node = walker.nextNode(); node; node = walker.nextNode()) {
						if (!node.textContent!.includes(rlo)) continue;
						const el = node.parentElement!;
						const style = getComputedStyle(el).unicodeBidi;
						found.push({ text: node.textContent!, isolated: el.textContent === node.textContent && ['isolate', 'isolate-override', 'plaintext'].includes(style) });
					}
				}
				return found;
			}, RLO);
		const expectIsolated = async (root: string, count: number) => {
			await expect.poll(async () => (await pieces(root)).length, { message: root }).toBeGreaterThanOrEqual(count);
			expect((await pieces(root)).filter((p) => !p.isolated), root).toEqual([]);
		};

		await page.goto(`/?select=event:${event.id}`);
		await expect(timeline(page).locator('.vis-item', { hasText: title }).first()).toBeVisible();
		// the timeline's items, the table's rows (title, actors), the inspector's heading, tags and actors
		await expectIsolated('[aria-label="Timeline"] .vis-itemset', 2);
		await expectIsolated('[aria-label="Events table"] tbody', 3);
		await expectIsolated('[aria-label="Inspector"]', 4);
		// the timeline's tooltip
		await timeline(page).locator('.vis-item', { hasText: title }).first().hover();
		await expect(timeline(page).locator('.vis-tooltip')).toBeVisible();
		await expectIsolated('[aria-label="Timeline"] .vis-tooltip', 1);
		// a link's heading joins two titles: each is isolated on its own
		await page.goto(`/?select=link:${link.id}`);
		await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toContainText('→');
		await expectIsolated('[aria-label="Inspector"] h2', 2);

		// the page's notices name titles in quotes: each is isolated too
		await page.getByRole('button', { name: 'New event' }).click();
		const dialog = page.getByRole('dialog', { name: 'New event' });
		await dialog.getByLabel('Title').fill(`Notice ${RLO}gnp.exe`);
		await dialog.getByLabel('Start').fill('2024-09-23');
		await dialog.getByRole('button', { name: 'Create' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Created' })).toBeVisible();
		await expectIsolated('.notices', 1);

		const made = ((await (await request.get('/api/events')).json()) as ApiEvent[]).find((e) => e.title.startsWith('Notice '))!;
		await request.delete(`/api/events/${made.id}`);
		await request.delete(`/api/events/${event.id}`);
		await request.delete(`/api/events/${other.id}`);
		await request.delete(`/api/actors/${actor.id}`);
	});
});
