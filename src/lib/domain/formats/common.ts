/**
 * Pieces every format uses: file names, the key order of exported entities, reading JSON safely,
 * and validating entities read from another format with paths that point into that file.
 */
import { z } from '../zod';
import { DomainError, formatPath, type Issue } from '../errors';
import { slugify } from '../ids';
import { hostileJson } from '../json-guard';
import {
	actor,
	causewayDocument,
	event,
	link,
	SCHEMA_VERSION,
	schemas,
	source,
	claim,
	type CausewayDocument,
	type CollectionName,
	type Entity,
	type EntityOf
} from '../schema';
import { runAtOnce, STEP, type Steps } from '../steps';
import { enough, MAX_ISSUES } from './limits';
import type { Locator } from './types';

/** `causeway-kursk-offensives-2024-2025-2026-11-21` + suffix: the slug of the title and the UTC date. */
export function exportFilename(title: string, suffix: string, now: Date): string {
	// A title with no Latin letter or digit (e.g. Cyrillic) has no useful slug.
	const slug = /[a-z0-9]/i.test(title.normalize('NFKD')) ? `-${slugify(title)}` : '';
	return `causeway${slug}-${now.toISOString().slice(0, 10)}${suffix}`;
}

const KEY_ORDER: Record<CollectionName, string[]> = {
	events: Object.keys(event.shape),
	actors: Object.keys(actor.shape),
	links: Object.keys(link.shape),
	sources: Object.keys(source.shape),
	claims: Object.keys(claim.shape)
};

/**
 * The entity with its keys in schema order (id and meta first). Entities made by different paths
 * (a create, an update, an import) hold the same fields in different orders; exports must not.
 */
export function inSchemaOrder<K extends CollectionName>(collection: K, entity: EntityOf[K]): EntityOf[K] {
	const out: Record<string, unknown> = {};
	const from = entity as unknown as Record<string, unknown>;
	for (const key of KEY_ORDER[collection]) if (from[key] !== undefined) out[key] = from[key];
	return out as unknown as EntityOf[K];
}

/** A DomainError about one place in a file. */
export function problem(path: string, message: string, code: 'invalid' | 'conflict' = 'invalid'): DomainError {
	return new DomainError(code, `${path}: ${message}`, [{ path, message }]);
}

/**
 * A DomainError listing `issues` (the first in the message), at most MAX_ISSUES of them and what
 * became of the rest: counted, or — when checking stopped at the limit (see `enough`) — not looked for.
 */
export function problems(code: 'invalid' | 'conflict', issues: Issue[]): DomainError {
	const rest = issues.length - MAX_ISSUES;
	const more = rest === 1 ? `and more problems: checking stops after the first ${MAX_ISSUES}` : `and ${rest} more problems`;
	const shown = rest > 0 ? [...issues.slice(0, MAX_ISSUES), { path: '(file)', message: more }] : issues;
	return new DomainError(code, `${issues[0].path}: ${issues[0].message}`, shown);
}

/** UTF-8 bytes as text; a byte order mark is dropped. */
export function decodeText(bytes: Uint8Array, name = '(file)'): string {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw problem(name, 'not UTF-8 text');
	}
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JSON text parsed, refusing hostile keys (`JSON.parse` keeps `__proto__` as an ordinary key). */
export function parseJsonText(text: string): unknown {
	return runAtOnce(parseJsonTextSteps(text));
}

/** parseJsonText in steps: the parse is one, the search for hostile keys (one pass, no recursion) another. */
export function* parseJsonTextSteps(text: string): Steps<unknown> {
	if (!text.trim()) throw problem('(file)', 'the file is empty');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (err) {
		throw problem('(file)', `not valid JSON: ${(err as Error).message}`);
	}
	yield;
	const bad = hostileJson(value);
	if (bad) throw problem(bad.path, bad.message);
	return value;
}

const META = ['revision', 'createdAt', 'updatedAt'] as const;

/**
 * Validates entities read from a format other than our own: each with the create schema (so
 * optional fields take their defaults), then, with revision and timestamps filled in where the
 * file has none (revision 1, `now`), as a stored entity. Issues point into the file.
 */
