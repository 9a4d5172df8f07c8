/**
 * Lays out a large graph off the page's thread (layout-worker.ts sends the work): the causal and
 * chronological layouts at 10,000 events take seconds, during which the page would not answer;
 * force runs fcose on a headless cytoscape here (loaded only when force is asked for).
 */
import { planLayout } from './layout-plan';
import type { LayoutJob } from './layout-worker';

self.onmessage = async (message: MessageEvent<{ job: number; input: LayoutJob }>) => {
	const { job, input } = message.data;
	try {
		if (input.name !== 'force') self.postMessage({ job, result: planLayout(input) });
		else {
			const [{ default: cytoscape }, { default: fcose }, { forceOnHeadless }] = await Promise.all([
				import('cytoscape'),
				import('cytoscape-fcose'),
				import('./lod-layout-force')
			]);
			cytoscape.use(fcose);
			self.postMessage({ job, result: forceOnHeadless(cytoscape, input.elements, input.count) });
		}
	} catch (error) {
		self.postMessage({ job, error: String(error) });
	}
};
