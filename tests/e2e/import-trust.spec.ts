/**
 * An import a person can trust: it starts as a merge every time, a replace says what it removes,
 * the preview names what changes, a merge is taken back by one Undo, and a file written by hand
 * is accepted.
 */
import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

async function openImport(page: Page, file?: string) {
	await page.getByRole('button', { name: 'Import' }).click();
	const dialog = page.getByRole('dialog', { name: 'Import' });
	if (file) await dialog.getByLabel('File', { exact: true }).setInputFiles(file);
	return dialog;
}

test.describe('import you can trust', () => {
	test('the mode is Merge each time the dialog opens; Replace warns and names what it removes', async ({ page, request }, info) => {
		const exported = await (await request.get('/api/export?format=causeway')).json();
		const linked = new Set(exported.links.flatMap((l: { from: string; to: string }) => [l.from, l.to]));
		const goners = exported.events.filter((e: { id: string }) => !linked.has(e.id)).slice(0, 2);
		expect(goners).toHaveLength(2);
		const file = info.outputPath('fewer.json');
		await writeFile(file, JSON.stringify({ ...exported, events: exported.events.filter((e: { id: string }) => !goners.some((g: { id: string }) => g.id === e.id)) }));

		await page.goto('/');
		let dialog = await openImport(page);
		await expect(dialog.getByRole('radio', { name: /^Merge/ })).toBeChecked();
		await dialog.getByRole('radio', { name: /^Replace/ }).check();
		await expect(dialog.getByRole('note')).toContainText('Replace removes everything the file does not have');
		await dialog.getByRole('button', { name: 'Cancel' }).click();

		dialog = await openImport(page, file);
		await expect(dialog.getByRole('radio', { name: /^Merge/ })).toBeChecked();
		await dialog.getByRole('radio', { name: /^Replace/ }).check();
		await dialog.getByRole('button', { name: 'Check the file' }).click();
		const warning = dialog.getByRole('note');
		await expect(warning).toContainText('Replace removes 2 events:');
		for (const g of goners) await expect(warning).toContainText(`“${g.title}”`);
		const replace = dialog.getByRole('button', { name: 'Replace now' });
		await expect(replace).toBeVisible();
		await expect(replace).toHaveCSS('background-color', 'rgb(192, 57, 43)');
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		expect((await (await request.get('/api/document')).json()).events).toHaveLength(exported.events.length);
	});

	test('a hand-written record is accepted, the preview names what changes, and one Undo takes the merge back', async ({ page, request }, info) => {
		const exported = await (await request.get('/api/export?format=causeway')).json();
		const target = exported.events[0];
		const file = info.outputPath('by-hand.json');
		exported.events[0] = { ...target, title: `${target.title} (revised)` };
		exported.events.push({ title: 'Written by hand', start: '2025-04', kind: 'other' });
		await writeFile(file, JSON.stringify(exported));

		await page.goto('/');
		await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item').first()).toBeVisible();
		const loads: string[] = [];
		page.on('request', (r) => r.url().endsWith('/api/document') && loads.push(r.url()));
		const dialog = await openImport(page, file);
		await dialog.getByRole('button', { name: 'Check the file' }).click();
		const preview = dialog.getByRole('region', { name: 'Preview' });
		await expect(preview).toContainText('1 new event, 1 updated, 0 removed; 0 problems');
		await expect(preview).toContainText('Added 1 event: “Written by hand”');
		await expect(preview.getByRole('list', { name: 'Overwritten events' })).toContainText(`“${target.title} (revised)”: title ${target.title} → ${target.title} (revised)`);

		await dialog.getByRole('button', { name: 'Import now' }).click();
		await expect(dialog).toBeHidden();
		await expect(page.getByRole('status')).toContainText('Imported by-hand.json');
		const table = page.getByRole('region', { name: 'Events table' });
		await expect(table.getByRole('link', { name: 'Written by hand' })).toBeVisible();
		expect(loads).toEqual([]);

		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(table.getByRole('link', { name: 'Written by hand' })).toHaveCount(0);
		await expect.poll(async () => (await (await request.get(`/api/events/${target.id}`)).json()).title).toBe(target.title);
		const doc = await (await request.get('/api/document')).json();
		expect(doc.events.some((e: { title: string }) => e.title === 'Written by hand')).toBe(false);
	});
});