export function* validateEntities<K extends CollectionName>(
	collection: K,
	raws: readonly { value: Record<string, unknown>; at: Locator }[],
	now: string,
	issues: Issue[]
): Steps<{ entity: EntityOf[K]; at: Locator }[]> {
	const input = schemas[collection].input as z.ZodType<Record<string, unknown>>;
	const stored = schemas[collection].entity as unknown as z.ZodType<EntityOf[K]>;
	const out: { entity: EntityOf[K]; at: Locator }[] = [];
	for (const [i, { value, at }] of raws.entries()) {
		if (enough(issues)) break;
		if (i % STEP === 0) yield;
		const fields: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value)) if (v !== undefined && !(META as readonly string[]).includes(key)) fields[key] = v;
		if (fields.id === undefined) {
			issues.push({ path: at(['id']), message: 'required' });
			continue;
		}
		const parsed = input.safeParse(fields);
		if (!parsed.success) {
			for (const i of parsed.error.issues) issues.push({ path: at(i.path), message: messageOf(i) });
			continue;
		}
		const createdAt = value.createdAt ?? now;
		const full = stored.safeParse({ ...parsed.data, revision: value.revision ?? 1, createdAt, updatedAt: value.updatedAt ?? createdAt });
		if (!full.success) {
			for (const i of full.error.issues) issues.push({ path: at(i.path), message: messageOf(i) });
			continue;
		}
		out.push({ entity: full.data, at });
	}
	return out;
}

/** Zod's message, with unknown keys named as issuesOf (errors.ts) names them. */
export function messageOf(issue: z.ZodError['issues'][number]): string {
	return issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` : issue.message;
}

export type Located<K extends CollectionName> = { entity: EntityOf[K]; at: Locator };
export type LocatedCollections = { [K in CollectionName]: Located<K>[] };

/** Splits a path string like `.actorIds[0].sourceId` into `['actorIds', 0, 'sourceId']`. */
export function splitPath(path: string): PropertyKey[] {
	const parts: PropertyKey[] = [];
	for (const m of path.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[1] ?? Number(m[2]));
	return parts;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The parts of an imported file put together: refuses ids used twice in one collection (409,
 * naming both places), sorts each collection by id, and keeps where each entity came from.
 */
export function assemble(
	located: LocatedCollections,
	base: Pick<CausewayDocument, 'title'>
): { document: CausewayDocument; locate(collection: CollectionName, id: string, path?: readonly PropertyKey[]): string } {
	const where = new Map<string, Locator>();
	const issues: Issue[] = [];
	for (const c of ['events', 'actors', 'links', 'sources'] as const) {
		for (const { entity, at } of located[c] as Located<CollectionName>[]) {
			if (enough(issues)) break;
			const key = `${c}\u0000${entity.id}`;
			const first = where.get(key);
			if (first) issues.push({ path: at(['id']), message: `duplicate id "${entity.id}" (also at ${first(['id'])})` });
			else where.set(key, at);
		}
	}
	if (issues.length) throw problems('conflict', issues);
	const sorted = <K extends CollectionName>(c: K) => (located[c] as Located<K>[]).map((x) => x.entity).sort(byId) as Entity[] as EntityOf[K][];
	return {
		document: {
			schemaVersion: SCHEMA_VERSION,
			revision: 0,
			title: base.title,
			events: sorted('events'),
			actors: sorted('actors'),
			links: sorted('links'),
			sources: sorted('sources'),
			claims: sorted('claims')
		},
		locate(collection, id, path = []) {
			const at = where.get(`${collection}\u0000${id}`);
			return at ? at(path) : formatPath(path, `${collection}.${id}`);
		}
	};
}

/** The document title a file gives, checked as the document's own title is. */
export function checkedTitle(title: unknown, path: string): string | undefined {
	if (title === undefined || title === null) return undefined;
	const parsed = causewayDocument.shape.title.safeParse(title);
	if (!parsed.success) throw problem(path, messageOf(parsed.error.issues[0]));
	return parsed.data;
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
