/*
 * The bare vis-timeline page of the side-by-side bench: the library as a careful developer would use
 * it on its own (clustering, the same options Causeway gives it), drawing the same document. It
 * exposes what the bench watches the same way Causeway's page does: items in
 * `[aria-label="Timeline"]`, a keyboard widget that zooms with "+", and a `[role="status"]` that
 * says "Moved …" once a dragged item is back in the DataSet.
 */
/* global vis */
(async () => {
	const container = document.getElementById('timeline');
	const status = document.getElementById('status');
	const doc = await (await fetch('/document.json')).json();
	const items = new vis.DataSet(
		doc.events.map((e) => ({ id: e.id, content: e.title, start: e.start, ...(e.end && { end: e.end, type: 'range' }), ...(!e.end && { type: 'point' }) }))
	);
	const timeline = new vis.Timeline(container, items, {
		height: '100%',
		zoomMin: 7 * 86_400_000,
		zoomMax: 60 * 365 * 86_400_000,
		stack: true,
		verticalScroll: true,
		showCurrentTime: false,
		selectable: true,
		editable: { add: false, remove: false, updateGroup: false, updateTime: true, overrideItems: false },
		itemsAlwaysDraggable: { item: true, range: true },
		// What a bare app does with a drag: keep it (a real app would save it too).
		onMove: (item, callback) => callback(item),
		snap: null,
		orientation: { axis: 'top', item: 'top' },
		cluster: { maxItems: 4, showStipes: true, titleTemplate: '{count} events: zoom in to see them' }
	});
	items.on('update', (_event, props) => {
		const moved = items.get(props.items[0]);
		status.textContent = `Moved ${moved ? moved.content : ''} (${Date.now()})`;
	});
	const widget = container.querySelector('.vis-timeline') || container;
	widget.setAttribute('role', 'application');
	widget.tabIndex = 0;
	widget.addEventListener('keydown', (e) => {
		if (e.key === '+' || e.key === '=') timeline.zoomIn(0.5);
		if (e.key === '-') timeline.zoomOut(0.5);
	});
	window.__bare = { timeline, items };
})();
