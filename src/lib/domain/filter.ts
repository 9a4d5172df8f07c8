/**
 * Filters: which events and links the views show — by actor, kind, relation, confidence, period,
 * words, what was known on a date and how many sources a link rests on — and how a filter is kept
 * in the URL, so that a filtered view can be linked to.
 */
import { contestedSubjects } from './claims';
import { knownAsOf, singleSourceLinks } from './evidence';
import { firstDay, isPartialDate, lastDay, precisionOf, type PartialDate } from './partial-date';
import {
	CONFIDENCES,
	EVENT_KINDS,
	ID_PATTERN,
	RELATIONS,
	type Actor,
	type CausewayDocument,
	type Confidence,
	type Event,
	type EventKind,
	type Relation
} from './schema';

/** What to show. Every part is optional; an absent or empty part does not constrain anything. */
export interface Filter {
	/** Events any of these actors took part in. */
	actors?: string[];
	kinds?: EventKind[];
	/** Links of these relations (events are not hidden by it). */
	relations?: Relation[];
	/** Links of these confidences (events are not hidden by it). */
	confidences?: Confidence[];
	/** Events that overlap the period from the first day of `from` … */
	from?: PartialDate;
	/** … to the last day of `to`. */
	to?: PartialDate;
	/** Words that must all appear in an event's title, description, tags or actors' names. */
	text?: string;
	/** Only what sources published on or before this day (YYYY-MM-DD) support (see knownAsOf). */
	asOf?: string;
	/** Only links supported by at most one independent source (events are not hidden by it). */
	singleSource?: boolean;
	/** Only events whose claims disagree (see claims.ts). */
	contested?: boolean;
}

/** The events and links a filter shows, and how many of each it hides. */
export interface FilterResult {
	events: Set<string>;
	links: Set<string>;
	hiddenEvents: number;
	hiddenLinks: number;
	/**
	 * With `asOf`: the events and links that cite no source at all, so are neither known nor
	 * unknown on that day. They are not shown, and are counted apart rather than silently hidden.
	 */
	uncited?: { events: string[]; links: string[] };
}

/** True for a whole day, YYYY-MM-DD: what "as of" takes. */
export function isDay(value: string): boolean {
	return isPartialDate(value) && precisionOf(value) === 'day';
}

/**
 * The events and links `filter` shows: an event when it matches every part given, a link when
 * both its events are shown and it matches the relations and confidences given.
 */
export function applyFilter(doc: CausewayDocument, filter: Filter): FilterResult {
	const shows = eventTest(doc, filter);
	const asOf = filter.asOf && isDay(filter.asOf) ? knownAsOf(doc, filter.asOf) : undefined;
	const knownEvents = asOf && new Set(asOf.doc.events.map((e) => e.id));
	const knownLinks = asOf && new Set(asOf.doc.links.map((l) => l.id));
	const events = new Set<string>();
	for (const event of doc.events) if ((!knownEvents || knownEvents.has(event.id)) && shows(event)) events.add(event.id);
	const relations = setOf(filter.relations);
	const confidences = setOf(filter.confidences);
	const singles = filter.singleSource ? singleSourceLinks(doc) : undefined;
	const links = new Set<string>();
	for (const link of doc.links) {
		if (!events.has(link.from) || !events.has(link.to)) continue;
		if (relations && !relations.has(link.relation)) continue;
		if (confidences && !confidences.has(link.confidence)) continue;
		if (knownLinks && !knownLinks.has(link.id)) continue;
		if (singles && !singles.has(link.id)) continue;
		links.add(link.id);
	}
	const result: FilterResult = { events, links, hiddenEvents: doc.events.length - events.size, hiddenLinks: doc.links.length - links.size };
	if (asOf) result.uncited = { events: asOf.uncited.events.map((e) => e.id), links: asOf.uncited.links.map((l) => l.id) };
	return result;
}

function eventTest(doc: CausewayDocument, filter: Filter): (event: Event) => boolean {
	const actors = setOf(filter.actors);
	const kinds = setOf(filter.kinds);
	// A date still being typed ("2024-0") constrains nothing rather than hiding everything.
	const periodStart = filter.from && isPartialDate(filter.from) ? firstDay(filter.from) : undefined;
	const periodEnd = filter.to && isPartialDate(filter.to) ? lastDay(filter.to) : undefined;
	const words = wordsOf(filter.text);
	const actorsById = words.length ? new Map(doc.actors.map((a) => [a.id, a])) : undefined;
	const contested = filter.contested ? contestedSubjects(doc.claims) : undefined;
	return (event) =>
		(!contested || contested.has(`events/${event.id}`)) &&
		(!kinds || kinds.has(event.kind)) &&
		(!actors || event.actorIds.some((id) => actors.has(id))) &&
		// A partial date is the whole period it names: "2024-08" overlaps a period from the 15th.
		(!periodStart || lastDay(event.end ?? event.start) >= periodStart) &&
		(!periodEnd || firstDay(event.start) <= periodEnd) &&
		(!actorsById || containsWords(event, words, actorsById));
}

