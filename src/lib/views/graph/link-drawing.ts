/**
 * Drawing a link on the graph: drag from the cause to the effect (cytoscape-edgehandles in its draw
 * mode, where the whole node is the handle). The extension's own edge is only a preview: it is
 * removed at once, and the view asks the editor to create the link; the canvas shows it when the
 * server has stored it, like any other change. Dropping back on the cause itself is reported, so
 * that the refusal is said rather than silent.
 */
import type { Core, EventObject, NodeSingular } from 'cytoscape';
import { entityOf } from './graph-model';

export interface LinkDrawing {
	/** On: dragging a node draws a link. Off: dragging moves the node. */
	setDrawMode(on: boolean): void;
	destroy(): void;
}

interface EdgeHandles {
	enableDrawMode(): void;
	disableDrawMode(): void;
	destroy(): void;
}

export interface LinkDrawingOptions {
	/** A link from one event to another was drawn (event ids; maybe the same event). */
	drawn(from: string, to: string): void;
}

export function setUpLinkDrawing(cy: Core, options: LinkDrawingOptions): LinkDrawing {
	// The extension also asks about "no target" (an empty collection) when a drag ends on nothing.
	const eventId = (node: NodeSingular | undefined) => {
		if (!node || node.empty()) return null;
		const entity = entityOf(node.id());
		return entity?.kind === 'event' ? entity.id : null;
	};
	const handles = (cy as unknown as { edgehandles(o: object): EdgeHandles & { canStartOn(node: NodeSingular): boolean } }).edgehandles({
		canConnect: (source: NodeSingular, target: NodeSingular) => !source.same(target) && !!eventId(source) && !!eventId(target),
		edgeParams: () => ({ classes: 'link rel-causes conf-medium' }),
		// Only the node under the pointer is a target: snapping would pick a neighbour of the cause
		// while the pointer is still on it, in a dense graph.
		snap: false,
		hoverDelay: 60,
		// true would restyle every edge when a drag starts and again when it ends (`events: no`, for
		// compound nodes, which the graph has none of): 0.1–0.2 s each at 15,000 edges.
		noEdgeEventsInDraw: false,
		disableBrowserGestures: true
	});

	// A link starts only from an event: the extension starts one from any node in draw mode, and a
	// drag on a cluster of a large graph would draw a line to nowhere instead of panning.
	const canStartOn = handles.canStartOn.bind(handles);
	handles.canStartOn = (node) => !!eventId(node) && canStartOn(node);

	// Whether the pointer left the cause during this gesture: coming back and letting go on it
	// asks for a link to itself, which deserves an answer; a click on it does not.
	let source: NodeSingular | null = null;
	let left = false;
	let completed = false;
	const inside = (node: NodeSingular, p: { x: number; y: number }) => {
		const box = node.boundingBox();
		return p.x >= box.x1 && p.x <= box.x2 && p.y >= box.y1 && p.y <= box.y2;
	};
	const onStart = (_e: EventObject, node: NodeSingular) => {
		source = node;
		left = false;
		completed = false;
	};
	const onDrag = (e: EventObject) => {
		if (source && !inside(source, e.position)) left = true;
	};
	const onComplete = (_e: EventObject, from: NodeSingular, to: NodeSingular, added: { remove(): void }) => {
		completed = true;
		added.remove();
		const a = eventId(from);
		const b = eventId(to);
		if (a && b) options.drawn(a, b);
	};
	const onStop = (e: EventObject) => {
		const from = source;
		source = null;
		if (!from || completed || !left || !inside(from, e.position)) return;
		const id = eventId(from);
		if (id) options.drawn(id, id);
	};
	cy.on('ehstart', onStart as never);
	cy.on('tapdrag', onDrag);
	cy.on('ehcomplete', onComplete as never);
	cy.on('ehstop', onStop);

	// The extension keeps "was ungrabbable before" when draw mode goes on: turned on twice, it
	// remembers its own setting and never lets nodes be grabbed again. So it is only told of a
	// change, and drag-to-move is set here, not restored.
	let drawMode: boolean | null = null;
	return {
		setDrawMode(on) {
			if (on === drawMode) return;
			drawMode = on;
			if (on) handles.enableDrawMode();
			else {
				handles.disableDrawMode();
				cy.autoungrabify(false);
			}
		},
		destroy() {
			cy.off('ehstart', onStart as never);
			cy.off('tapdrag', onDrag);
			cy.off('ehcomplete', onComplete as never);
			cy.off('ehstop', onStop);
			handles.destroy();
		}
	};
}
