/**
 * The graph's model, kept apart from cytoscape so it can be tested without a browser: how an event
 * becomes a node (a short date and the title, the kind's colour, the date's precision as the
 * border), how a link becomes an arrow styled by its relation and confidence, and how the document
 * is diffed into the elements on the canvas — by identity, so an edit touches only what changed.
 *
 * Ids are prefixed by what they stand for (`e:`, `l:`, `a:`, `m:`): an actor and an event may share
 * an id in the data, but never on the canvas.
 */
import { formatPartialDate, isCertainlyBefore, precisionOf } from '$lib/domain/partial-date';
import { diffById, findById } from '$lib/domain/collections';
import type { Actor, CausewayDocument, Event, Link } from '$lib/domain/schema';
import { isolate } from '../format';
import { KIND_COLORS } from '../kinds';

/** An element as cytoscape takes it in `cy.add` (a subset of its ElementDefinition). */
export interface ElementDef {
	group: 'nodes' | 'edges';
	data: { id: string; source?: string; target?: string; [key: string]: unknown };
	classes: string;
	/** Cytoscape's defaults (nodes grabbable, not pannable) unless said. */
	grabbable?: boolean;
	pannable?: boolean;
}

export const eventNodeId = (eventId: string) => `e:${eventId}`;
export const linkEdgeId = (linkId: string) => `l:${linkId}`;
export const actorNodeId = (actorId: string) => `a:${actorId}`;
export const memberEdgeId = (eventId: string, actorId: string) => `m:${eventId}:${actorId}`;

/** What a canvas id stands for: an event, link, actor or membership, and its id in the data. */
export function entityOf(elementId: string): { kind: 'event' | 'link' | 'actor' | 'member'; id: string } | null {
	const kind = { e: 'event', l: 'link', a: 'actor', m: 'member' }[elementId.slice(0, 1)] as 'event' | 'link' | 'actor' | 'member' | undefined;
	return kind && elementId[1] === ':' ? { kind, id: elementId.slice(2) } : null;
}

/** Titles run to 200 characters; a node shows about two lines of one. */
export const LABEL_TITLE_MAX = 52;
/** A landmark (a label kept when zoomed out, landmarks.ts) shows one short line of the title. */
export const LANDMARK_TITLE_MAX = 38;

