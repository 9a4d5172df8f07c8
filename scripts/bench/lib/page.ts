/**
 * Measuring a page in headless Chromium, shared by the browser sections (timeline, graph,
 * side-by-side, growth). Everything is read through what the page shows: the views' items and
 * canvases found by accessible name, the graph canvas's data attributes (data-events, data-links,
 * data-painted), the `[role="status"]` notice. Causeway's page and the bare-library pages
 * (bare/*.js) expose the same things, so the same code measures both.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CausewayDocument } from '../../../src/lib/domain/schema';
import { percentile } from './stats';

export const TIMELINE = '[aria-label="Timeline"]';
export const GRAPH_CANVAS = '[aria-label="Graph"] [role="application"]';
export const VIEWPORT = { width: 1440, height: 900 } as const;

/**
 * tsx names the functions it compiles with a `__name` helper, which the page does not have: the
 * callbacks passed to page.evaluate would fail without it. Also counts the longest task from the
 * page's start (the "longest main-thread stall").
 */
const INIT_SCRIPT = `
window.__name = (fn) => fn;
window.__benchLongest = 0;
try {
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) window.__benchLongest = Math.max(window.__benchLongest, e.duration);
	}).observe({ type: 'longtask', buffered: true });
} catch {}
`;

/** A fresh context (empty cache, like a first visit) with the helpers above. */
export async function freshContext(browser: Browser): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	await context.addInitScript({ content: INIT_SCRIPT });
	return context;
}

export interface Paints {
	/** Milliseconds from navigation to the first timeline item visible on screen (clusters count), or NaN. */
	timeline: number;
	/** Milliseconds from navigation to the frame in which the graph canvas holds every event, or NaN. */
	graph: number;
	/** When the first timeline item was in the DOM, visible or not (a hidden timeline is a defect, not a paint). */
	timelineInDom: number;
}

/**
 * Opens `url` and resolves when the views asked for have painted, timed from navigation start.
 * A view not asked for is NaN; so is one that did not paint within `stallMs`.
 */
export async function openAndPaint(page: Page, url: string, want: { timeline: boolean; graph: boolean; events: number }, stallMs: number): Promise<Paints> {
	await page.goto(url, { waitUntil: 'commit' });
	return page.evaluate(
		({ timeline, graph, events, selector, stall }) =>
			new Promise<Paints>((resolve) => {
				const seen = { timeline: timeline ? undefined : NaN, graph: graph ? undefined : NaN } as { timeline?: number; graph?: number; timelineInDom?: number };
				// vis-timeline can leave its root `visibility: hidden` under its loading screen: an item
				// in the DOM is not yet an item on screen.
				const visible = (el: Element) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true } as CheckVisibilityOptions) && el.getBoundingClientRect().width > 0;
				const done = () => resolve({ timeline: seen.timeline ?? NaN, graph: seen.graph ?? NaN, timelineInDom: seen.timelineInDom ?? NaN });
				const timer = setTimeout(done, stall);
				const check = () => {
					const now = performance.now();
					const canvas = document.querySelector(selector);
					if (seen.graph === undefined && canvas?.getAttribute('data-painted') && canvas.getAttribute('data-events') === String(events)) seen.graph = now;
					if (timeline && seen.timelineInDom === undefined && document.querySelector('[aria-label="Timeline"] .vis-item')) seen.timelineInDom = now;
					if (seen.timeline === undefined && [...document.querySelectorAll('[aria-label="Timeline"] .vis-item')].some(visible)) seen.timeline = now;
					if (seen.graph !== undefined && seen.timeline !== undefined) {
						clearTimeout(timer);
						done();
					} else requestAnimationFrame(check);
				};
				check();
			}),
		{ ...want, selector: GRAPH_CANVAS, stall: stallMs }
	);
}

/** Waits until the graph is idle (painted, not busy) so that an edit is measured alone. */
export async function graphIdle(page: Page, timeoutMs: number): Promise<boolean> {
	return page
		.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-painted') && document.querySelector(s)?.getAttribute('aria-busy') === 'false', GRAPH_CANVAS, { timeout: timeoutMs })
		.then(() => true, () => false);
}

/**
 * An edge added, timed from `add` (run in the page) to the frame after the canvas's data-links
 * changed; NaN when it did not within 10 s. `add` is the body of an async function given `from`
 * and `to`.
 */
export async function edgeRepaint(page: Page, add: 'api' | 'bare', from: string, to: string): Promise<number> {
	return page.evaluate(
		async ({ selector, add, from, to }) => {
			const canvas = document.querySelector(selector)!;
			const before = canvas.getAttribute('data-links');
			const painted = new Promise<number>((resolve) => {
				const observer = new MutationObserver(() => {
					if (canvas.getAttribute('data-links') === before) return;
					observer.disconnect();
					requestAnimationFrame(() => resolve(performance.now()));
				});
				observer.observe(canvas, { attributes: true, attributeFilter: ['data-links'] });
			});
			const t0 = performance.now();
			if (add === 'bare') (window as unknown as { __bare: { addEdge(a: string, b: string): void } }).__bare.addEdge(from, to);
			else {
				// The page's own API, as another tab or a script would write: the page learns of it on
				// its change stream and repaints.
				const response = await fetch('/api/links', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, to, relation: 'causes' }) });
				if (!response.ok) return NaN;
			}
			const t1 = await Promise.race([painted, new Promise<number>((r) => setTimeout(() => r(NaN), 10_000))]);
			return t1 - t0;
		},
		{ selector: GRAPH_CANVAS, add, from, to }
	);
}

