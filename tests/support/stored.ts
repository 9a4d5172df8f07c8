/**
 * What a data file durably holds, read the way the store reads it at start-up: the snapshot with
 * the journal's later commits applied (the snapshot alone lags behind: it is rewritten in the background).
 */
import { readFile } from 'node:fs/promises';
import { applyChange, type Change } from '../../src/lib/domain/changes';
import { parseDocument } from '../../src/lib/domain/document';
import type { CausewayDocument } from '../../src/lib/domain/schema';

async function journalText(file: string): Promise<string> {
	try {
		return await readFile(`${file}.journal`, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
		throw err;
	}
}

/** The durable document. */
export async function storedDocument(file: string): Promise<CausewayDocument> {
	// Parsed as the store parses it: a snapshot of an older version is migrated.
	let doc = parseDocument(JSON.parse(await readFile(file, 'utf8')));
	for (const line of (await journalText(file)).split('\n')) {
		if (!line) continue;
		const c = JSON.parse(line) as { revision: number; title?: string; change: Change };
		if (c.revision > doc.revision) doc = { ...applyChange(doc, c.change), revision: c.revision, title: c.title ?? doc.title };
	}
	return doc;
}

/** Keys sorted at every level: the same document reads the same whichever way it was stored. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v) =>
		v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v
	);
}

/**
 * The durable document as text, to check that a refused request changed nothing, whenever the
 * snapshot was rewritten (a snapshot read back has its keys in schema order, a replayed change not).
 */
export async function storedBytes(file: string): Promise<string> {
	return canonical(await storedDocument(file));
}
