/** Whole documents: validating one that comes from outside (the seed, the store file, an import). */
import { canonicalize } from './collections';
import { DomainError, invalid } from './errors';
import { integrityIssues } from './integrity';
import { causewayDocument, SCHEMA_VERSION, type CausewayDocument } from './schema';

/** An empty document. */
export function emptyDocument(title = 'Untitled'): CausewayDocument {
	return { schemaVersion: SCHEMA_VERSION, revision: 0, title, events: [], actors: [], links: [], sources: [] };
}

/**
 * Validates a whole document — shape, then integrity — and returns it in canonical form (each
 * collection sorted by id). Throws a DomainError listing every problem with its path.
 */
export function parseDocument(value: unknown): CausewayDocument {
	const parsed = causewayDocument.safeParse(value);
	if (!parsed.success) throw invalid(parsed.error);
	const issues = integrityIssues(parsed.data);
	if (issues.length) throw new DomainError('conflict', `${issues[0].path}: ${issues[0].message}`, issues);
	return canonicalize(parsed.data);
}
