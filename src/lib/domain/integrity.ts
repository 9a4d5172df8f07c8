/**
 * The integrity rules of the document: a link's ends exist, no self-links, no duplicate
 * (from, to, relation), an event's end is not before its start, every actor and source named
 * exists. Checked for a whole document (seed, import) or only where a change touched it (each edit:
 * at 10,000 events a full check on every keystroke-sized edit would be wasted work).
 */
import type { Change } from './changes';
import { findById } from './collections';
import type { Issue } from './errors';
import { joinsItself, linkKey, twinOf } from './link-rule';
import { isCertainlyBefore } from './partial-date';
import type { CausewayDocument, Citation, Event, Link } from './schema';

/** Whether an entity exists: by binary search in a canonical document, by a set for a raw one. */
type Exists = (collection: 'events' | 'actors' | 'sources', id: string) => boolean;

const inCanonical = (doc: CausewayDocument): Exists => (c, id) => findById(doc, c, id) !== undefined;

function inAnyOrder(doc: CausewayDocument): Exists {
	const ids = {
		events: new Set(doc.events.map((e) => e.id)),
		actors: new Set(doc.actors.map((a) => a.id)),
		sources: new Set(doc.sources.map((s) => s.id))
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

function groupByKey(links: readonly Link[]): Map<string, Link[]> {
	const byKey = new Map<string, Link[]>();
	for (const l of links) {
		const key = linkKey(l);
		const same = byKey.get(key);
		if (same) same.push(l);
		else byKey.set(key, [l]);
	}
	return byKey;
}

function duplicateIdIssues(doc: CausewayDocument): Issue[] {
	const issues: Issue[] = [];
	for (const name of ['events', 'actors', 'links', 'sources'] as const) {
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
	return issues;
}

/** Problems a change leaves behind in a canonical document, looking only at what it touched. */
function changeIssues(doc: CausewayDocument, change: Change): Issue[] {
	const issues: Issue[] = [];
	const exists = inCanonical(doc);
	const events = [...(change.events?.added ?? []), ...(change.events?.updated ?? []).map(([, after]) => after)];
	for (const e of events) issues.push(...eventIssues(exists, e, `events.${e.id}`));

	const links = [...(change.links?.added ?? []), ...(change.links?.updated ?? []).map(([, after]) => after)];
	// One scan for a few links; for many (a large batch) an index, so it stays linear.
	const byKey = links.length > 8 ? groupByKey(doc.links) : null;
	for (const l of links) {
		const twin = byKey ? byKey.get(linkKey(l))?.find((other) => other.id !== l.id) : twinOf(doc.links, l);
		issues.push(...linkIssues(exists, l, `links.${l.id}`, twin));
	}

	const goneEvents = new Set((change.events?.removed ?? []).map((e) => e.id));
	if (goneEvents.size) {
		for (const l of doc.links) {
			if (goneEvents.has(l.from) || goneEvents.has(l.to)) {
				const end = goneEvents.has(l.from) ? l.from : l.to;
				issues.push({ path: `events.${end}`, message: `event "${end}" still has link "${l.id}"` });
			}
		}
	}
	const goneActors = new Set((change.actors?.removed ?? []).map((a) => a.id));
	if (goneActors.size) {
		for (const e of doc.events) {
			for (const a of e.actorIds) {
				if (goneActors.has(a)) issues.push({ path: `actors.${a}`, message: `actor "${a}" is still named by event "${e.id}"` });
			}
		}
	}
	const goneSources = new Set((change.sources?.removed ?? []).map((s) => s.id));
	if (goneSources.size) {
		for (const item of [...doc.events, ...doc.links]) {
			for (const c of item.sources) {
				if (goneSources.has(c.sourceId)) {
					issues.push({ path: `sources.${c.sourceId}`, message: `source "${c.sourceId}" is still cited by "${item.id}"` });
				}
			}
		}
	}
	return issues;
}

/**
 * Integrity problems of `doc`: of the whole document (in any order), or — given the change that
 * produced it, on a canonical document — only of what the change touched. An empty list means the document is sound.
 */
export function integrityIssues(doc: CausewayDocument, change?: Change): Issue[] {
	return change ? changeIssues(doc, change) : documentIssues(doc);
}

/** True when each collection is sorted by id with no repeats (the canonical form). */
export function isCanonical(doc: CausewayDocument): boolean {
	for (const name of ['events', 'actors', 'links', 'sources'] as const) {
		const items = doc[name];
		for (let i = 1; i < items.length; i++) if (!(items[i - 1].id < items[i].id)) return false;
	}
	return true;
}
