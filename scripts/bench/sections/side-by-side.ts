/**
 * Causeway beside the bare libraries, on the same generated document in one run: Causeway's page,
 * a bare vis-timeline page (clustered, Causeway's options) and a bare cytoscape page (haystack
 * edges, labels hidden when zoomed out, textureOnViewport, hideEdgesOnViewport, preset positions),
 * in interleaved rounds (the order alternates), each load in a fresh browser context. Printed:
 * the median of each figure for both and the ratio Causeway / bare, so that progress reads as a
 * ratio on a noisy machine and not only as absolute times.
 *
 * Figures (lib/page.ts):
 *   - first paint of each view: navigation → the first timeline item / every event on the canvas;
 *   - an edit repainted: timeline, a real drag of an item, release → the frame after the page says
 *     "Moved" (Causeway: saved by the server; bare: back in its DataSet); graph, an edge added →
 *     the frame after the canvas counts it (Causeway: POST /api/links from the page, which learns
 *     of it on its change stream; bare: cy.add);
 *   - pan/zoom frames: p95 of the intervals between animation frames over a scripted drag and wheel.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../chromium.mjs';
import { documentText, generateDocument } from '../generate';
import { startBarePages, type ViewSize } from '../lib/bare-pages';
import { onCleanup, wasInterrupted } from '../lib/cleanup';
import type { BenchOptions } from '../lib/options';
import { dragRepaint, edgeRepaint, freshContext, GRAPH_CANVAS, graphIdle, median, openAndPaint, panFrames, TIMELINE, unlinkedPairs } from '../lib/page';
import { verdict, type Row } from '../lib/report';
import type { Section } from '../lib/section';
import { startServer } from '../lib/server';
import { ms } from '../lib/stats';

/** The budgets at 10,000 events (the ratio has none). */
const BUDGET = { firstPaint: 2500, editRepaint: 150, frame: 50 } as const;
/**
 * A view not on screen by then is counted as not painted (vis-timeline can stay hidden under its
 * loading screen for good: issue 14's first defect).
 */
const STALL_MS = 45_000;
const EDITS = 2;

const FIGURES = ['timelinePaint', 'timelineInDom', 'graphPaint', 'timelineEdit', 'graphEdit', 'timelinePan', 'graphPan'] as const;
type Figure = (typeof FIGURES)[number];
type Samples = Record<Figure, number[]>;
const empty = (): Samples => Object.fromEntries(FIGURES.map((f) => [f, []])) as unknown as Samples;

const LABELS: Record<Figure, { text: string; budget: number }> = {
	timelinePaint: { text: 'timeline first paint (navigation → first item)', budget: BUDGET.firstPaint },
	timelineInDom: { text: '   … its first item in the DOM, visible or not', budget: BUDGET.firstPaint },
	graphPaint: { text: 'graph first paint (navigation → every event drawn)', budget: BUDGET.firstPaint },
	timelineEdit: { text: 'timeline edit repainted (item dragged: release → moved)', budget: BUDGET.editRepaint },
	graphEdit: { text: 'graph edit repainted (edge added → on the canvas)', budget: BUDGET.editRepaint },
	timelinePan: { text: 'timeline pan/zoom frame, p95', budget: BUDGET.frame },
	graphPan: { text: 'graph pan/zoom frame, p95', budget: BUDGET.frame }
};

