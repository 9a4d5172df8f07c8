/**
 * Positions for a picture of events that are not on the canvas (everything, while a filter hides
 * some): the default story layout, computed without cytoscape.
 */
import { sortByDate } from '$lib/domain/causality-graph';
import type { CausewayDocument } from '$lib/domain/schema';
import type { Point } from '../graph/chronological-layout';
import { storyPeriods } from '../graph/graph-layouts';
import { NODE } from '../graph/graph-style';
import { layeredLayout } from '../graph/layered-layout';

/** Box centres by event id for every event of `doc` (or those in `eventIds`), as the Causal layout places them. */
export function storyPositions(doc: CausewayDocument, eventIds: ReadonlySet<string> | null = null): Map<string, Point> {
	const events = sortByDate(doc.events.filter((e) => !eventIds || eventIds.has(e.id)));
	const byId = new Map(events.map((e) => [e.id, e]));
	const periodOf = storyPeriods(events);
	const pairs = doc.links.filter((l) => byId.has(l.from) && byId.has(l.to)).map((l) => [l.from, l.to] as const);
	return layeredLayout(
		events.map((e) => e.id),
		pairs,
		{ node: NODE, rankSep: 64, nodeSep: 16, periodOf: (id) => periodOf(byId.get(id)) }
	);
}
