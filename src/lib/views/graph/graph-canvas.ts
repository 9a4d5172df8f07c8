/**
 * The graph's adapter to cytoscape: it brings the canvas in line with the document by diffs (in one
 * `cy.batch`, never a rebuild on each edit), runs layouts, paints the highlight of the exploration
 * and the selection, and keeps the viewport sensible. It turns the library's events into calls on
 * `CanvasEvents`; it holds no truth of its own — positions are view state, never stored.
 */
import type { CollectionArgument, Core, EventObject, NodeSingular, SingularElementArgument } from 'cytoscape';
import type cytoscapeLibrary from 'cytoscape';
import type { CausewayDocument, Event } from '$lib/domain/schema';
import type { Point } from './chronological-layout';
import { computeLayout, boundsOf, chronologicalX, type Bounds, type LayoutName, type LayoutResult } from './graph-layouts';
import { entityOf, planScene, showsWholeDocument, type ElementDef, type Made, type PlannedFrom, type SceneOptions } from './graph-model';
import { LodScene } from './lod-scene';
import { layoutDocument, layoutLarge, placeNearNeighbours, placeNew } from './lod-layout';
import { paintLandmarks, type LabelsShown } from './canvas-labels';
import { boxView, centred, expandView, LEGIBLE_ZOOM, revealView, TINY_ZOOM, viewportFor } from './graph-viewport';
import { graphStyle, type GraphTheme } from './graph-style';
import type { Highlight } from './highlight';
import { Emphasis } from './canvas-emphasis';
import type { PathNode } from './keyboard-path';

export interface CanvasEvents {
	/** An element was tapped (null: the background). */
	tap(target: { kind: 'event' | 'link' | 'actor'; id: string } | null): void;
	/** The pointer is over an element (null: over nothing), at a point in the container. */
	hover(target: { kind: 'event' | 'link' | 'actor'; id: string } | null, at: Point): void;
	/** The viewport moved, or nodes did (for the overview). */
	viewport(): void;
	/** Once a move settles: the labels drawn, and their on-screen size in pixels. */
	labels?(shown: LabelsShown): void;
}

export type { LabelsShown };

export interface CanvasOptions {
	container: HTMLElement;
	theme: GraphTheme;
	/** Large graphs are drawn for speed rather than looks (STACK.md §7). */
	large: boolean;
	eventOf: (nodeId: string) => Event | undefined;
	events: CanvasEvents;
}

const ANIMATION_MS = 450;
/** Below this zoom a large graph is drawn in its lean style (graphStyle's `far`). */
const FAR_ZOOM = 0.45;
/** More new events than this at once are laid out rather than placed one by one. */
const PLACE_MAX = 25;
/** Elements planned per task in the first sync of a large graph. */
const SYNC_SLICE = 10_000;

