/**
 * An import from start to end, as the API and the command line run it: open the file, read it in
 * its format, plan it against the document, and — unless it is a dry run — commit it through the
 * store as one change (after a backup, for a replace). The answer is the same report either way.
 */
import { DomainError, type Issue } from '../errors';
import type { CausewayDocument, CollectionName } from '../schema';
import { runYielding } from '../steps';
import { formatOf, openImportSteps, readImportSteps, type ImportSource } from './index';
import { emptySummary, planImport, planImportSteps, type ImportMode, type ImportPlan, type ImportSummary } from './plan';
import type { MappedImport } from './apply-mapping';
import { problems } from './common';
import type { Mapping } from './mapping';
import type { ImportFormat } from './types';

/** What an import needs of the store (the server's Store has it). */
export interface ImportTarget {
	/** The document as it is on disk. */
	readonly document: CausewayDocument;
	/** The document the next commit is planned against (edits on their way to disk included). */
	readonly latest: CausewayDocument;
	replaceDocument<T extends { document: CausewayDocument }>(
		plan: (current: CausewayDocument, now: string) => T,
		options?: { backup?: boolean; author?: string }
	): Promise<{ committed: { revision: number }; result: T; backupFile?: string }>;
}

export interface ImportRequest {
	mode: ImportMode;
	dryRun: boolean;
	/** The format asked for; default: from the content. */
	format?: ImportFormat;
	/** The media type the file came as, when it came over HTTP. */
	mediaType?: string;
	/** Another tool's file: the mapping chosen over the guess (mapping.ts). */
	map?: Partial<Mapping>;
	/** A file with several graphs: which one, from 0. */
	graph?: number;
	/**
	 * The user agrees to import the rest when some rows cannot be imported (listed in `skipped`).
	 * Without it such an import is refused (400) naming them, and a dry run says it would not apply.
	 */
	skipInvalid?: boolean;
	/** Who imports it, recorded with the commit. */
	author?: string;
}

export interface ImportReport {
	mode: ImportMode;
	/** The format the file was read as; null when it could not be told. */
	format: ImportFormat | null;
	dryRun: boolean;
	summary: ImportSummary;
	/** Ids the import overwrites (or, in a dry run, would), per collection. */
	overwritten: Partial<Record<CollectionName, string[]>>;
	/** Ids a replace removes (or would), per collection. */
	removed: Partial<Record<CollectionName, string[]>>;
	/** What stops the file from being imported (a dry run reports them here; a real import answers with an error). */
	problems: Issue[];
	wouldApply: boolean;
	/** Another tool's file: the mapping used, its columns, the first rows as imported, what was defaulted, what is left out. */
	mapped?: MappedImport;
	/** Lines saying what was added that the file names but does not hold (placeholder actors and sources). */
	placeholders: string[];
	/** After a real import: the document's revision now. */
	revision?: number;
	/** After a real replace that changed something: the file the replaced document was saved to. */
	backup?: string | null;
}

function reportOf(request: ImportRequest, format: ImportFormat | null, plan: ImportPlan | null, problems: Issue[], mapped?: MappedImport): ImportReport {
	return {
		mode: request.mode,
		format,
		dryRun: request.dryRun,
		summary: plan?.summary ?? emptySummary(),
		overwritten: plan?.overwritten ?? {},
		removed: plan?.removed ?? {},
		problems,
		wouldApply: problems.length === 0,
		...(mapped && { mapped }),
		placeholders: plan?.placeholders ?? []
	};
}

/** The rows left out, as problems: what a real import without the user's agreement answers with. */
export function skippedProblems(mapped: MappedImport | undefined): Issue[] {
	return (mapped?.skipped ?? []).map((s) => ({ path: s.where, message: `“${s.name}” cannot be imported: ${s.reason}` }));
}

/**
 * Imports `input` into `store`. Every problem with the file throws a DomainError (400 invalid,
 * 409 conflict) and changes nothing — except in a dry run, which reports the problems instead.
 */
export async function runImport(store: ImportTarget, input: Uint8Array | string, request: ImportRequest): Promise<ImportReport> {
	let format: ImportFormat | null = null;
	let mapped: MappedImport | undefined;
	try {
		// Reading and planning run in steps with pauses between them: a large file must not hold up
		// every other request while it is checked.
		const source: ImportSource = await runYielding(openImportSteps(input, { mediaType: request.mediaType }));
		format = formatOf(source, request.format);
		const read = { map: request.map, graph: request.graph, current: store.latest };
		const imported = await runYielding(readImportSteps(source, format, new Date().toISOString(), read));
		mapped = imported.mapped;
		const refused = request.skipInvalid ? [] : skippedProblems(mapped);
		const options = { mode: request.mode, now: new Date().toISOString() };
		if (request.dryRun) return reportOf(request, format, await runYielding(planImportSteps(store.document, imported, options)), refused, mapped);
		if (refused.length) throw problems('invalid', [...refused, { path: '(file)', message: 'to import the rest without these, agree to leave them out (skipInvalid=true)' }]);
		const base = store.latest;
		const planned = await runYielding(planImportSteps(base, imported, options));
		// The commit plans against the latest document at once: when edits landed meanwhile, the plan is made again.
		const plan = (current: CausewayDocument, now: string) => (current === base ? planned : planImport(current, imported, { mode: request.mode, now }));
		const { committed, result, backupFile } = await store.replaceDocument(plan, { backup: request.mode === 'replace', author: request.author });
		return { ...reportOf(request, format, result, [], mapped), revision: committed.revision, ...(request.mode === 'replace' && { backup: backupFile ?? null }) };
	} catch (err) {
		if (request.dryRun && err instanceof DomainError) {
			return reportOf(request, format, null, err.issues?.length ? err.issues : [{ path: '(file)', message: err.message }], mapped);
		}
		throw err;
	}
}
