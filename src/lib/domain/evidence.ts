/**
 * What the story rests on: how many independent sources support an event, a link or a claim (one
 * publisher counts once, however many of its articles are cited), what a causal chain rests on
 * (its weakest link, and whether one source carries all of it), when each event was first
 * reported, what was known on a date ("as of"), and, when A did not lead to B, what comes closest.
 * Pure functions over a document, asked by the API and every view.
 */
import { ancestors, descendants, type CausalPath } from './causality';
import { causalGraph, type Scope } from './causality-graph';
import { findById } from './collections';
import { firstDay, lastDay, parsePartialDate, type PartialDate } from './partial-date';
import type { CausewayDocument, Citation, Claim, Confidence, Event, Link, Source } from './schema';

/** Who stands behind a source: its publisher (case and spacing ignored), or the source itself when none is named. */
export function publisherOf(source: Pick<Source, 'id' | 'publisher'>): string {
	const name = source.publisher.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
	return name ? `publisher:${name}` : `source:${source.id}`;
}

/** The distinct publishers behind `citations`: one publisher counts once. */
export function supportingPublishers(citations: readonly Citation[], sources: ReadonlyMap<string, Source>): Set<string> {
	const publishers = new Set<string>();
	for (const c of citations) {
		const source = sources.get(c.sourceId);
		if (source) publishers.add(publisherOf(source));
	}
	return publishers;
}

