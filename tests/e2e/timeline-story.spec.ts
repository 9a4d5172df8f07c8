/**
 * The timeline read as a newcomer reads it, measured on the bundled dataset at 1440×900: enough
 * titles to follow the story at first sight, none reduced to a stub, none on top of another; and
 * the window follows what is explored (a filter, an actor, a chain) and brings the selection into
 * view both ways.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../support/server';

interface Label {
	title: string;
	/** Characters of the title drawn inside the timeline pane (not cut off, not under the ellipsis). */
	visible: number;
	cluster: boolean;
	box: { left: number; right: number; top: number; bottom: number };
}

const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });

/** Every label drawn in the timeline pane, with how much of it can be read there. */
async function labels(page: Page): Promise<Label[]> {
	await expect(timeline(page).locator('.vis-item').first()).toBeVisible();
	// Let vis-timeline finish stacking.
	await page.waitForTimeout(400);
	return page.evaluate(() => {
		const pane = document.querySelector('[aria-label="Timeline"] .vis-panel.vis-center')!.getBoundingClientRect();
		const out: Label[] = [];
		for (const item of document.querySelectorAll<HTMLElement>('[aria-label="Timeline"] .vis-item')) {
			const cluster = item.classList.contains('vis-cluster');
			const label = item.querySelector<HTMLElement>(cluster ? '.tl-cluster' : '.tl-content');
			if (!label) continue;
			const box = label.getBoundingClientRect();
			// What the label shows: its box, less the ellipsis when the title is cut.
			const cut = label.scrollWidth > label.clientWidth + 1;
			const right = Math.min(box.right - (cut ? 14 : 0), pane.right);
			const left = Math.max(box.left, pane.left);
			let visible = 0;
			const range = document.createRange();
			const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				if ((node.parentElement as HTMLElement).classList.contains('tl-circa')) continue;
				for (let i = 0; i < (node.textContent ?? '').length; i++) {
					range.setStart(node, i);
					range.setEnd(node, i + 1);
					const r = range.getBoundingClientRect();
					const middle = (r.top + r.bottom) / 2;
					if (r.width > 0 && r.left >= left - 0.5 && r.right <= right + 0.5 && middle > pane.top && middle < pane.bottom) visible++;
				}
			}
			if (visible === 0) continue;
			const shown = { left, right: Math.min(box.right, pane.right), top: Math.max(box.top, pane.top), bottom: Math.min(box.bottom, pane.bottom) };
			out.push({ title: label.textContent ?? '', visible, cluster, box: shown });
		}
		return out;
	});
}

function overlapping(labels: Label[]): [string, string][] {
	const pairs: [string, string][] = [];
	for (let i = 0; i < labels.length; i++) {
		for (let j = i + 1; j < labels.length; j++) {
			const a = labels[i].box;
			const b = labels[j].box;
			const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
			const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
			if (w > 1 && h > 1) pairs.push([labels[i].title, labels[j].title]);
		}
	}
	return pairs;
}

test.describe('the timeline at first sight', () => {
	test('at 1440×900: at least 20 titles readable (15+ characters), no stubs, no two labels overlapping', async ({ page }) => {
		// The bundled dataset as a newcomer first opens it: a server of its own, untouched by other specs.
		const dir = await mkdtemp(join(tmpdir(), 'causeway-first-sight-'));
		let server: RunningServer | undefined;
		try {
			server = await startServer({ CAUSEWAY_DATA: join(dir, 'causeway.json') });
			await page.setViewportSize({ width: 1440, height: 900 });
			await page.goto(server.url);
			const shown = await labels(page);
			const readable = shown.filter((l) => !l.cluster && l.visible >= 15);
			expect(readable.length, readable.map((l) => l.title).join('\n')).toBeGreaterThanOrEqual(20);
			const stubs = shown.filter((l) => !l.cluster && l.visible < 8);
			expect(stubs.map((l) => `${l.title} (${l.visible})`)).toEqual([]);
			for (const c of shown.filter((l) => l.cluster)) expect(c.title).toMatch(/^\d+ events$/);
			expect(overlapping(shown)).toEqual([]);
		} finally {
			await server?.stop();
			await rm(dir, { recursive: true, force: true });
		}
	});

	test('filtered to January 2025, the timeline shows January, readably, in one step', async ({ page }) => {
		await page.goto('/');
		await labels(page);
		await page.getByRole('button', { name: /^Filters/ }).click();
		const panel = page.getByRole('region', { name: 'Filters' });
		await panel.getByLabel('From').fill('2025-01');
		await panel.getByLabel('to', { exact: true }).fill('2025-01');
		await panel.getByLabel('to', { exact: true }).press('Enter');
		await expect(page).toHaveURL(/from=2025-01&to=2025-01/);
		await page.keyboard.press('Escape');
		const axis = await timeline(page).locator('.vis-time-axis .vis-text.vis-major, .vis-time-axis .vis-text.vis-minor').allTextContents();
		expect(axis.join(' ')).not.toMatch(/2022|2023/);
		const shown = await labels(page);
		expect(shown.filter((l) => !l.cluster && l.visible >= 15).length).toBeGreaterThanOrEqual(8);
		expect(overlapping(shown)).toEqual([]);
	});

	test('selecting an event stacked below the pane scrolls it into view', async ({ page }) => {
		await page.setViewportSize({ width: 1440, height: 900 });
		await page.goto('/');
		await labels(page);
		// The lowest item of the January column is below what the pane shows at first.
		const pane = await timeline(page).locator('.vis-panel.vis-center').boundingBox();
		const lowest = await page.evaluate(() => {
			let best: { title: string; bottom: number } | null = null;
			for (const el of document.querySelectorAll<HTMLElement>('[aria-label="Timeline"] .vis-item .tl-content')) {
				const r = el.getBoundingClientRect();
				if (!best || r.bottom > best.bottom) best = { title: el.textContent ?? '', bottom: r.bottom };
			}
			return best!;
		});
		expect(lowest.bottom).toBeGreaterThan(pane!.y + pane!.height);
		await page.getByRole('region', { name: 'Events table' }).getByRole('cell', { name: lowest.title.replace(/^c\. /, ''), exact: true }).click();
		await expect
			.poll(async () => {
				const item = timeline(page).locator('.vis-item.vis-selected .tl-content').first();
				const box = await item.boundingBox();
				return box !== null && box.y >= pane!.y && box.y + box.height <= pane!.y + pane!.height;
			})
			.toBe(true);
	});
});

test('the keyboard goes from event to event in time order, says which, and Enter selects it', async ({ page, request }) => {
	const events: { id: string; title: string; start: string }[] = await (await request.get('/api/events')).json();
	await page.goto('/');
	await expect(timeline(page).locator('.vis-item').first()).toBeVisible();
	const canvas = timeline(page).getByRole('application');
	await canvas.focus();
	await page.keyboard.press('Home');
	const first = [...events].sort((a, b) => a.start.localeCompare(b.start))[0];
	const live = timeline(page).locator('#timeline-focused');
	await expect(live).toContainText(first.title);
	await expect(timeline(page).locator('.vis-item.tl-focused')).toContainText(first.title.slice(0, 15));
	await page.keyboard.press('ArrowRight');
	await expect(live).not.toContainText(first.title);
	const second = (await live.textContent())!.split(',')[0];
	await page.keyboard.press('Enter');
	await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toHaveText(second);
	await page.keyboard.press('ArrowLeft');
	await expect(live).toContainText(first.title);
});
