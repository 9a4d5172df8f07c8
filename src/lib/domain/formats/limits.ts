/**
 * What one import may hold. Each bound sits well above the bench's largest document (50,000
 * events, 75,000 links) and keeps a hostile file — millions of empty entities, a zip that unpacks
 * to millions of rows — from taking the server's memory or its time. A file past a bound is
 * refused as soon as the bound is crossed, before the rest is read.
 */
import type { CollectionName } from '../schema';
import { DomainError } from '../errors';

/** The most entities of each collection one import takes. */
export const IMPORT_CAPS: Readonly<Record<CollectionName, number>> = { events: 100_000, actors: 100_000, links: 150_000, sources: 100_000, claims: 200_000 };

/** The most rows of citations.csv (quotes: a few per event or link at most). */
export const CITATION_ROWS = 500_000;

/** How much a zip may unpack to. A few KB of deflate can claim gigabytes (a "zip bomb"). */
export const UNZIPPED_LIMIT = 64 * 1024 * 1024;

/** How many entries a zip may hold (ours has five files). */
export const ZIP_ENTRIES = 100;

/** Checking stops after this many problems: nobody reads the rest, and collecting them costs memory. */
export const MAX_ISSUES = 100;

/**
 * True once enough problems are found to stop looking for more; the list is then cut to one past
 * the limit, which `problems` (common.ts) reports as "checking stops after the first 100".
 */
export function enough(issues: unknown[]): boolean {
	if (issues.length <= MAX_ISSUES) return false;
	issues.length = MAX_ISSUES + 1;
	return true;
}

/** 100000 as "100,000". */
export const count = (n: number) => n.toLocaleString('en-US');

/** A file past a bound: refused as it is, whatever way of reading it is tried next. */
export class OverCap extends DomainError {}

/** The error for a file holding more of `collection` than an import takes. */
export function overCap(collection: CollectionName, where: string, found?: number): OverCap {
	const holds = found === undefined ? `more than ${count(IMPORT_CAPS[collection])}` : count(found);
	const message = `the file holds ${holds} ${collection}; an import takes at most ${count(IMPORT_CAPS[collection])}`;
	return new OverCap('invalid', `${where}: ${message}`, [{ path: where, message }]);
}

/** Refuses a list of `collection` longer than its cap. */
export function checkCap(collection: CollectionName, list: unknown, where: string): void {
	if (Array.isArray(list) && list.length > IMPORT_CAPS[collection]) throw overCap(collection, where, list.length);
}
