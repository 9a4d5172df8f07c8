/**
 * Pictures of the views, as a reader of a report gets them: the whole graph and the whole
 * timeline (or what the filter shows) as SVG and PNG, with the document's title, the legend,
 * every title in full and the line naming the sources and the date of export.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { XMLValidator } from 'fast-xml-parser';

interface ApiEvent {
	id: string;
	title: string;
}

async function save(page: Page, label: string, scope: 'Everything' | 'What is shown' = 'Everything') {
	await page.getByRole('button', { name: 'Export' }).click();
	const dialog = page.getByRole('dialog', { name: 'Export' });
	await dialog.getByRole('radio', { name: label }).check();
	await dialog.getByRole('radio', { name: new RegExp(`^${scope}`) }).check();
	const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
	return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text each event's group shows, its lines joined, by event id. */
function shownText(svg: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const group of svg.matchAll(/<g data-event="([^"]+)">(.*?)<\/g>/g)) {
		const lines = [...group[2].matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => unescape(m[1].replace(/<[^>]+>/g, '')));
		out.set(group[1], lines.join(' '));
	}
	return out;
}

/** Width and height from a PNG's header. */
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

const today = () => new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

test.describe('pictures of the whole views', () => {
	test('the graph and the timeline as SVG: every title in full, the title, the legend, the sources line', async ({ page, request }) => {
		const events: ApiEvent[] = await (await request.get('/api/events')).json();
		// The line counts the sources that what is drawn cites (other specs may leave uncited ones about).
		const doc = await (await request.get('/api/document')).json();
		const cited = new Set<string>();
		for (const item of [...doc.events, ...doc.links]) for (const c of item.sources as { sourceId: string }[]) cited.add(c.sourceId);
		const sources = [...cited];
		await page.goto('/');
		await expect(page.getByRole('region', { name: 'Graph' }).getByRole('application')).toHaveAttribute('data-painted', 'true');

		for (const [label, file] of [['Graph as SVG', /-graph\.svg$/], ['Timeline as SVG', /-timeline\.svg$/]] as const) {
			const picture = await save(page, label);
			expect(picture.name).toMatch(file);
			const svg = picture.bytes.toString('utf8');
			expect(XMLValidator.validate(svg)).toBe(true);
			expect(svg).toContain('Kursk offensives 2024–2025');
			expect(svg).toContain('>Diplomatic<');
			expect(svg).toContain(`Based on ${sources.length} sources · ${events.length} events`);
			expect(svg).toContain(`exported ${today()}`);
			expect(svg).not.toContain('…');
			const shown = shownText(svg);
			expect(shown.size).toBe(events.length);
			for (const event of events) expect(shown.get(event.id)).toContain(event.title);
		}
	});

	test('PNGs are the same pictures drawn at twice the size; “what is shown” draws only the filtered events', async ({ page }) => {
		await page.goto('/?q=sudzha');
		const canvas = page.getByRole('region', { name: 'Graph' }).getByRole('application');
		await expect(canvas).toHaveAttribute('data-painted', 'true');
		const filtered = Number(await canvas.getAttribute('data-events'));
		expect(filtered).toBeLessThan(20);
		const svg = (await save(page, 'Timeline as SVG', 'What is shown')).bytes.toString('utf8');
		const shown = shownText(svg);
		expect(shown.size).toBe(filtered);
		expect([...shown.values()].some((text) => text.includes('Ukrainian forces capture Sudzha'))).toBe(true);
		expect(svg).toContain('(as filtered)');
		const png = (await save(page, 'Timeline as PNG', 'What is shown')).bytes;
		expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
		const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!;
		expect(pngSize(png)).toEqual({ width: Number(w) * 2, height: Number(h) * 2 });

		// the whole graph, though a filter is on, in the story layout
		const graphSvg = (await save(page, 'Graph as SVG', 'Everything')).bytes.toString('utf8');
		expect(shownText(graphSvg).size).toBeGreaterThan(40);
		const graphPng = (await save(page, 'Graph as PNG', 'Everything')).bytes;
		const [, gw, gh] = /width="(\d+)" height="(\d+)"/.exec(graphSvg)!;
		expect(pngSize(graphPng).width).toBe(Number(gw) * 2);
		expect(pngSize(graphPng).height).toBe(Number(gh) * 2);
	});
});
