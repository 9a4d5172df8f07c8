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

/** The durable document as text, to check that a refused request changed nothing (whenever the snapshot was rewritten). */
export async function storedBytes(file: string): Promise<string> {
	return JSON.stringify(await storedDocument(file));
}
