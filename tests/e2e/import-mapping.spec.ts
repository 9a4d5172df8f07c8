/**
 * Another tool's file from the Import dialog: a spreadsheet saved as CSV (a byte order mark,
 * semicolons, a quoted line break, free-text dates, a row without a date) goes through the
 * mapping step — the guess shown, one field changed, the preview following — and its events are
 * then in the page.
 */
import { expect, test } from '@playwright/test';

test('a spreadsheet CSV: the guessed mapping, one field changed, the preview updated, the rest imported', async ({ page }, info) => {
	await page.goto('/');
	await expect(page.getByRole('region', { name: 'Timeline' }).locator('.vis-item').first()).toBeVisible();
	await page.getByRole('button', { name: 'Import' }).click();
	const dialog = page.getByRole('dialog', { name: 'Import' });
	await dialog.getByLabel('File', { exact: true }).setInputFiles('tests/fixtures/spreadsheet-events.csv');
	await dialog.getByRole('button', { name: 'Check the file' }).click();

	const mapping = dialog.getByRole('region', { name: 'Mapping' });
	await expect(mapping.getByRole('combobox', { name: 'Title' })).toHaveValue('Event');
	await expect(mapping.getByRole('combobox', { name: 'Start (a date, or the year)' })).toHaveValue('Date');
	await expect(mapping.getByRole('combobox', { name: 'Kind' })).toHaveValue('Type');
	const sample = mapping.getByRole('table', { name: 'First events as imported' });
	await expect(sample.getByRole('row').nth(1)).toContainText('Border crossing');
	await expect(sample.getByRole('row').nth(1)).toContainText('military');
	await expect(sample).toContainText('2024-08-06');
	await expect(mapping.getByRole('list', { name: 'Defaulted' })).toContainText('kind “meeting” → other');
	await expect(mapping.getByRole('list', { name: 'Cannot be imported' })).toContainText('“Undated rumour”');
	await expect(mapping.getByRole('list', { name: 'Cannot be imported' })).toContainText('no date');
	await expect(dialog.getByRole('button', { name: 'Import now' })).toHaveCount(0);
	await page.screenshot({ path: info.outputPath('mapping.png') });

	// Kind no longer from "Type": every event becomes "other", and the step says so.
	await mapping.getByRole('combobox', { name: 'Kind' }).selectOption({ label: '(not imported)' });
	await expect(sample.getByRole('row').nth(1)).toContainText('other');
	await expect(sample.getByRole('row').nth(1)).not.toContainText('military');
	await expect(mapping.getByRole('list', { name: 'Defaulted' })).toContainText('no kind column');

	await mapping.getByRole('checkbox', { name: 'Import the rest, leaving these out' }).check();
	const preview = dialog.getByRole('region', { name: 'Preview' });
	await expect(preview).toContainText('4 new events');
	await expect(preview).toContainText('“Border crossing”');
	await expect(preview).not.toContainText('Undated rumour');
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.screenshot({ path: info.outputPath('mapping-dark.png') });
	await page.emulateMedia({ colorScheme: 'light' });
	await dialog.getByRole('button', { name: 'Import now' }).click();
	await expect(dialog).toBeHidden();

	const table = page.getByRole('region', { name: 'Events table' });
	await page.getByRole('searchbox', { name: 'Search' }).fill('Border crossing');
	await expect(table).toContainText('Border crossing');
	await page.getByRole('searchbox', { name: 'Search' }).fill('Talks in Doha');
	await expect(table).toContainText('Talks in Doha');
});

test('a JGF file with two graphs: the graph is chosen in the dialog, and the mapping and preview follow', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Import' }).click();
	const dialog = page.getByRole('dialog', { name: 'Import' });
	await dialog.getByLabel('File', { exact: true }).setInputFiles('tests/fixtures/jgf-two-graphs.json');
	await dialog.getByRole('button', { name: 'Check the file' }).click();
	const mapping = dialog.getByRole('region', { name: 'Mapping' });
	const graph = mapping.getByRole('combobox', { name: 'Graph' });
	await expect(graph).toHaveValue('0');
	const preview = dialog.getByRole('region', { name: 'Preview' });
	await expect(preview).toContainText('“Alpha”');
	await graph.selectOption({ label: 'After (1 nodes, 0 edges)' });
	await expect(preview).toContainText('1 new event');
	await expect(preview).toContainText('“Gamma”');
	await expect(preview).not.toContainText('Alpha');
	await dialog.getByRole('button', { name: 'Import now' }).click();
	await expect(dialog).toBeHidden();
	await page.getByRole('searchbox', { name: 'Search' }).fill('Gamma');
	await expect(page.getByRole('region', { name: 'Events table' })).toContainText('Gamma');
});
