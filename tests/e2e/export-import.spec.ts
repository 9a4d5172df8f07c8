/**
 * Export and Import from the page, in Chromium: the downloads parse, the import previews what it
 * would change and applies only when confirmed, and a bad file changes nothing.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

async function download(page: Page, format: string): Promise<{ name: string; text: string }> {
	await page.getByRole('button', { name: 'Export' }).click();
	const dialog = page.getByRole('dialog', { name: 'Export' });
	await dialog.getByRole('radio', { name: format }).check();
	const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
	return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

test.describe('export and import', () => {
	test('Export downloads the document as a file that parses, in our format and others', async ({ page, request }) => {
		const events = await (await request.get('/api/events')).json();
		await page.goto('/');
		const causeway = await download(page, 'Causeway JSON');
		expect(causeway.name).toMatch(/^causeway-kursk-offensives-2024-2025-\d{4}-\d{2}-\d{2}\.json$/);
		const doc = JSON.parse(causeway.text);
		expect(doc).toMatchObject({ format: 'causeway', schemaVersion: 2 });
		expect(doc.events).toHaveLength(events.length);

		const graphml = await download(page, 'GraphML');
		expect(XMLValidator.validate(graphml.text)).toBe(true);
		const nodes = new XMLParser({ ignoreAttributes: false }).parse(graphml.text).graphml.graph.node;
		expect(nodes).toHaveLength(events.length);
	});

	test('Import shows what would change, then applies it when confirmed', async ({ page, request }, info) => {
		const doc = await (await request.get('/api/document')).json();
		const file = info.outputPath('import.json');
		const renamed = { ...doc.events[0], title: `${doc.events[0].title} (revised)` };
		const added = { title: 'Imported from a file', start: '2025-04', kind: 'other', id: 'imported-from-file', description: '', approximate: false, actorIds: [], tags: [], sources: [], revision: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
		const incoming = { format: 'causeway', schemaVersion: 1, exportedAt: '2026-11-21T00:00:00.000Z', title: doc.title, events: [renamed, added], actors: [], links: [], sources: [] };
		await (await import('node:fs/promises')).writeFile(file, JSON.stringify(incoming));

		await page.goto('/');
		await page.getByRole('button', { name: 'Import' }).click();
		const dialog = page.getByRole('dialog', { name: 'Import' });
		await dialog.getByLabel('File', { exact: true }).setInputFiles(file);
		await dialog.getByRole('button', { name: 'Check the file' }).click();
		const preview = dialog.getByRole('region', { name: 'Preview' });
		await expect(preview).toContainText('1 new event, 1 updated, 0 removed; 0 problems');
		// nothing is written by the check
		expect((await (await request.get('/api/document')).json()).revision).toBe(doc.revision);

		await dialog.getByRole('button', { name: 'Import now' }).click();
		await expect(dialog).toBeHidden();
		await expect(page.getByRole('status')).toContainText('Imported import.json');
		expect((await request.get('/api/events/imported-from-file')).status()).toBe(200);
		expect((await (await request.get(`/api/events/${renamed.id}`)).json()).title).toBe(renamed.title);
		await expect(page.getByRole('region', { name: 'Events table' }).getByRole('link', { name: 'Imported from a file' })).toBeVisible();
	});

	test('a bad file gets a precise error and changes nothing', async ({ page, request }, info) => {
		const before = (await (await request.get('/api/document')).json()).revision;
		const file = info.outputPath('broken.json');
		await (await import('node:fs/promises')).writeFile(file, '{"format": "causeway", "events": [');
		await page.goto('/');
		await page.getByRole('button', { name: 'Import' }).click();
		const dialog = page.getByRole('dialog', { name: 'Import' });
		await dialog.getByLabel('File', { exact: true }).setInputFiles(file);
		await dialog.getByRole('button', { name: 'Check the file' }).click();
		await expect(dialog.getByRole('alert')).toContainText('cannot be imported');
		await expect(dialog.getByRole('alert')).toContainText('Nothing was changed');
		// and the problem is named
		await expect(dialog.getByRole('region', { name: 'Preview' }).getByRole('listitem').first()).toContainText(/JSON/);
		await expect(dialog.getByRole('button', { name: 'Import now' })).toHaveCount(0);
		expect((await (await request.get('/api/document')).json()).revision).toBe(before);
	});
});

test.describe('pictures of the views', () => {
	test('the graph as PNG and SVG and the timeline as PNG download as real images', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('region', { name: 'Graph' })).toContainText(/\d+ events · \d+ links shown/);
		await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item').first()).toBeVisible();
		const save = async (label: string) => {
			await page.getByRole('button', { name: 'Export' }).click();
			const dialog = page.getByRole('dialog', { name: 'Export' });
			await dialog.getByRole('radio', { name: label }).check();
			const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
			return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
		};
		const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
		const graphPng = await save('Graph as PNG');
		expect(graphPng.name).toMatch(/-graph\.png$/);
		expect([...graphPng.bytes.subarray(0, 8)]).toEqual(PNG);
		expect(graphPng.bytes.length).toBeGreaterThan(10_000);

		const graphSvg = await save('Graph as SVG');
		expect(graphSvg.name).toMatch(/-graph\.svg$/);
		const svg = graphSvg.bytes.toString('utf8');
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).toContain('<svg');
		expect(svg).toContain('Second Kursk offensive');

		const timelinePng = await save('Timeline as PNG');
		expect(timelinePng.name).toMatch(/-timeline\.png$/);
		expect([...timelinePng.bytes.subarray(0, 8)]).toEqual(PNG);
		expect(timelinePng.bytes.length).toBeGreaterThan(10_000);
	});
});
