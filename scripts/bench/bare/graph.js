/*
 * The bare cytoscape page of the side-by-side bench: the library tuned for thousands of elements
 * (haystack edges, labels hidden when zoomed out, textureOnViewport, hideEdgesOnViewport, preset
 * positions computed here in one pass), drawing the same document. It tells the bench what it holds
 * the way Causeway's graph does: data-events, data-links and data-painted on the canvas element.
 */
/* global cytoscape */
(async () => {
	const container = document.getElementById('canvas');
	const doc = await (await fetch('/document.json')).json();
	// Preset positions: by date across, by rank among events of the same month down (no layout run).
	const months = new Map();
	const elements = [];
	const sorted = [...doc.events].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
	const firstYear = Number(sorted[0]?.start.slice(0, 4) ?? 2000);
	for (const e of sorted) {
		const month = e.start.slice(0, 7);
		const row = months.get(month) ?? 0;
		months.set(month, row + 1);
		const x = ((Number(month.slice(0, 4)) - firstYear) * 12 + Number(month.slice(5, 7) || 1)) * 220;
		elements.push({ group: 'nodes', data: { id: e.id, label: e.title }, position: { x, y: row * 70 } });
	}
	for (const l of doc.links) elements.push({ group: 'edges', data: { id: l.id, source: l.from, target: l.to } });
	const cy = cytoscape({
		container,
		elements,
		layout: { name: 'preset' },
		style: [
			{ selector: 'node', style: { width: 160, height: 44, shape: 'round-rectangle', 'background-color': '#dbe4f0', 'border-width': 1, 'border-color': '#7a8aa0', label: 'data(label)', 'font-size': 12, 'text-valign': 'center', 'text-halign': 'center', 'text-wrap': 'ellipsis', 'text-max-width': 150, 'min-zoomed-font-size': 8 } },
			{ selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0, width: 1.5, 'line-color': '#8895a7', opacity: 0.8 } }
		],
		minZoom: 0.02,
		maxZoom: 3,
		wheelSensitivity: 0.3,
		boxSelectionEnabled: false,
		textureOnViewport: true,
		hideEdgesOnViewport: true,
		hideLabelsOnViewport: true,
		motionBlur: false,
		pixelRatio: 1
	});
	const count = () => {
		container.setAttribute('data-events', String(cy.nodes().length));
		container.setAttribute('data-links', String(cy.edges().length));
	};
	cy.one('render', () => {
		count();
		container.setAttribute('data-painted', 'true');
		container.setAttribute('aria-busy', 'false');
	});
	let added = 0;
	window.__bare = {
		cy,
		/** An edge between two events that are not linked yet; the count attributes follow at once. */
		addEdge(from, to) {
			cy.add({ group: 'edges', data: { id: `bench-${++added}`, source: from, target: to } });
			count();
		}
	};
})();
