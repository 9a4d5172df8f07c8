/**
 * Lays out a large graph off the page's thread (layout-worker.ts sends the work): the causal and
 * chronological layouts at 10,000 events take seconds, during which the page would not answer.
 */
import { planLayout, type LayoutInput } from './layout-plan';

self.onmessage = (message: MessageEvent<{ job: number; input: LayoutInput }>) => {
	const { job, input } = message.data;
	try {
		self.postMessage({ job, result: planLayout(input) });
	} catch (error) {
		self.postMessage({ job, error: String(error) });
	}
};