/**
 * True when every word of `query` appears, in any case, in the event's title, description, tags or
 * the names of its actors. An empty query matches every event.
 */
export function eventMatchesText(event: Event, query: string, actorsById: ReadonlyMap<string, Actor>): boolean {
	return containsWords(event, wordsOf(query), actorsById);
}

function wordsOf(query: string | undefined): string[] {
	return (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

function containsWords(event: Event, words: string[], actorsById: ReadonlyMap<string, Actor>): boolean {
	if (!words.length) return true;
	const haystack = [event.title, event.description, ...event.tags, ...event.actorIds.map((id) => actorsById.get(id)?.name ?? id)]
		.join('\n')
		.toLowerCase();
	return words.every((w) => haystack.includes(w));
}

function setOf<T>(values: readonly T[] | undefined): Set<T> | undefined {
	return values?.length ? new Set(values) : undefined;
}

/** True when the filter shows everything. */
export function isEmptyFilter(filter: Filter): boolean {
	return (
		!filter.actors?.length &&
		!filter.kinds?.length &&
		!filter.relations?.length &&
		!filter.confidences?.length &&
		!(filter.from && isPartialDate(filter.from)) &&
		!(filter.to && isPartialDate(filter.to)) &&
		!wordsOf(filter.text).length &&
		!(filter.asOf && isDay(filter.asOf)) &&
		!filter.singleSource &&
		!filter.contested
	);
}

// --- in the URL: ?actor=ukraine&actor=putin&kind=military&relation=causes&confidence=high&from=2024-08&to=2025-03&q=sudzha
//     &asOf=2025-01-31&single=true&contested=1

/** The URL parameters a filter is kept in; others (like `select`) belong to someone else. */
export const FILTER_PARAMS = ['actor', 'kind', 'relation', 'confidence', 'from', 'to', 'q', 'asOf', 'single', 'contested'] as const;

/** The URL parameters for `filter`; empty parts are left out. */
export function filterToParams(filter: Filter): URLSearchParams {
	const params = new URLSearchParams();
	for (const id of filter.actors ?? []) params.append('actor', id);
	for (const kind of filter.kinds ?? []) params.append('kind', kind);
	for (const relation of filter.relations ?? []) params.append('relation', relation);
	for (const confidence of filter.confidences ?? []) params.append('confidence', confidence);
	if (filter.from) params.set('from', filter.from);
	if (filter.to) params.set('to', filter.to);
	if (filter.text) params.set('q', filter.text);
	if (filter.asOf) params.set('asOf', filter.asOf);
	if (filter.singleSource) params.set('single', 'true');
	if (filter.contested) params.set('contested', '1');
	return params;
}

/**
 * The filter kept in URL parameters. Values that cannot be right — an unknown kind, a malformed
 * date, an actor id no id could have — are dropped rather than refused: a link that was edited by
 * hand or is older than the data should still open.
 */
export function filterFromParams(params: URLSearchParams): Filter {
	const filter: Filter = {};
	const actors = distinct(params.getAll('actor').filter((id) => ID_PATTERN.test(id)));
	const kinds = distinct(params.getAll('kind').filter(isOneOf(EVENT_KINDS)));
	const relations = distinct(params.getAll('relation').filter(isOneOf(RELATIONS)));
	const confidences = distinct(params.getAll('confidence').filter(isOneOf(CONFIDENCES)));
	if (actors.length) filter.actors = actors;
	if (kinds.length) filter.kinds = kinds;
	if (relations.length) filter.relations = relations;
	if (confidences.length) filter.confidences = confidences;
	const from = params.get('from');
	const to = params.get('to');
	if (from && isPartialDate(from)) filter.from = from;
	if (to && isPartialDate(to)) filter.to = to;
	// Not trimmed: the search box is read back from the URL while the user types "sudzha ".
	const text = params.get('q');
	if (text) filter.text = text;
	const asOf = params.get('asOf');
	if (asOf && isDay(asOf)) filter.asOf = asOf;
	if (params.get('single') === 'true') filter.singleSource = true;
	if (params.get('contested') === '1') filter.contested = true;
	return filter;
}

/** `url` with its filter parameters replaced by those of `filter`; every other parameter is kept. */
export function withFilter(url: URL, filter: Filter): URL {
	const next = new URL(url);
	for (const name of FILTER_PARAMS) next.searchParams.delete(name);
	for (const [name, value] of filterToParams(filter)) next.searchParams.append(name, value);
	return next;
}

function isOneOf<T extends string>(values: readonly T[]) {
	return (value: string): value is T => (values as readonly string[]).includes(value);
}

function distinct<T>(values: T[]): T[] {
	return [...new Set(values)];
}