/** "word word…": cut at a word boundary when there is one near the end. */
export function shorten(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * About as many characters as fit across a node (its text is 172 px wide at 12 px). Lines are
 * broken here rather than by cytoscape, which measures a too-long line word by word: at 10,000
 * events that took half a second of the first paint. A line that still does not fit is wrapped
 * by cytoscape as before.
 */
export const LABEL_LINE = 25;

/** `text` broken into lines of at most `width` characters, at spaces (a longer word keeps its own line). */
export function breakLines(text: string, width: number): string {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	lines.push(line);
	return lines.join('\n');
}

/** The scales beside a date: the sources disagree about this entity (the timeline and the table mark it so too). */
export const CONTESTED_MARK = '⚖';

/** The node's label: the start date at its own precision ("c. Aug 2024") over the title; ⚖ before the date when contested. */
export function eventLabel(event: Pick<Event, 'start' | 'approximate' | 'title'>, contested = false): string {
	// Each line apart: a line break ends an isolate, and cytoscape draws the lines one by one.
	const lines = breakLines(shorten(event.title, LABEL_TITLE_MAX), LABEL_LINE).split('\n').map(isolate);
	return `${contested ? `${CONTESTED_MARK} ` : ''}${formatPartialDate(event.start, event.approximate)}\n${lines.join('\n')}`;
}

/** Classes for the tags that say how sure the story is, styled on the canvas. */
function tagClasses(event: Event): string[] {
	return (['disputed', 'unconfirmed'] as const).filter((tag) => event.tags.includes(tag));
}

/** `contested`: the sources disagree about something of it (the editor's `isContested`). */
export function eventNode(event: Event, contested = false): ElementDef {
	const classes = ['event', `kind-${event.kind}`, `precision-${precisionOf(event.start)}`, ...tagClasses(event)];
	if (event.approximate) classes.push('approximate');
	if (contested) classes.push('contested');
	return {
		group: 'nodes',
		data: { id: eventNodeId(event.id), label: eventLabel(event, contested), short: shorten(event.title, LANDMARK_TITLE_MAX), color: KIND_COLORS[event.kind] },
		classes: classes.join(' ')
	};
}

/** True when the effect certainly starts before its cause: allowed, but flagged. */
export function isBackwards(cause: Pick<Event, 'start'>, effect: Pick<Event, 'start'>): boolean {
	return isCertainlyBefore(effect.start, cause.start);
}

export function linkEdge(link: Link, cause: Event, effect: Event, contested = false): ElementDef {
	const classes = ['link', `rel-${link.relation}`, `conf-${link.confidence}`];
	if (isBackwards(cause, effect)) classes.push('backwards');
	if (contested) classes.push('contested');
	return {
		group: 'edges',
		data: { id: linkEdgeId(link.id), source: eventNodeId(link.from), target: eventNodeId(link.to) },
		classes: classes.join(' ')
	};
}

export const NO_ACTOR_COLOR = '#7b8794';

export function actorNode(actor: Actor): ElementDef {
	return {
		group: 'nodes',
		data: { id: actorNodeId(actor.id), label: isolate(shorten(actor.name, 40)), color: actor.color ?? NO_ACTOR_COLOR },
		classes: `actor actor-${actor.kind}`
	};
}

export function memberEdge(eventId: string, actorId: string): ElementDef {
	return {
		group: 'edges',
		data: { id: memberEdgeId(eventId, actorId), source: actorNodeId(actorId), target: eventNodeId(eventId) },
		classes: 'member'
	};
}

/** What the canvas should hold: the events and links a filter shows (all, when null), actors on request. */
export interface SceneOptions {
	shownEvents: ReadonlySet<string> | null;
	shownLinks: ReadonlySet<string> | null;
	actors: boolean;
	/** `collection/id` of the contested events and links (the editor's `contested`). */
	contested?: ReadonlySet<string>;
}

/**
 * What each element on the canvas was made from. The document's entities are immutable, so an
 * element whose sources are the same objects as last time needs no update.
 */
export type Made = readonly unknown[];

export interface ScenePlan {
	add: ElementDef[];
	/** Elements to update in place (same id and ends, new data or classes). */
	update: ElementDef[];
	/** Element ids to remove (edges whose ends changed are removed and added again). */
	remove: string[];
	/** What the canvas will hold once the plan is carried out: the `previous` of the next call. */
	next: Map<string, Made>;
	/** How many events and links the canvas will show. */
	counts: { events: number; links: number; contested: number };
}

const sameMade = (a: Made | undefined, b: Made) => !!a && a.length === b.length && a.every((x, i) => x === b[i]);

/** What a plan was made from: given to the next planScene, it walks only what changed since. */
export interface PlannedFrom {
	doc: CausewayDocument;
	options: SceneOptions;
	counts: ScenePlan['counts'];
}

/**
 * The difference between what the canvas holds (`previous`) and what `doc` under `options` should
 * show. Nodes come before the edges that need them in `add`; O(events + links + memberships).
 *
 * With `last` (what `previous` was planned from) and the same options, unfiltered and without
 * actors, only the entities that changed since are looked at (an edit's plan costs what the edit
 * changed, not a walk of 125,000 elements at 50,000 events), and `previous` is updated in place
 * and returned as `next`.
 */
export function planScene(doc: CausewayDocument, options: SceneOptions, previous: Map<string, Made>, last?: PlannedFrom | null): ScenePlan {
	if (last && sameWholeScene(last.options, options)) return planChanges(last, doc, options, previous);
	const { shownEvents, shownLinks } = options;
	const contested = options.contested ?? new Set<string>();
	let contestedCount = 0;
	const next = new Map<string, Made>();
	const add: ElementDef[] = [];
	const addEdges: ElementDef[] = [];
	const update: ElementDef[] = [];
	const remove: string[] = [];
	const events = new Map<string, Event>();

	const visit = (id: string, made: Made, build: () => ElementDef, edge: boolean) => {
		next.set(id, made);
		const before = previous.get(id);
		if (sameMade(before, made)) return;
		const def = build();
		if (!before) (edge ? addEdges : add).push(def);
		else if (edge && movedEnds(before, made)) {
			// An edge's ends cannot change in place: remove it and add it anew.
			remove.push(id);
			addEdges.push(def);
		} else update.push(def);
	};

	// Most elements are as they were: their bookkeeping is kept as it is, not made anew (at 10,000
	// events and 15,000 links, one edit would otherwise allocate 25,000 arrays).
	let eventCount = 0;
	for (const event of doc.events) {
		if (shownEvents && !shownEvents.has(event.id)) continue;
		events.set(event.id, event);
		eventCount++;
		const id = eventNodeId(event.id);
		const before = previous.get(id);
		// Contested comes from the claims, not the event: it is part of what the node was made from.
		const disputed = contested.has(`events/${event.id}`);
		if (disputed) contestedCount++;
		if (before?.length === 2 && before[0] === event && before[1] === disputed) next.set(id, before);
		else visit(id, [event, disputed], () => eventNode(event, disputed), false);
	}
	let linkCount = 0;
	for (const link of doc.links) {
		if (shownLinks && !shownLinks.has(link.id)) continue;
		const cause = events.get(link.from);
		const effect = events.get(link.to);
		if (!cause || !effect) continue;
		linkCount++;
		const id = linkEdgeId(link.id);
		const before = previous.get(id);
		const disputed = contested.has(`links/${link.id}`);
		if (before?.length === 4 && before[0] === link && before[1] === cause && before[2] === effect && before[3] === disputed) next.set(id, before);
		else visit(id, [link, cause, effect, disputed], () => linkEdge(link, cause, effect, disputed), true);
	}
	if (options.actors) {
		const actors = new Map(doc.actors.map((a) => [a.id, a]));
		const used = new Set<string>();
		for (const event of events.values()) {
			for (const actorId of event.actorIds) {
				if (!actors.has(actorId)) continue;
				used.add(actorId);
				visit(memberEdgeId(event.id, actorId), [], () => memberEdge(event.id, actorId), true);
			}
		}
		for (const actorId of used) {
			const actor = actors.get(actorId)!;
			visit(actorNodeId(actorId), [actor], () => actorNode(actor), false);
		}
	}
	for (const id of previous.keys()) if (!next.has(id)) remove.push(id);
	return { add: [...add, ...addEdges], update, remove, next, counts: { events: eventCount, links: linkCount, contested: contestedCount } };
}

/** True when a link edge now joins other events than it did (its cause or effect was changed). */
function movedEnds(before: Made, made: Made): boolean {
	const a = before[0] as Link | undefined;
	const b = made[0] as Link | undefined;
	return !!a && !!b && (a.from !== b.from || a.to !== b.to);
}

/** What came, was replaced and went between two versions of a collection (diffById's delta, sorted out). */
function changesOf<T extends { id: string }>(before: readonly T[], after: readonly T[]): { added: T[]; updated: [T, T][]; removed: T[] } {
	const { gone, came } = diffById(before, after)!;
	const was = new Map(gone.map((x) => [x.id, x]));
	const added: T[] = [];
	const updated: [T, T][] = [];
	for (const x of came) {
		const before = was.get(x.id);
		if (before) {
			updated.push([before, x]);
			was.delete(x.id);
		} else added.push(x);
	}
	return { added, updated, removed: [...was.values()] };
}

/** The scene shows the whole document: every event and link, no actors. */
export const showsWholeDocument = (scene: SceneOptions): boolean => !scene.shownEvents && !scene.shownLinks && !scene.actors;

/** Both scenes show the whole document with the same contested subjects. */
function sameWholeScene(a: SceneOptions, b: SceneOptions): boolean {
	return showsWholeDocument(a) && showsWholeDocument(b) && a.contested === b.contested;
}

/** planScene for the whole document, from what changed since `last` (same options). */
function planChanges(last: PlannedFrom, doc: CausewayDocument, options: SceneOptions, made: Map<string, Made>): ScenePlan {
	const contested = options.contested ?? new Set<string>();
	const add: ElementDef[] = [];
	const addEdges: ElementDef[] = [];
	const update: ElementDef[] = [];
	const remove: string[] = [];
	let { events: eventCount, links: linkCount, contested: contestedCount } = last.counts;
	const events = changesOf(last.doc.events, doc.events);
	const links = changesOf(last.doc.links, doc.links);

	for (const event of events.removed) {
		const id = eventNodeId(event.id);
		if (!made.delete(id)) continue;
		remove.push(id);
		eventCount--;
		if (contested.has(`events/${event.id}`)) contestedCount--;
	}
	for (const event of [...events.added, ...events.updated.map(([, after]) => after)]) {
		const id = eventNodeId(event.id);
		const disputed = contested.has(`events/${event.id}`);
		const before = made.get(id);
		if (!before) {
			eventCount++;
			if (disputed) contestedCount++;
			add.push(eventNode(event, disputed));
		} else update.push(eventNode(event, disputed));
		made.set(id, [event, disputed]);
	}

	// A link is drawn from its cause and effect too: those of a changed event are looked at again.
	const touched = new Map<string, Link>();
	for (const [, link] of links.updated) touched.set(link.id, link);
	for (const link of links.added) touched.set(link.id, link);
	if (events.added.length || events.updated.length || events.removed.length) {
		const changed = new Set<string>();
		for (const e of events.added) changed.add(e.id);
		for (const [, e] of events.updated) changed.add(e.id);
		for (const e of events.removed) changed.add(e.id);
		for (const link of doc.links) if (changed.has(link.from) || changed.has(link.to)) touched.set(link.id, link);
	}
	for (const link of links.removed) {
		const id = linkEdgeId(link.id);
		if (!made.delete(id)) continue;
		remove.push(id);
		linkCount--;
	}
	for (const link of touched.values()) {
		const id = linkEdgeId(link.id);
		const before = made.get(id);
		const cause = findById(doc, 'events', link.from);
		const effect = findById(doc, 'events', link.to);
		if (!cause || !effect) {
			// Integrity forbids it, but a link whose end is gone is not drawn.
			if (before && made.delete(id)) {
				remove.push(id);
				linkCount--;
			}
			continue;
		}
		const disputed = contested.has(`links/${link.id}`);
		const now: Made = [link, cause, effect, disputed];
		if (sameMade(before, now)) continue;
		const def = linkEdge(link, cause, effect, disputed);
		if (!before) {
			linkCount++;
			addEdges.push(def);
		} else if (movedEnds(before, now)) {
			remove.push(id);
			addEdges.push(def);
		} else update.push(def);
		made.set(id, now);
	}
	return { add: [...add, ...addEdges], update, remove, next: made, counts: { events: eventCount, links: linkCount, contested: contestedCount } };
}