export class GraphCanvas {
	readonly cy: Core;
	readonly large: boolean;
	readonly #eventOf: CanvasOptions['eventOf'];
	/** What each element on the canvas was made from (planScene's bookkeeping). */
	#made = new Map<string, Made>();
	/** What #made was planned from: the next plan looks only at what changed since. */
	#planned: PlannedFrom | null = null;
	/** Last positions of nodes a filter took off the canvas, to put them back where they were. */
	#parked = new Map<string, Point>();
	#layout: LayoutResult | null = null;
	#emphasis = new Emphasis();
	#theme: GraphTheme;
	/** Whether the zoomed-out style is on (large graphs only, see graphStyle). */
	#far = false;
	#farTimer: ReturnType<typeof setTimeout> | undefined;
	#labelsTimer: ReturnType<typeof setTimeout> | undefined;
	#landmarks = new Set<string>();
	/** The element last brought into view (the selection): drawn as itself at any zoom. */
	#revealed: string | null = null;
	#events: CanvasEvents;
	readonly #library: typeof cytoscapeLibrary;
	/** A large graph's elements, of which the canvas holds only what the view needs (null: small, all on the canvas). */
	readonly lod: LodScene | null = null;
	#drawTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(cytoscape: typeof cytoscapeLibrary, options: CanvasOptions) {
		this.large = options.large;
		this.#library = cytoscape;
		this.#eventOf = options.eventOf;
		this.#theme = options.theme;
		this.#far = options.large;
		this.cy = cytoscape({
			container: options.container,
			style: graphStyle(options.theme, options.large, this.#far),
			layout: { name: 'preset' },
			// A large graph seen whole is a few dozen clusters: it may be zoomed out that far.
			minZoom: options.large ? 0.004 : 0.02,
			maxZoom: 3,
			wheelSensitivity: 0.3,
			boxSelectionEnabled: false,
			autounselectify: true,
			// The tuning for thousands of elements (STACK.md §7).
			textureOnViewport: options.large,
			hideEdgesOnViewport: options.large,
			hideLabelsOnViewport: options.large,
			motionBlur: false,
			pixelRatio: options.large ? 1 : 'auto'
		});
		const { events } = options;
		this.#events = events;
		if (this.large) this.lod = new LodScene(this.cy, { classesOf: (def) => this.#classesOf(def), kept: () => this.#kept(), eventOf: this.#eventOf });
		const target = (e: EventObject) => {
			const entity = entityOf((e.target as SingularElementArgument).id());
			return entity && entity.kind !== 'member' ? (entity as { kind: 'event' | 'link' | 'actor'; id: string }) : null;
		};
		this.cy.on('tap', (e) => {
			if (e.target === this.cy) events.tap(null);
			else if (e.target.hasClass('cluster')) this.expand(e.target.id());
			else if (!e.target.hasClass('tick') && !e.target.hasClass('bundle')) events.tap(target(e));
		});
		this.cy.on('mouseover', 'node.event, node.actor, edge.link', (e) => events.hover(target(e), e.renderedPosition));
		this.cy.on('mouseout', 'node, edge', (e) => events.hover(null, e.renderedPosition));
		this.cy.on('viewport', () => {
			events.viewport();
			this.#scheduleDraw();
			this.#scheduleLabels();
		});
		this.cy.on('resize', () => this.#scheduleLabels());
		if (this.large) {
			// Once a zoom settles: the full style near, the lean one far.
			this.cy.on('zoom', () => {
				clearTimeout(this.#farTimer);
				this.#farTimer = setTimeout(() => this.#updateFar(), 150);
			});
		}
	}

	destroy(): void {
		clearTimeout(this.#drawTimer);
		clearTimeout(this.#farTimer);
		clearTimeout(this.#labelsTimer);
		this.cy.destroy();
	}

	restyle(theme: GraphTheme): void {
		this.#theme = theme;
		this.cy.style(graphStyle(theme, this.large, this.#far));
	}

	/** After a move settles, a large graph draws what came into view (and its level of detail at the new zoom). */
	#scheduleDraw(): void {
		if (!this.lod) return;
		clearTimeout(this.#drawTimer);
		this.#drawTimer = setTimeout(() => this.#draw(), 60);
	}

	#draw(): void {
		clearTimeout(this.#drawTimer);
		this.lod?.draw();
	}

	/** What a large graph draws as itself whatever the zoom: the selection and its chain, the focus. */
	*#kept(): Iterable<string> {
		if (this.#emphasis.focused) yield this.#emphasis.focused;
		if (this.#revealed) yield this.#revealed;
		yield* this.#emphasis.lit.keys();
	}

	/**
	 * Opens a cluster: zooms in on it far enough that it splits (into smaller clusters, or its
	 * events when they fit), around its middle.
	 */
	expand(clusterId: string): void {
		const cluster = this.lod?.cluster(clusterId);
		if (!cluster) return;
		this.cy.viewport(expandView(this.cy, cluster));
		this.#draw();
		this.#scheduleLabels();
	}

	/** What a cluster holds, said in words (for the keyboard path's announcement). */
	describeCluster(clusterId: string): string | null {
		return this.lod?.describe(clusterId) ?? null;
	}

	#scheduleLabels(): void {
		clearTimeout(this.#labelsTimer);
		// On a large graph, after the edit's or the move's own frame: choosing landmarks among
		// thousands takes tens of milliseconds.
		this.#labelsTimer = setTimeout(() => this.updateLabels(), this.large ? 400 : 90);
	}

	/**
	 * Zoomed in, every box in view has its own label; zoomed out (where those would be too small
	 * to read), a few landmarks get a short label at a readable size instead (canvas-labels.ts).
	 */
	updateLabels(): void {
		const { chosen, shown } = paintLandmarks(this.cy, this.#landmarks);
		this.#landmarks = chosen;
		this.#events.labels?.(shown);
	}

	/** The events on the canvas with their places and links, for the keyboard path (element ids). */
	pathNodes(): Map<string, PathNode> {
		const nodes = new Map<string, PathNode>();
		// On a large graph: what is drawn; zoomed out, the clusters (Enter opens one) and the kept events.
		const kept = new Set(this.#kept());
		const drawn = this.lod?.clustered ? this.cy.nodes('.cluster').union(this.cy.nodes('.event').filter((n) => kept.has(n.id()))) : this.cy.nodes('.event, .cluster');
		drawn.forEach((n) => {
			const { x, y } = n.position();
			const causes = n.incomers('edge.link, edge.bundle').sources().map((c) => c.id());
			const effects = n.outgoers('edge.link, edge.bundle').targets().map((e) => e.id());
			nodes.set(n.id(), { id: n.id(), x, y, causes, effects });
		});
		return nodes;
	}

	/** Marks the event with the keyboard's focus (null: none); brings it into view. */
	focus(elementId: string | null): void {
		const { cy } = this;
		if (this.#emphasis.focused) cy.getElementById(this.#emphasis.focused).removeClass('focused');
		this.#emphasis.focused = elementId;
		if (!elementId) return;
		// A cluster is focused where it is: moving the view would redraw it as another.
		if (!elementId.startsWith('c:')) this.reveal(elementId, true);
		if (cy.getElementById(elementId).empty()) return;
		cy.getElementById(elementId).addClass('focused');
		this.#scheduleLabels();
	}

	#updateFar(): void {
		const far = this.large && this.cy.zoom() < FAR_ZOOM;
		if (far === this.#far) return;
		this.#far = far;
		this.cy.style(graphStyle(this.#theme, this.large, far));
	}

	/** Each event's place by event id (on a large graph every event's, drawn or not), for pictures. */
	placedEvents(): Map<string, Point> {
		if (this.lod) return this.lod.eventPlaces();
		return new Map(this.cy.nodes('.event').map((n) => [entityOf(n.id())!.id, { ...n.position() }] as const));
	}

	/**
	 * Every event and actor as a dot for the overview: on a large graph from the scene (the canvas
	 * holds only what is in view, or clusters), so the overview shows the whole graph at any zoom.
	 * The same list while nothing moved, so a pan need not redraw the overview.
	 */
	overviewDots(): readonly { x: number; y: number; color: string }[] {
		if (!this.lod) return this.cy.nodes('.event, .actor').map((n) => ({ ...n.position(), color: n.data('color') ?? '#888' }));
		const { nodes } = this.lod.placed();
		if (this.#dots?.from !== nodes) this.#dots = { from: nodes, dots: nodes.map((n) => ({ x: n.x, y: n.y, color: (this.lod!.defs.get(n.id)?.data.color as string | undefined) ?? '#888' })) };
		return this.#dots.dots;
	}

	#dots: { from: unknown; dots: { x: number; y: number; color: string }[] } | null = null;

	/** The ids of the links shown (on a large graph, drawn or not). */
	placedLinks(): Set<string> {
		const ids = this.lod ? [...this.lod.defs.keys()].filter((id) => id.startsWith('l:')) : this.cy.edges('.link').map((e) => e.id());
		return new Set(ids.map((id) => entityOf(id)!.id));
	}

	#counts = { events: 0, links: 0, contested: 0 };

	/** How many events and links are on the canvas, and how many of the events are contested. */
	counts(): { events: number; links: number; contested: number } {
		return this.#counts;
	}

	/**
	 * The first drawing of a document: synced (in slices when large) and laid out. On a large
	 * graph of the whole document the worker is asked for the layout first, and lays out while
	 * the scene is made.
	 */
	async open(doc: CausewayDocument, scene: SceneOptions, name: LayoutName, options: { focus?: string | null }): Promise<{ fits: boolean } | null> {
		const whole = this.lod && showsWholeDocument(scene) && name !== 'force';
		const ahead = whole ? layoutDocument(doc, name as 'causal' | 'chronological', this.#aspect()) : undefined;
		// Taken care of below; a rejection before then must not go unhandled.
		ahead?.catch(() => {});
		await this.#syncInSlices(doc, scene);
		if (this.cy.destroyed()) return null;
		return this.layout(name, { animate: false, focus: options.focus, ahead });
	}

	#aspect(): number {
		return this.cy.width() && this.cy.height() ? this.cy.width() / this.cy.height() : 2.5;
	}

	/**
	 * The first sync of a large graph, a slice of the document at a time, each in a task of its
	 * own: the 125,000 elements of 50,000 events and 75,000 links planned at once held the page for
	 * most of a second. Each slice is planned from the last (planScene's changes since), so the
	 * whole costs what one sync would. A filtered scene, or one with actors, is synced at once.
	 */
	async #syncInSlices(doc: CausewayDocument, scene: SceneOptions): Promise<void> {
		if (!this.lod || !showsWholeDocument(scene)) {
			this.sync(doc, scene, false);
			return;
		}
		const pause = () => new Promise((resolve) => setTimeout(resolve));
		for (let events = 0; events < doc.events.length; events += SYNC_SLICE) {
			this.sync({ ...doc, events: doc.events.slice(0, events), links: [] }, scene, false);
			await pause();
		}
		for (let links = 0; links < doc.links.length; links += SYNC_SLICE) {
			this.sync({ ...doc, links: doc.links.slice(0, links) }, scene, false);
			await pause();
		}
		this.sync(doc, scene, false);
		await pause();
	}

	/**
	 * Brings the canvas in line with `doc` under `scene`: only what changed is touched. New events
	 * are placed near their neighbours (or on the time scale) when `place` is set, so that an edit
	 * never re-lays the whole graph out — unless there are more than a few (a document loaded, an
	 * import): those are left for a layout, and counted in `unplaced`.
	 */
	sync(doc: CausewayDocument, scene: SceneOptions, place: boolean): { changed: boolean; unplaced: number } {
		const plan = planScene(doc, scene, this.#made, this.#planned);
		this.#planned = { doc, options: scene, counts: plan.counts };
		this.#counts = plan.counts;
		if (!plan.add.length && !plan.update.length && !plan.remove.length) return { changed: false, unplaced: 0 };
		if (this.lod) return { changed: true, unplaced: this.#syncLarge(plan, place) };
		const { cy } = this;
		let unplaced = 0;
		cy.batch(() => {
			if (plan.remove.length) {
				const gone = cy.collection(plan.remove.map((id) => cy.getElementById(id)) as unknown as CollectionArgument);
				gone.nodes().forEach((n) => void this.#parked.set(n.id(), { ...n.position() }));
				cy.remove(gone);
			}
			for (const def of plan.update) {
				const element = cy.getElementById(def.data.id);
				element.data(def.data);
				element.classes(this.#classesOf(def));
				const event = def.group === 'nodes' && this.#layout?.xOf ? this.#eventOf(def.data.id) : undefined;
				// On the time scale a new date is a new place; elsewhere the node stays put.
				if (event) (element as NodeSingular).position('x', chronologicalX(this.#layout!, event)!);
			}
			if (plan.add.length) {
				const added = cy.add(plan.add.map((def) => ({ ...def, classes: this.#classesOf(def), position: this.#parked.get(def.data.id) })));
				const fresh = added.nodes().filter((n) => !this.#parked.has(n.id()));
				added.nodes().forEach((n) => void this.#parked.delete(n.id()));
				if (place && fresh.length <= PLACE_MAX) fresh.forEach((n) => this.#placeNew(n));
				else unplaced = fresh.length;
			}
		});
		this.#made = plan.next;
		return { changed: true, unplaced };
	}

	/** sync for a large graph: the plan goes to the scene, and the canvas draws what of it is in view. */
	#syncLarge(plan: ReturnType<typeof planScene>, place: boolean): number {
		let unplaced = 0;
		this.cy.batch(() => {
			unplaced = this.lod!.apply(plan, {
				place: place ? PLACE_MAX : 0,
				layout: this.#layout,
				placeAt: (id) => placeNearNeighbours(this.lod!, id, this.#layout, this.#eventOf, this.#viewCentre())
			});
		});
		this.#made = plan.next;
		this.#draw();
		return unplaced;
	}

	#viewCentre(): Point {
		const cx = this.cy.extent();
		return { x: (cx.x1 + cx.x2) / 2, y: (cx.y1 + cx.y2) / 2 };
	}

	#classesOf(def: ElementDef): string {
		return this.#emphasis.classesOf(def);
	}

	/** A node added by an edit: on its date in the chronological layout, else beside its neighbours; never on top of another. */
	#placeNew(node: NodeSingular): void {
		const neighbours = node.neighborhood().nodes().map((n) => n.position());
		const others = this.cy.nodes('.event').not(node).nodes().map((n) => n.position());
		const event = this.#layout ? this.#eventOf(node.id()) : undefined;
		node.position(placeNew({ neighbours, causes: node.incomers('node').length, others, fallback: this.#viewCentre(), event, layout: this.#layout }));
	}

	/**
	 * Lays out what is on the canvas. Animated, nodes glide to their places and the view follows;
	 * the selected element (`focus`) stays in view.
	 */
	async layout(name: LayoutName, options: { animate: boolean; focus?: string | null; ahead?: Promise<LayoutResult | null> }): Promise<{ fits: boolean }> {
		const { cy } = this;
		let result: LayoutResult;
		if (this.lod) {
			const large = await (options.ahead ?? layoutLarge(this.#library, this.lod, name, this.#eventOf, this.#aspect()));
			// A newer layout was asked for meanwhile: it will place the nodes.
			if (!large) return { fits: true };
			result = large;
		} else result = computeLayout(cy, name, this.#eventOf);
		cy.remove('.tick');
		this.#layout = result;
		this.#parked.clear();
		const top = (result.span?.top ?? 0) - 70;
		const bottom = (result.span?.bottom ?? 0) + 20;
		cy.add(
			result.ticks.map((t) => ({
				group: 'nodes' as const,
				data: { id: `t:${t.id}`, label: t.label, h: t.header ? 1 : bottom - top },
				classes: t.header ? 'tick header' : t.major ? 'tick major' : 'tick',
				position: t.header ? { x: t.x, y: t.header.y } : { x: t.x, y: (top + bottom) / 2 },
				// The time scale is not a node to move: only events and actors are.
				grabbable: false
			}))
		);
		if (this.lod) return this.#placeLarge(result, name, options.focus ?? null);
		const nodes = cy.nodes().not('.tick');
		const focus = options.focus ? (result.positions.get(options.focus) ?? this.#midpointOf(options.focus, result.positions)) : undefined;
		const view = viewportFor(this.cy, result.positions, focus, name === 'chronological' && result.ticks.length > 0, !this.large, name === 'causal');
		const fits = !view || view.fits;
		if (!options.animate) {
			cy.batch(() => nodes.positions((n) => result.positions.get((n as NodeSingular).id()) ?? (n as NodeSingular).position()));
			if (view) cy.viewport(view);
			this.#updateFar();
			this.updateLabels();
			return { fits };
		}
		const layout = nodes.layout({
			name: 'preset',
			positions: (n: NodeSingular) => result.positions.get(n.id()) ?? n.position(),
			animate: true,
			animationDuration: ANIMATION_MS,
			animationEasing: 'ease-in-out-cubic',
			fit: false
		} as never);
		// Attached before run(): a layout may stop before run() returns (STACK.md §7).
		const stopped = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
		layout.run();
		if (view) cy.animate({ zoom: view.zoom, pan: view.pan }, { duration: ANIMATION_MS, easing: 'ease-in-out-cubic' });
		await stopped;
		this.#scheduleLabels();
		return { fits };
	}

	/** A large graph laid out: every node's place kept in the scene, the view set, what it shows drawn. */
	#placeLarge(result: LayoutResult, name: LayoutName, focusId: string | null): { fits: boolean } {
		const lod = this.lod!;
		lod.positions = result.positions;
		const drawn = this.cy.nodes().not('.tick').not('.cluster');
		this.cy.batch(() => drawn.positions((n) => result.positions.get((n as NodeSingular).id()) ?? (n as NodeSingular).position()));
		const focus = focusId ? (result.positions.get(focusId) ?? this.#midpointOf(focusId, result.positions)) : undefined;
		const view = viewportFor(this.cy, result.positions, focus, name === 'chronological' && result.ticks.length > 0, false, name === 'causal');
		if (view) this.cy.viewport(view);
		this.#updateFar();
		this.#draw();
		this.updateLabels();
		return { fits: !view || view.fits };
	}

	/** A link's ends (node ids), from the scene on a large graph, else from the canvas. */
	#endsOf(elementId: string): [string, string] | null {
		const def = this.lod?.defs.get(elementId);
		if (def) return def.group === 'edges' ? [def.data.source!, def.data.target!] : null;
		const edge = this.cy.getElementById(elementId);
		return edge.nonempty() && edge.isEdge() ? [edge.source().id(), edge.target().id()] : null;
	}

	/** Where a link's edge will be: between its ends. */
	#midpointOf(elementId: string, positions: Map<string, Point>): Point | undefined {
		const ends = this.#endsOf(elementId);
		const a = ends && positions.get(ends[0]);
		const b = ends && positions.get(ends[1]);
		return a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : undefined;
	}

	/** Shows every element (animated on small graphs). */
	fit(): void {
		// A large graph's: the places of the nodes shown (a filter's hidden ones keep theirs for later).
		const positions = this.lod
			? new Map(this.lod.placed().nodes.map((n) => [n.id, n] as const))
			: new Map(this.cy.nodes().not('.tick').nodes().map((n) => [n.id(), n.position()] as const));
		const view = viewportFor(this.cy, positions, undefined, this.cy.nodes('.tick').not('.header').length > 0, false);
		if (!view) return;
		const { zoom, pan } = view;
		if (this.large) this.cy.viewport({ zoom, pan });
		else this.cy.animate({ zoom, pan }, { duration: 250 });
	}

	zoomBy(factor: number, around?: string | null): void {
		const { cy } = this;
		const element = around ? cy.getElementById(around) : null;
		const at = element?.nonempty() && element.isNode() ? element.renderedPosition() : { x: cy.width() / 2, y: cy.height() / 2 };
		cy.zoom({ level: Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor)), renderedPosition: at });
	}

	panBy(dx: number, dy: number): void {
		this.cy.panBy({ x: dx * this.cy.width(), y: dy * this.cy.height() });
	}

	/** Moves the view to an element when it is off-screen or too small to read; leaves it alone otherwise. */
	reveal(elementId: string, animate: boolean): void {
		const { cy } = this;
		if (this.lod) this.#revealed = elementId;
		const bb = this.lod ? this.lod.boxOf(elementId) : this.#boxOf(elementId);
		const view = bb && revealView(cy, bb, this.large);
		if (view && animate && !this.large) cy.animate(view, { duration: 300 });
		else if (view) cy.viewport(view);
		this.#draw();
	}

	#boxOf(elementId: string): Bounds | null {
		const element = this.cy.getElementById(elementId);
		return element.empty() ? null : element.boundingBox();
	}

	/** Brings a group (an actor's events) into view: fitted, not closer than reading distance, when some are outside. */
	revealAll(elementIds: string[]): void {
		const { cy } = this;
		if (this.lod) {
			const box = boundsOf(elementIds.map((id) => this.lod!.positions.get(id)).filter((p): p is Point => !!p));
			if (box) cy.viewport(boxView(cy, box));
			this.#draw();
			return;
		}
		let elements = cy.collection();
		for (const id of elementIds) elements = elements.union(cy.getElementById(id));
		if (elements.empty()) return;
		const box = elements.renderedBoundingBox();
		if (box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height() && cy.zoom() >= TINY_ZOOM) return;
		cy.fit(elements, 40);
		if (cy.zoom() > LEGIBLE_ZOOM) {
			const bb = elements.boundingBox();
			cy.viewport(centred(this.cy, { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 }, LEGIBLE_ZOOM));
		}
	}

	/** Paints the highlight: classes per element, the rest faded or not. Only differences are touched. */
	highlight(next: Highlight): void {
		if (!this.#emphasis.highlight(this.cy, next)) return;
		// The chain just lit is drawn as single events.
		this.#draw();
		this.#scheduleLabels();
	}

	/** Marks the links that close a cycle (element ids). */
	flagCycles(edgeIds: Set<string>): void {
		this.#emphasis.flagCycles(this.cy, edgeIds);
	}
}
