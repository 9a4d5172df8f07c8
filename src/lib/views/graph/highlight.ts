/**
 * What the graph emphasises, worked out from the selection and the exploration, as classes per
 * canvas element: the selected event with its direct causes and effects (and the links between),
 * the events a selected actor took part in, or a whole chain, the paths from A to B, the story's
 * ends — the rest faded when that helps the answer stand out. Pure, so the rules are tested
 * without a canvas.
 */
import type { PathsResult } from '$lib/domain/causality';
import type { CausewayDocument, Event } from '$lib/domain/schema';
import { eventsOfActor } from '$lib/domain/tallies';
import type { Selection } from '$lib/state/selection';
import { actorNodeId, eventNodeId, linkEdgeId, memberEdgeId } from './graph-model';

export interface Highlight {
	/** Element id → the classes it gets (space-separated). */
	classes: Map<string, string>;
	/** Fade everything not in `classes`. */
	fade: boolean;
}

export interface HighlightInput {
	doc: CausewayDocument;
	selection: Selection | null;
	chain: { of: string; depths: Map<string, number> } | null;
	paths: PathsResult | null;
	ends: { roots: Event[]; finals: Event[] } | null;
}

export function highlightFor({ doc, selection, chain, paths, ends }: HighlightInput): Highlight {
	const classes = new Map<string, string>();
	const add = (id: string, name: string) => classes.set(id, classes.has(id) ? `${classes.get(id)} ${name}` : name);

	if (paths && paths.paths.length) {
		for (const path of paths.paths) {
			for (const id of path.events) if (!classes.has(eventNodeId(id))) add(eventNodeId(id), 'lit');
			for (const id of path.links) if (!classes.has(linkEdgeId(id))) add(linkEdgeId(id), 'lit');
		}
		addSelection(selection, add);
		return { classes, fade: true };
	}
	if (ends) {
		for (const e of [...ends.roots, ...ends.finals]) add(eventNodeId(e.id), 'lit end');
		addSelection(selection, add);
		return { classes, fade: true };
	}
	if (chain) {
		const members = new Set(chain.depths.keys()).add(chain.of);
		for (const id of members) if (id !== chain.of) add(eventNodeId(id), 'lit');
		for (const link of doc.links) if (members.has(link.from) && members.has(link.to)) add(linkEdgeId(link.id), 'lit');
		addSelection(selection, add);
		return { classes, fade: true };
	}
	if (selection?.kind === 'actor') {
		// Which events an actor took part in: those, the links among them (and its own node and
		// membership lines when actors are shown) stand out; the rest fades, even when that is all.
		const events = new Set(eventsOfActor(doc, selection.id).map((e) => e.id));
		for (const id of events) {
			add(eventNodeId(id), 'lit');
			add(memberEdgeId(id, selection.id), 'lit');
		}
		for (const link of doc.links) if (events.has(link.from) && events.has(link.to)) add(linkEdgeId(link.id), 'lit');
		add(actorNodeId(selection.id), 'chosen');
		return { classes, fade: true };
	}
	if (selection?.kind === 'event') {
		for (const link of doc.links) {
			if (link.to === selection.id) {
				add(eventNodeId(link.from), 'cause');
				add(linkEdgeId(link.id), 'near');
			} else if (link.from === selection.id) {
				add(eventNodeId(link.to), 'effect');
				add(linkEdgeId(link.id), 'near');
			}
		}
	} else if (selection?.kind === 'link') {
		const link = doc.links.find((l) => l.id === selection.id);
		if (link) {
			add(eventNodeId(link.from), 'cause');
			add(eventNodeId(link.to), 'effect');
		}
	}
	addSelection(selection, add);
	return { classes, fade: false };
}

function addSelection(selection: Selection | null, add: (id: string, name: string) => void) {
	if (selection?.kind === 'event') add(eventNodeId(selection.id), 'chosen');
	else if (selection?.kind === 'link') add(linkEdgeId(selection.id), 'chosen');
}
