/**
 * What an import does to the current document, worked out before anything is written: which
 * entities it adds, overwrites, removes or leaves alone, and whether the result is sound. Pure, so
 * the server's dry run, the real import (inside the store's commit) and the page's preview agree.
 */
import { canonicalize, findById } from '../collections';
import { formatPath, type Issue } from '../errors';
import { integrityIssues } from '../integrity';
import { COLLECTIONS, type CausewayDocument, type CollectionName, type Entity } from '../schema';
import { runAtOnce, STEP, type Steps } from '../steps';
import { problems, splitPath } from './common';
import type { ImportedDocument } from './types';

export const IMPORT_MODES = ['merge', 'replace'] as const;
/** merge: by id, the file's entity wins, the rest stays. replace: the file's collections become exactly what the file holds. */
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface CollectionSummary {
	added: number;
	updated: number;
	removed: number;
	/** Entities that stay as they are: in the file and identical, or not in the file and kept. */
	unchanged: number;
}
export type ImportSummary = Record<CollectionName, CollectionSummary>;

export interface ImportPlan {
	/** The document after the import, canonical; its revision is still the current one. */
	document: CausewayDocument;
	summary: ImportSummary;
	/** Ids of the entities the import overwrites, per collection (only collections with some). */
	overwritten: Partial<Record<CollectionName, string[]>>;
	/** Ids of the entities a replace removes, per collection. */
	removed: Partial<Record<CollectionName, string[]>>;
	/** Actors and sources the file names but neither it nor the document has, added with their id as name (one line each). */
	placeholders: string[];
}

const META = new Set(['revision', 'createdAt', 'updatedAt']);