/** Pairs of events not linked either way, the earlier first: edges to add, a fresh one for each edit. */
export function unlinkedPairs(doc: CausewayDocument, count: number): [string, string][] {
	const linked = new Set(doc.links.map((l) => `${l.from} ${l.to}`));
	const pairs: [string, string][] = [];
	for (let i = 0; pairs.length < count && i < doc.events.length - 1; i += 7) {
		const [a, b] = [doc.events[i], doc.events[doc.events.length - 1 - i]];
		const [from, to] = a.start <= b.start ? [a, b] : [b, a];
		if (from.id !== to.id && !linked.has(`${from.id} ${to.id}`) && !linked.has(`${to.id} ${from.id}`)) pairs.push([from.id, to.id]);
	}
	return pairs;
}

/** A day-precision item wholly inside the visible timeline, with room to its right to be dragged. */
async function grabbablePoint(page: Page): Promise<{ x: number; y: number; width: number; height: number } | null> {
	return page.evaluate(() => {
		const panel = document.querySelector('[aria-label="Timeline"] .vis-panel.vis-center')?.getBoundingClientRect();
		if (!panel) return null;
		for (const el of document.querySelectorAll('[aria-label="Timeline"] .vis-item.vis-point:not(.vis-cluster)')) {
			const r = el.getBoundingClientRect();
			if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
			if (r.left > panel.left + 10 && r.left + 160 < panel.right && r.top > panel.top && r.bottom < panel.bottom) {
				return { x: r.left, y: r.top, width: r.width, height: r.height };
			}
		}
		return null;
	});
}

/**
 * Zooms the timeline in with the mouse wheel over an item or cluster in view (vis-timeline zooms
 * around the pointer), until a single item can be taken hold of; false if none. Zooming around the
 * middle instead can end in an empty stretch of time on a sparse document. Each step zooms in by
 * a third: from six years to a day takes about 20, which 16 could not reach at 50,000 events.
 */
export async function zoomToGrabbable(page: Page, steps = 40): Promise<boolean> {
	for (let i = 0; i < steps; i++) {
		if (await grabbablePoint(page)) return true;
		const target = await page.evaluate(() => {
			const panel = document.querySelector('[aria-label="Timeline"] .vis-panel.vis-center')?.getBoundingClientRect();
			if (!panel) return null;
			const inside = [...document.querySelectorAll('[aria-label="Timeline"] .vis-item')]
				.filter((el) => el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions))
				.map((el) => el.getBoundingClientRect())
				.filter((r) => r.left > panel.left && r.right < panel.right && r.top > panel.top && r.bottom < panel.bottom);
			const middle = (panel.left + panel.right) / 2;
			inside.sort((a, b) => Math.abs(a.left - middle) - Math.abs(b.left - middle));
			const r = inside[0];
			return r ? { x: r.left + 3, y: r.top + r.height / 2, found: true } : { x: middle, y: (panel.top + panel.bottom) / 2, found: false };
		});
		if (!target) return false;
		await page.mouse.move(target.x, target.y);
		// Nothing in view: zoom out to find something again.
		await page.mouse.wheel(0, target.found ? -300 : 300);
		await page.waitForTimeout(250);
	}
	return !!(await grabbablePoint(page));
}

/**
 * Drags one visible item a little to the right and resolves with the time from release to the
 * frame after the "Moved …" notice (which the page shows once the edit is saved and applied); NaN
 * when no item could be dragged or the notice did not come within `timeoutMs`.
 */
export async function dragRepaint(page: Page, timeoutMs = 10_000): Promise<number> {
	if (!(await zoomToGrabbable(page))) return NaN;
	const box = (await grabbablePoint(page))!;
	await page.evaluate(() => {
		const w = window as unknown as { __benchRelease?: number; __benchPainted?: Promise<number> };
		w.__benchPainted = new Promise<number>((resolve) => {
			const status = document.querySelector('[role="status"]')!;
			const seen = status.textContent ?? '';
			const observer = new MutationObserver(() => {
				if (/Moved/.test(status.textContent ?? '') && status.textContent !== seen) {
					observer.disconnect();
					requestAnimationFrame(() => resolve(performance.now()));
				}
			});
			observer.observe(status, { childList: true, subtree: true, characterData: true });
		});
		addEventListener('pointerup', () => (w.__benchRelease = performance.now()), { once: true, capture: true });
	});
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + 6, y);
	await page.mouse.down();
	// Far enough to cross a day boundary at any zoom the bench uses (a smaller move snaps back unsaved).
	await page.mouse.move(box.x + 60, y, { steps: 4 });
	await page.mouse.move(box.x + 140, y, { steps: 4 });
	await page.mouse.up();
	return page.evaluate(async (timeout) => {
		const w = window as unknown as { __benchRelease: number; __benchPainted: Promise<number> };
		const painted = await Promise.race([w.__benchPainted, new Promise<number>((r) => setTimeout(() => r(NaN), timeout))]);
		return painted - w.__benchRelease;
	}, timeoutMs);
}

