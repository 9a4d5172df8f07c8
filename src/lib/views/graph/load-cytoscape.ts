/**
 * Loads cytoscape and the extensions the graph uses, once, in the browser (they touch `window` on
 * import, and they are the graph's own weight: the page's first load does not carry them).
 */
import type cytoscapeLibrary from 'cytoscape';

let loading: Promise<typeof cytoscapeLibrary> | undefined;

export function loadCytoscape(): Promise<typeof cytoscapeLibrary> {
	loading ??= (async () => {
		const [{ default: cytoscape }, { default: fcose }, { default: edgehandles }] = await Promise.all([
			import('cytoscape'),
			import('cytoscape-fcose'),
			import('cytoscape-edgehandles')
		]);
		cytoscape.use(fcose);
		cytoscape.use(edgehandles);
		return cytoscape;
	})();
	return loading;
}