/** JSON with keys sorted (and, at the top, without revision and timestamps): equal content, equal text. */
function contentKey(value: unknown, top = true): string {
	if (Array.isArray(value)) return `[${value.map((v) => contentKey(v, false)).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const o = value as Record<string, unknown>;
		const keys = Object.keys(o)
			.filter((k) => o[k] !== undefined && !(top && META.has(k)))
			.sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${contentKey(o[k], false)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** An empty summary (no entity in any collection). */
export function emptySummary(): ImportSummary {
	const zero = () => ({ added: 0, updated: 0, removed: 0, unchanged: 0 });
	return { events: zero(), actors: zero(), links: zero(), sources: zero(), claims: zero() };
}

/**
 * Plans an import of `imported` into `current`. An entity the file shares with the document keeps
 * the document's object when its content is the same (revision and timestamps aside); when it
 * differs the file's version wins with the next revision, the original createdAt and `now` as
 * updatedAt, so revisions only ever go up and If-Match stays sound. New entities keep the
 * revision and timestamps the file gives (our own format) or got when read (other formats).
 * Throws a DomainError (conflict) listing, with places in the file, every integrity problem of
 * the result — links to missing events, duplicate links, events naming missing actors.
 */
export function planImport(current: CausewayDocument, imported: ImportedDocument, options: { mode: ImportMode; now: string }): ImportPlan {
	return runAtOnce(planImportSteps(current, imported, options));
}

/** planImport in steps (see steps.ts), for the server to plan a large import between other requests. */
export function* planImportSteps(
	current: CausewayDocument,
	imported: ImportedDocument,
	{ mode, now }: { mode: ImportMode; now: string }
): Steps<ImportPlan> {
	const summary = emptySummary();
	const overwritten: ImportPlan['overwritten'] = {};
	const removed: ImportPlan['removed'] = {};
	const checked = { ...current } as Record<CollectionName, Entity[]>;
	/** Per collection, how many leading entities of `checked` are the document's own (the rest come from the file). */
	const keptCount = {} as Record<CollectionName, number>;

	for (const c of COLLECTIONS) {
		const own = current[c] as Entity[];
		if (!imported.collections.includes(c)) {
			keptCount[c] = own.length;
			summary[c].unchanged = own.length;
			continue;
		}
		const incoming = imported.document[c] as Entity[];
		const inFile = new Set(incoming.map((x) => x.id));
		const kept = mode === 'merge' ? own.filter((x) => !inFile.has(x.id)) : [];
		const gone = mode === 'replace' ? own.filter((x) => !inFile.has(x.id)) : [];
		const result: Entity[] = [];
		for (const [i, x] of incoming.entries()) {
			if (i % STEP === 0) yield;
			const was = findById(current, c, x.id) as Entity | undefined;
			if (!was) {
				result.push(x);
				summary[c].added++;
			} else if (contentKey(was) === contentKey(x)) {
				result.push(was);
				summary[c].unchanged++;
			} else {
				result.push({ ...x, revision: was.revision + 1, createdAt: was.createdAt, updatedAt: now } as Entity);
				summary[c].updated++;
				(overwritten[c] ??= []).push(x.id);
			}
		}
		summary[c].unchanged += kept.length;
		summary[c].removed = gone.length;
		if (gone.length) removed[c] = gone.map((x) => x.id);
		keptCount[c] = kept.length;
		checked[c] = [...kept, ...result];
	}

	const placeholders = addMissing(current, imported, checked, summary, now);
	const candidate = { ...current, ...checked } as CausewayDocument;
	yield;
	const issues = integrityIssues(candidate).map((issue) => located(issue, candidate, keptCount, imported));
	if (issues.length) throw problems('conflict', issues);
	const title = mode === 'replace' && imported.title !== undefined ? imported.title : current.title;
	yield;
	return { document: canonicalize({ ...candidate, title }), summary, overwritten, removed, placeholders };
}

/**
 * What comes along with the file's entities into collections the file does not describe: the
 * entities it brings alongside (actors a spreadsheet names), and for actors and sources named by
 * id that exist nowhere (Cytoscape and CSV exports carry events without their actors) a
 * placeholder with the id as its name — so such a file imports into an empty document, saying so.
 */
function addMissing(current: CausewayDocument, imported: ImportedDocument, checked: Record<CollectionName, Entity[]>, summary: ImportSummary, now: string): string[] {
	const notes: string[] = [];
	for (const c of imported.alongside ?? []) {
		if (imported.collections.includes(c)) continue;
		const have = new Set(checked[c].map((x) => x.id));
		const extra = (imported.document[c] as Entity[]).filter((x) => !have.has(x.id));
		if (!extra.length) continue;
		checked[c] = [...checked[c], ...extra];
		summary[c].added += extra.length;
	}
	const named = { actors: new Set<string>(), sources: new Set<string>() };
	for (const e of checked.events as CausewayDocument['events']) {
		for (const a of e.actorIds) named.actors.add(a);
		for (const s of e.sources) named.sources.add(s.sourceId);
	}
	for (const x of [...checked.links, ...checked.claims] as { sources: { sourceId: string }[] }[]) for (const s of x.sources) named.sources.add(s.sourceId);
	for (const c of ['actors', 'sources'] as const) {
		if (imported.collections.includes(c)) continue;
		const have = new Set(checked[c].map((x) => x.id));
		const missing = [...named[c]].filter((id) => !have.has(id)).sort();
		if (!missing.length) continue;
		const meta = { revision: 1, createdAt: now, updatedAt: now };
		const made = missing.map((id) =>
			c === 'actors'
				? ({ id, name: id, kind: 'other', description: '', ...meta } as Entity)
				: ({ id, title: id, publisher: '', author: '', url: '', notes: '', ...meta } as Entity)
		);
		checked[c] = [...checked[c], ...made];
		summary[c].added += made.length;
		const what = c === 'actors' ? 'actor' : 'source';
		notes.push(`${missing.length} ${what}${missing.length === 1 ? '' : 's'} the file names but does not hold (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}): added with the id as ${c === 'actors' ? 'name' : 'title'}`);
	}
	return notes;
}

/** An integrity issue of the candidate (`links[7].from`) told as a place in the file, or in the current document. */
function located(issue: Issue, candidate: CausewayDocument, keptCount: Record<CollectionName, number>, imported: ImportedDocument): Issue {
	const m = /^(events|actors|links|sources)\[(\d+)\](.*)$/.exec(issue.path);
	if (!m) return issue;
	const c = m[1] as CollectionName;
	const entity = (candidate[c] as Entity[])[Number(m[2])];
	const rest = splitPath(m[3]);
	if (Number(m[2]) < keptCount[c]) return { path: formatPath(rest, `${c}.${entity.id}`), message: `${issue.message} (in the current document)` };
	return { path: imported.locate(c, entity.id, rest), message: issue.message };
}