/**
 * A point of the view where a drag pans rather than takes hold of an item: for the timeline, a
 * point of the centre panel with no item under it; for the graph, a point of the canvas with no
 * node within 20 px (asked of cytoscape through its container, which both pages use).
 */
async function emptyPoint(page: Page, view: 'timeline' | 'graph'): Promise<{ x: number; y: number } | null> {
	return page.evaluate(
		({ view, canvasSelector }) => {
			const area = (view === 'timeline' ? document.querySelector('[aria-label="Timeline"] .vis-panel.vis-center') : document.querySelector(canvasSelector))?.getBoundingClientRect();
			if (!area) return null;
			type Box = { x1: number; x2: number; y1: number; y2: number };
			const cy = (document.querySelector(canvasSelector) as unknown as { _cyreg?: { cy?: { nodes(): { renderedBoundingBox(): Box }[] } & { nodes(): ArrayLike<{ renderedBoundingBox(): Box }> } } })?._cyreg?.cy;
			const boxes: Box[] = [];
			if (view === 'graph' && cy) {
				const nodes = cy.nodes();
				for (let i = 0; i < nodes.length; i++) boxes.push(nodes[i].renderedBoundingBox());
			}
			const free = (x: number, y: number) => {
				if (view === 'timeline') return !document.elementFromPoint(x, y)?.closest('.vis-item');
				const lx = x - area.left;
				const ly = y - area.top;
				return !boxes.some((b) => lx > b.x1 - 20 && lx < b.x2 + 20 && ly > b.y1 - 20 && ly < b.y2 + 20);
			};
			// Nearest the middle first: the pan then stays inside the view.
			const points: { x: number; y: number }[] = [];
			for (let y = area.top + 20; y < area.bottom - 20; y += 12) for (let x = area.left + 80; x < area.right - 80; x += 24) points.push({ x, y });
			const mx = (area.left + area.right) / 2;
			const my = (area.top + area.bottom) / 2;
			points.sort((a, b) => Math.hypot(a.x - mx, a.y - my) - Math.hypot(b.x - mx, b.y - my));
			return points.find((p) => free(p.x, p.y)) ?? null;
		},
		{ view, canvasSelector: GRAPH_CANVAS }
	);
}

export interface Frames {
	/** p95 and longest of the intervals between frames during the gesture, in milliseconds. */
	p95: number;
	max: number;
	frames: number;
}

/**
 * A scripted pan and zoom over a view: a drag 300 px to the left and back in 2 × 30 steps, then
 * 6 wheel ticks in and 6 out, each step one frame apart at most. Frames are timed by
 * requestAnimationFrame in the page: each interval between two frames is one frame's cost.
 */
export async function panFrames(page: Page, view: 'timeline' | 'graph'): Promise<Frames> {
	const start = await emptyPoint(page, view);
	if (!start) return { p95: NaN, max: NaN, frames: 0 };
	await page.evaluate(() => {
		const w = window as unknown as { __benchFrames: number[]; __benchRecording: boolean };
		w.__benchFrames = [];
		w.__benchRecording = true;
		const tick = (t: number) => {
			w.__benchFrames.push(t);
			if (w.__benchRecording) requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
	await page.mouse.move(start.x, start.y);
	await page.mouse.down();
	for (let i = 1; i <= 30; i++) await page.mouse.move(start.x - i * 10, start.y);
	for (let i = 29; i >= 0; i--) await page.mouse.move(start.x - i * 10, start.y);
	await page.mouse.up();
	for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -100);
	for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 100);
	// The last wheel's frame.
	await page.waitForTimeout(100);
	const stamps = await page.evaluate(() => {
		const w = window as unknown as { __benchFrames: number[]; __benchRecording: boolean };
		w.__benchRecording = false;
		return w.__benchFrames;
	});
	const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
	return { p95: percentile(intervals, 95), max: intervals.length ? Math.max(...intervals) : NaN, frames: intervals.length };
}

/** The longest task the page ran since it started (PerformanceObserver "longtask"), in milliseconds. */
export async function longestTask(page: Page): Promise<number> {
	return page.evaluate(() => (window as unknown as { __benchLongest: number }).__benchLongest);
}

/** The page's JavaScript heap in use after a full garbage collection, in bytes (Chrome DevTools Protocol). */
export async function heapAfterGc(page: Page): Promise<number> {
	const cdp = await page.context().newCDPSession(page);
	try {
		await cdp.send('HeapProfiler.collectGarbage');
		const { usedSize } = await cdp.send('Runtime.getHeapUsage');
		return usedSize;
	} finally {
		await cdp.detach();
	}
}

/** The median of the finite samples (NaN when none). */
export function median(samples: readonly number[]): number {
	return percentile(samples.filter(Number.isFinite), 50);
}
