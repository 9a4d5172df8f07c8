/**
 * The integrity rules of the document: a link's ends exist, no self-links, no duplicate
 * (from, to, relation), an event's end is not before its start, every actor and source named
 * exists, and what a claim is about exists. Checked for a whole document (seed, import) or only where a change touched it (each edit:
 * at 10,000 events a full check on every keystroke-sized edit would be wasted work).
 */
import type { Change } from './changes';
import type { Issue } from './errors';
import { joinsItself, linkKey } from './link-rule';
import { isCertainlyBefore } from './partial-date';
import type { CausewayDocument, Citation, Claim, Event, Link } from './schema';

/** Whether an entity exists: by binary search in a canonical document, by a set for a raw one. */
export type Exists = (collection: 'events' | 'actors' | 'sources' | 'links', id: string) => boolean;

function inAnyOrder(doc: CausewayDocument): Exists {
	const ids = {
		events: new Set(doc.events.map((e) => e.id)),
		actors: new Set(doc.actors.map((a) => a.id)),
		sources: new Set(doc.sources.map((s) => s.id)),
		links: new Set(doc.links.map((l) => l.id))
	};
	return (c, id) => ids[c].has(id);
}

function eventIssues(exists: Exists, e: Event, at: string): Issue[] {
	const issues: Issue[] = [];
	if (e.end && isCertainlyBefore(e.end, e.start)) issues.push({ path: `${at}.end`, message: `end ${e.end} is before start ${e.start}` });
	e.actorIds.forEach((actorId, i) => {
		if (!exists('actors', actorId)) issues.push({ path: `${at}.actorIds[${i}]`, message: `actor "${actorId}" does not exist` });
	});
	issues.push(...citationIssues(exists, e.sources, at));
	return issues;
}

function claimIssues(exists: Exists, c: Claim, at: string): Issue[] {
	const issues: Issue[] = [];
	const what = { events: 'event', links: 'link', actors: 'actor' }[c.about.collection];
	if (!exists(c.about.collection, c.about.id)) issues.push({ path: `${at}.about.id`, message: `${what} "${c.about.id}" does not exist` });
	issues.push(...citationIssues(exists, c.sources, at));
	return issues;
}

function citationIssues(exists: Exists, sources: Citation[], at: string): Issue[] {
	const issues: Issue[] = [];
	sources.forEach((c, i) => {
		if (!exists('sources', c.sourceId)) issues.push({ path: `${at}.sources[${i}].sourceId`, message: `source "${c.sourceId}" does not exist` });
	});
	return issues;
}

function linkIssues(exists: Exists, l: Link, at: string, duplicateOf?: Link): Issue[] {
	const issues: Issue[] = [];
	if (!exists('events', l.from)) issues.push({ path: `${at}.from`, message: `cause event "${l.from}" does not exist` });
	if (!exists('events', l.to)) issues.push({ path: `${at}.to`, message: `effect event "${l.to}" does not exist` });
	if (joinsItself(l)) issues.push({ path: `${at}.to`, message: 'an event cannot cause itself' });
	if (duplicateOf) {
		issues.push({ path: at, message: `duplicates link "${duplicateOf.id}" (${l.from} ${l.relation} ${l.to})` });
	}
	issues.push(...citationIssues(exists, l.sources, at));
	return issues;
}

function duplicateIdIssues(doc: CausewayDocument): Issue[] {
	const issues: Issue[] = [];
	for (const name of ['events', 'actors', 'links', 'sources', 'claims'] as const) {
		const seen = new Set<string>();
		doc[name].forEach((item, i) => {
			if (seen.has(item.id)) issues.push({ path: `${name}[${i}].id`, message: `duplicate id "${item.id}"` });
			seen.add(item.id);
		});
	}
	return issues;
}

