/** Whole documents: validating one that comes from outside (the seed, the store file, an import). */
import { canonicalize } from './collections';
import { DomainError, invalid } from './errors';
import { integrityIssues } from './integrity';
import { migrate } from './formats/migrations';
import { causewayDocument, SCHEMA_VERSION, type CausewayDocument } from './schema';

/** An empty document. */
export function emptyDocument(title = 'Untitled'): CausewayDocument {
	return { schemaVersion: SCHEMA_VERSION, revision: 0, title, events: [], actors: [], links: [], sources: [], claims: [] };
}

/**
 * Validates a whole document — brought forward from an earlier schema version, then shape, then
 * integrity — and returns it in canonical form (each collection sorted by id). Throws a DomainError listing every problem with its path.
 */
export function parseDocument(value: unknown): CausewayDocument {
	// A file from an earlier version (a data file, the seed, a backup) is brought forward first.
	const current = value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { schemaVersion?: unknown }).schemaVersion === 'number' ? migrate(value as Record<string, unknown>) : value;
	const parsed = causewayDocument.safeParse(current);
	if (!parsed.success) throw invalid(parsed.error);
	const issues = integrityIssues(parsed.data);
	if (issues.length) throw new DomainError('conflict', `${issues[0].path}: ${issues[0].message}`, issues);
	return canonicalize(parsed.data);
}