/** How many independent sources support an entity. */
export function independentSupport(entity: { sources: readonly Citation[] }, sources: ReadonlyMap<string, Source>): number {
	return supportingPublishers(entity.sources, sources).size;
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** What one way from A to B rests on. */
export interface ChainStrength {
	/** The link with the lowest confidence (the first of them), or null for a path of no links. */
	weakest: Link | null;
	/** The distinct publishers behind the path's links. */
	publishers: Set<string>;
	/** The whole chain rests on one source (or on none): every link cites only that publisher. */
	singleSource: boolean;
	/** Links that cite no source at all. */
	uncited: Link[];
}

/** The weakest link of a path and whether the whole chain rests on a single source. */
export function chainStrength(doc: CausewayDocument, path: CausalPath, sources: ReadonlyMap<string, Source> = sourcesById(doc)): ChainStrength {
	let weakest: Link | null = null;
	const publishers = new Set<string>();
	const uncited: Link[] = [];
	for (const id of path.links) {
		// Collections are kept sorted by id: a lookup per link, not a map of every link per path.
		const link = findById(doc, 'links', id);
		if (!link) continue;
		if (!weakest || RANK[link.confidence] < RANK[weakest.confidence]) weakest = link;
		const behind = supportingPublishers(link.sources, sources);
		if (!behind.size) uncited.push(link);
		for (const p of behind) publishers.add(p);
	}
	return { weakest, publishers, singleSource: publishers.size <= 1, uncited };
}

/** Links supported by at most one independent source, for the "single-source links" filter. */
export function singleSourceLinks(doc: CausewayDocument): Set<string> {
	const sources = sourcesById(doc);
	return new Set(doc.links.filter((l) => independentSupport(l, sources) <= 1).map((l) => l.id));
}

/** The sources of a document by id. */
export function sourcesById(doc: Pick<CausewayDocument, 'sources'>): Map<string, Source> {
	return new Map(doc.sources.map((s) => [s.id, s]));
}

/** When an event was first reported: the date by which a citing source had certainly published it. */
export function firstReported(entity: { sources: readonly Citation[] }, sources: ReadonlyMap<string, Source>): PartialDate | null {
	// The date by which it was certainly reported: the earliest end of a source's period ("2025-01"
	// before "2025", which may mean December), then the earliest start.
	let earliest: PartialDate | null = null;
	for (const c of entity.sources) {
		const at = sources.get(c.sourceId)?.publishedAt;
		if (!at) continue;
		if (!earliest || lastDay(at) < lastDay(earliest) || (lastDay(at) === lastDay(earliest) && firstDay(at) < firstDay(earliest))) earliest = at;
	}
	return earliest;
}

/** How long after an event began it was reported, in whole days, months or years (negative: before). */
export interface ReportLag {
	amount: number;
	unit: 'day' | 'month' | 'year';
}

/**
 * The time from an event's start to its first report, at the coarser precision of the two dates
 * (an event known to the month reported on a day is months later, never an invented number of
 * days); a lag of 60 days or more is given in months, as people say it.
 */
export function reportLag(start: PartialDate, reported: PartialDate): ReportLag | null {
	const a = parsePartialDate(start);
	const b = parsePartialDate(reported);
	if (!a || !b) return null;
	if (a.precision === 'year' || b.precision === 'year') return { amount: b.year - a.year, unit: 'year' };
	const months = (b.year - a.year) * 12 + (b.month! - a.month!);
	if (a.precision === 'month' || b.precision === 'month') return { amount: months, unit: 'month' };
	const days = Math.round((Date.parse(firstDay(reported)) - Date.parse(firstDay(start))) / 86_400_000);
	if (Math.abs(days) < 60) return { amount: days, unit: 'day' };
	// whole months, less one when the day of the month is not reached yet
	return { amount: months - (Math.sign(months) * (b.day! - a.day!) < 0 ? Math.sign(months) : 0), unit: 'month' };
}

/** A source known on `day` (YYYY-MM-DD): published, as far as its date says, on or before it. */
export function publishedBy(source: Pick<Source, 'publishedAt'>, day: string): boolean {
	return !!source.publishedAt && lastDay(source.publishedAt) <= day;
}

/** What was known on a date: the document as those sources support it, and what no source supports. */
export interface KnownAsOf {
	/** Events, links and claims cited by at least one source published by then; every actor; those sources. */
	doc: CausewayDocument;
	/** Entities that cite no source at all: neither known nor unknown then, so shown apart. */
	uncited: { events: Event[]; links: Link[] };
}

/**
 * The document as known on `day`: only events, links and claims that a source published on or
 * before it supports (a link only when both its events are known too, a claim only when what it
 * is about is). Sources whose date is not known, or only to a month or year that ends after
 * `day`, do not count, and citations of them are left out, so the result is a sound document on
 * its own (an export as of `day` opens again). Uncited entities are listed apart, never mixed in.
 */
export function knownAsOf(doc: CausewayDocument, day: string): KnownAsOf {
	const known = new Set(doc.sources.filter((s) => publishedBy(s, day)).map((s) => s.id));
	const supported = (e: { sources: readonly Citation[] }) => e.sources.some((c) => known.has(c.sourceId));
	const asKnown = <T extends { sources: Citation[] }>(e: T): T =>
		e.sources.every((c) => known.has(c.sourceId)) ? e : { ...e, sources: e.sources.filter((c) => known.has(c.sourceId)) };
	const events = doc.events.filter(supported).map(asKnown);
	const eventIds = new Set(events.map((e) => e.id));
	const links = doc.links.filter((l) => supported(l) && eventIds.has(l.from) && eventIds.has(l.to)).map(asKnown);
	const linkIds = new Set(links.map((l) => l.id));
	const about = (claim: Claim) =>
		claim.about.collection === 'events' ? eventIds.has(claim.about.id) : claim.about.collection === 'links' ? linkIds.has(claim.about.id) : true;
	return {
		doc: {
			...doc,
			events,
			links,
			sources: doc.sources.filter((s) => known.has(s.id)),
			claims: doc.claims.filter((c) => supported(c) && about(c)).map(asKnown)
		},
		uncited: { events: doc.events.filter((e) => !e.sources.length), links: doc.links.filter((l) => !l.sources.length) }
	};
}

/** What comes closest when there is no way from A to B. */
export interface NearestConnection {
	/** Events that led (directly or not) to both A and B, nearest first. */
	sharedCauses: Event[];
	/** Events that both A and B led to, nearest first. */
	sharedEffects: Event[];
	/** The shortest chain between them when the direction of links is ignored (event ids, A first), or null. */
	undirected: string[] | null;
}

/** When A did not lead to B: their shared causes and effects, and whether they are connected at all. */
export function nearestConnection(doc: CausewayDocument, fromId: string, toId: string, scope: Scope = {}): NearestConnection {
	const events = new Map(doc.events.map((e) => [e.id, e]));
	const byDistance = (a: Map<string, number>, b: Map<string, number>) =>
		[...a.keys()]
			.filter((id) => b.has(id))
			.sort((x, y) => a.get(x)! + b.get(x)! - (a.get(y)! + b.get(y)!))
			.map((id) => events.get(id)!)
			.filter(Boolean);
	const sharedCauses = byDistance(ancestors(doc, fromId, scope), ancestors(doc, toId, scope));
	const sharedEffects = byDistance(descendants(doc, fromId, scope), descendants(doc, toId, scope));
	return { sharedCauses, sharedEffects, undirected: undirectedPath(doc, fromId, toId, scope) };
}

function undirectedPath(doc: CausewayDocument, fromId: string, toId: string, scope: Scope): string[] | null {
	const graph = causalGraph(doc);
	const previous = new Map<string, string | null>([[fromId, null]]);
	const queue = [fromId];
	for (let i = 0; i < queue.length; i++) {
		const at = queue[i];
		if (at === toId) break;
		const next = [...(graph.outgoing.get(at) ?? []).map((l) => [l, l.to] as const), ...(graph.incoming.get(at) ?? []).map((l) => [l, l.from] as const)];
		for (const [link, other] of next) {
			if (previous.has(other)) continue;
			if (scope.withinLinks && !scope.withinLinks.has(link.id)) continue;
			if (scope.within && !scope.within.has(other)) continue;
			previous.set(other, at);
			queue.push(other);
		}
	}
	if (!previous.has(toId) || fromId === toId) return null;
	const path: string[] = [];
	for (let at: string | null = toId; at !== null; at = previous.get(at) ?? null) path.unshift(at);
	return path;
}