export const sideBySideSection: Section = {
	name: 'side-by-side',
	description: 'Causeway vs bare vis-timeline and bare cytoscape on the same document, interleaved rounds, medians and ratios',
	async run(options: BenchOptions, log) {
		const executablePath = findChromium();
		if (!executablePath) throw new Error('no Chromium found: run `node scripts/ensure-chromium.mjs` (or set CHROMIUM_PATH)');
		log(`generating ${options.events} events, ${options.links} links, ${options.actors} actors (seed ${options.seed})…`);
		const doc = generateDocument(options);
		const text = documentText(doc);
		const dir = mkdtempSync(join(options.tmp, 'causeway-bench-side-'));
		onCleanup('remove the side-by-side data folder', () => rmSync(dir, { recursive: true, force: true }));
		const dataFile = join(dir, 'causeway.json');
		writeFileSync(dataFile, text);

		log('starting the server and the bare pages…');
		const server = await startServer({ root: options.root, dataFile, build: options.build, log: options.verbose ? log : undefined });
		const bare = await startBarePages(options.root, text);
		const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
		onCleanup('close Chromium', () => browser.close());
		const failures: string[] = [];
		const events = doc.events.length;
		const pairs = unlinkedPairs(doc, options.rounds * EDITS * 2);
		const causeway = empty();
		const plain = empty();
		// The bare views get the size the views have in Causeway's page (measured on its first load).
		let sizes: { timeline: ViewSize; graph: ViewSize } | null = null;

		const causewayRound = async (round: number) => {
			const context = await freshContext(browser);
			try {
				const page = await context.newPage();
				page.on('pageerror', (e) => failures.push(`Causeway round ${round}: page error: ${e.message}`));
				const paints = await openAndPaint(page, server.url, { timeline: true, graph: true, events }, STALL_MS);
				causeway.timelinePaint.push(paints.timeline);
				causeway.timelineInDom.push(paints.timelineInDom);
				causeway.graphPaint.push(paints.graph);
				if (!Number.isFinite(paints.timeline)) failures.push(`Causeway round ${round}: the timeline was not visible within ${STALL_MS / 1000} s${Number.isFinite(paints.timelineInDom) ? ' (its items were in the DOM, hidden)' : ''}`);
				if (!Number.isFinite(paints.graph)) failures.push(`Causeway round ${round}: the graph did not paint within ${STALL_MS / 1000} s`);
				sizes ??= {
					timeline: (await page.locator(`${TIMELINE} [role="application"]`).first().boundingBox()) ?? { width: 1000, height: 400 },
					graph: (await page.locator(GRAPH_CANVAS).boundingBox()) ?? { width: 1000, height: 400 }
				};
				if (await graphIdle(page, STALL_MS)) {
					for (let i = 0; i < EDITS; i++) {
						const [from, to] = pairs.shift() ?? ['', ''];
						causeway.graphEdit.push(await edgeRepaint(page, 'api', from, to));
						await page.waitForTimeout(300);
					}
				}
				// A hidden timeline can be neither panned nor dragged: those samples are lost, not faked.
				const shown = Number.isFinite(paints.timeline);
				causeway.timelinePan.push(shown ? (await panFrames(page, 'timeline')).p95 : NaN);
				causeway.graphPan.push((await panFrames(page, 'graph')).p95);
				for (let i = 0; i < EDITS; i++) causeway.timelineEdit.push(shown ? await dragRepaint(page) : NaN);
			} finally {
				await context.close();
			}
		};

		const bareTimelineRound = async (round: number) => {
			const context = await freshContext(browser);
			try {
				const page = await context.newPage();
				page.on('pageerror', (e) => failures.push(`bare timeline round ${round}: page error: ${e.message}`));
				const { width, height } = sizes!.timeline;
				const paints = await openAndPaint(page, `${bare.url}/timeline?w=${Math.round(width)}&h=${Math.round(height)}`, { timeline: true, graph: false, events }, STALL_MS);
				plain.timelinePaint.push(paints.timeline);
				plain.timelineInDom.push(paints.timelineInDom);
				const shown = Number.isFinite(paints.timeline);
				plain.timelinePan.push(shown ? (await panFrames(page, 'timeline')).p95 : NaN);
				// A bare update re-sorts and re-clusters everything: seconds at 10,000.
				for (let i = 0; i < EDITS; i++) plain.timelineEdit.push(shown ? await dragRepaint(page, 60_000) : NaN);
			} finally {
				await context.close();
			}
		};

		const bareGraphRound = async (round: number) => {
			const context = await freshContext(browser);
			try {
				const page = await context.newPage();
				page.on('pageerror', (e) => failures.push(`bare graph round ${round}: page error: ${e.message}`));
				const { width, height } = sizes!.graph;
				const paints = await openAndPaint(page, `${bare.url}/graph?w=${Math.round(width)}&h=${Math.round(height)}`, { timeline: false, graph: true, events }, STALL_MS);
				plain.graphPaint.push(paints.graph);
				for (let i = 0; i < EDITS; i++) {
					const [from, to] = pairs.shift() ?? ['', ''];
					plain.graphEdit.push(await edgeRepaint(page, 'bare', from, to));
					await page.waitForTimeout(300);
				}
				plain.graphPan.push((await panFrames(page, 'graph')).p95);
			} finally {
				await context.close();
			}
		};

		for (let round = 1; round <= options.rounds && !wasInterrupted(); round++) {
			// Causeway first in odd rounds, last in even ones (its first load also sizes the bare views).
			const order = round % 2 === 1 || !sizes ? [causewayRound, bareTimelineRound, bareGraphRound] : [bareTimelineRound, bareGraphRound, causewayRound];
			log(`round ${round} of ${options.rounds}…`);
			for (const step of order) await step(round);
		}
		await browser.close();
		await bare.stop();
		await server.stop();

		for (const [who, samples] of [['Causeway', causeway], ['bare', plain]] as const) {
			for (const f of FIGURES) {
				const lost = samples[f].filter((v) => !Number.isFinite(v)).length;
				if (lost) failures.push(`${who}: ${lost} of ${samples[f].length} samples of "${LABELS[f].text}" not measured`);
			}
		}
		const rows: Row[] = FIGURES.map((f) => {
			const c = median(causeway[f]);
			const b = median(plain[f]);
			const ratio = c / b;
			return {
				figure: LABELS[f].text,
				value: `${ms(c).padStart(7)} vs ${ms(b).padStart(7)}   × ${Number.isFinite(ratio) ? ratio.toFixed(2) : '—'}`,
				budget: `≤ ${ms(LABELS[f].budget)}`,
				verdict: verdict(c, LABELS[f].budget)
			};
		});
		const each = (samples: number[]) => samples.map(ms).join(' / ');
		return {
			title: `Side by side: ${events.toLocaleString('en')} events, ${doc.links.length.toLocaleString('en')} links — Causeway vs bare (${bare.versions}), ${options.rounds} interleaved rounds; medians "Causeway vs bare  × ratio"`,
			rows,
			notes: [
				'the verdict is Causeway’s figure against the issue’s budget; × is Causeway / bare (below 1: Causeway is faster)',
				'each load in a fresh browser context; bare pages draw one view each, at the size it has in Causeway’s page',
				'Causeway’s edits include the server (the drag is saved before the page says "Moved"; the edge arrives on the change stream); the bare pages have none',
				'pan/zoom: a drag 300 px and back in 60 steps and 12 wheel ticks on an empty spot; frames timed by requestAnimationFrame'
			],
			details: FIGURES.flatMap((f) => [`${LABELS[f].text}: Causeway ${each(causeway[f])}`, `${' '.repeat(LABELS[f].text.length)}  bare     ${each(plain[f])}`]),
			failures
		};
	}
};
