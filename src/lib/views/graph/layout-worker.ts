/**
 * The page's side of the layout worker: one worker for the page, made on first use; a job asked
 * for while another runs supersedes it (its answer is dropped), as a newer layout would replace
 * it anyway. Where workers cannot be made, the layout runs here instead.
 */
import type { ForceElement } from './lod-layout-force';
import { planLayout, type LayoutInput, type PlannedLayout } from './layout-plan';

/** Work for the layout worker: a causal or chronological layout, or force on the elements given. */
export type LayoutJob = LayoutInput | { name: 'force'; elements: ForceElement[]; count: number };

let worker: Worker | null | undefined;
let lastJob = 0;
const waiting = new Map<number, { resolve(result: PlannedLayout | null): void; reject(error: Error): void; here(): PlannedLayout }>();

function workerOrNull(): Worker | null {
	if (worker !== undefined) return worker;
	try {
		worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (message: MessageEvent<{ job: number; result?: PlannedLayout; error?: string }>) => {
			const { job, result, error } = message.data;
			const pending = waiting.get(job);
			waiting.delete(job);
			if (!pending) return;
			if (error) pending.reject(new Error(error));
			// Only the newest job's answer is used.
			else pending.resolve(job === lastJob ? result! : null);
		};
		// A worker that cannot start (its script refused or missing) must not leave the graph
		// waiting: what it was asked is done here, and so is what comes later.
		worker.onerror = () => {
			worker = null;
			for (const [job, pending] of waiting) {
				waiting.delete(job);
				try {
					pending.resolve(job === lastJob ? pending.here() : null);
				} catch (error) {
					pending.reject(error as Error);
				}
			}
		};
	} catch {
		worker = null;
	}
	return worker;
}

/**
 * The layout of `input`, computed off the page's thread; null when a newer job superseded it.
 * Without a worker, `here` computes it on the page.
 */
export function layoutOffThread(input: LayoutJob, here: () => PlannedLayout = () => planLayout(input as LayoutInput)): Promise<PlannedLayout | null> {
	const job = ++lastJob;
	const w = workerOrNull();
	if (!w) return Promise.resolve(here());
	return new Promise((resolve, reject) => {
		waiting.set(job, { resolve, reject, here });
		w.postMessage({ job, input });
	});
}