/** Every integrity problem of a whole document in any order, with paths like `links[4].from`. */
function documentIssues(doc: CausewayDocument): Issue[] {
	const issues = duplicateIdIssues(doc);
	const exists = inAnyOrder(doc);
	doc.events.forEach((e, i) => issues.push(...eventIssues(exists, e, `events[${i}]`)));
	const byKey = new Map<string, Link>();
	doc.links.forEach((l, i) => {
		const key = linkKey(l);
		issues.push(...linkIssues(exists, l, `links[${i}]`, byKey.get(key)));
		if (!byKey.has(key)) byKey.set(key, l);
	});
	doc.claims.forEach((c, i) => issues.push(...claimIssues(exists, c, `claims[${i}]`)));
	return issues;
}

/** What the rules of a change need to look up in the document it produced (a Draft has them indexed). */
export interface IntegrityLookup {
	exists: Exists;
	/** Another link with the same (from, to, relation), if there is one. */
	twinOf(link: Link): Link | undefined;
	/** The links from or to an event. */
	linksOf(eventId: string): Link[];
	/** The events naming an actor. */
	eventsNaming(actorId: string): Event[];
	/** The events, links and claims citing a source. */
	citing(sourceId: string): { events: Event[]; links: Link[]; claims: Claim[] };
	/** The claims about an event, a link or an actor. */
	claimsAbout(collection: Claim['about']['collection'], id: string): Claim[];
}

/** Problems a change leaves behind, looking only at what it touched. */
export function changeIssues(doc: IntegrityLookup, change: Change): Issue[] {
	const issues: Issue[] = [];
	const exists: Exists = (c, id) => doc.exists(c, id);
	const events = [...(change.events?.added ?? []), ...(change.events?.updated ?? []).map(([, after]) => after)];
	for (const e of events) issues.push(...eventIssues(exists, e, `events.${e.id}`));

	const links = [...(change.links?.added ?? []), ...(change.links?.updated ?? []).map(([, after]) => after)];
	for (const l of links) issues.push(...linkIssues(exists, l, `links.${l.id}`, doc.twinOf(l)));

	const goneEvents = new Set((change.events?.removed ?? []).map((e) => e.id));
	const reported = new Set<string>();
	for (const id of goneEvents) {
		for (const l of doc.linksOf(id)) {
			if (reported.has(l.id)) continue;
			reported.add(l.id);
			const end = goneEvents.has(l.from) ? l.from : l.to;
			issues.push({ path: `events.${end}`, message: `event "${end}" still has link "${l.id}"` });
		}
	}
	for (const { id: a } of change.actors?.removed ?? []) {
		for (const e of doc.eventsNaming(a)) issues.push({ path: `actors.${a}`, message: `actor "${a}" is still named by event "${e.id}"` });
	}
	const claims = [...(change.claims?.added ?? []), ...(change.claims?.updated ?? []).map(([, after]) => after)];
	for (const c of claims) issues.push(...claimIssues(exists, c, `claims.${c.id}`));
	for (const collection of ['events', 'links', 'actors'] as const) {
		for (const { id } of change[collection]?.removed ?? []) {
			for (const c of doc.claimsAbout(collection, id)) issues.push({ path: `${collection}.${id}`, message: `claim "${c.id}" is still about "${id}"` });
		}
	}
	for (const { id: s } of change.sources?.removed ?? []) {
		const { events: citingEvents, links: citingLinks, claims: citingClaims } = doc.citing(s);
		for (const item of [...citingEvents, ...citingLinks, ...citingClaims]) {
			issues.push({ path: `sources.${s}`, message: `source "${s}" is still cited by "${item.id}"` });
		}
	}
	return issues;
}

/** Every integrity problem of a whole document, in any order. An empty list means the document is sound. */
export function integrityIssues(doc: CausewayDocument): Issue[] {
	return documentIssues(doc);
}

/** True when each collection is sorted by id with no repeats (the canonical form). */
export function isCanonical(doc: CausewayDocument): boolean {
	for (const name of ['events', 'actors', 'links', 'sources'] as const) {
		const items = doc[name];
		for (let i = 1; i < items.length; i++) if (!(items[i - 1].id < items[i].id)) return false;
	}
	return true;
}
