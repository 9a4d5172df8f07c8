/**
 * The force layout of a large graph: fcose on a headless cytoscape holding the scene's elements
 * (it styles and draws nothing), in the layout worker or, where there is none, on the page.
 */
import type cytoscapeLibrary from 'cytoscape';
import { forceLayout } from './graph-layouts';
import { NODE } from './graph-style';
import type { PlannedLayout } from './layout-plan';

/** An element as the force layout needs it: its group, id, ends and classes. */
export interface ForceElement {
	group: 'nodes' | 'edges';
	data: { id: string; source?: string; target?: string };
	classes: string;
}

export function forceOnHeadless(cytoscape: typeof cytoscapeLibrary, elements: ForceElement[], count: number): PlannedLayout {
	// The boxes' size, as on the canvas: fcose spaces nodes by their dimensions.
	const headless = cytoscape({ headless: true, elements, style: [{ selector: 'node.event', style: { width: NODE.width, height: NODE.height } }] });
	const { positions } = forceLayout(headless.elements(), count);
	headless.destroy();
	return { positions, ticks: [] };
}
