/**
 * Export and import formats: one module per format, and these entry points shared by the API,
 * the command line and the page (for "what is shown" and previews). Plain TypeScript, no Node APIs.
 *
 *   exportDocument(doc, 'jgf', { ids })         → { filename, contentType, body }
 *   parseImport(bytes, { format? })            → ImportedDocument, or throws a DomainError
 *   planImport(current, imported, { mode, now }) → what the import would change (plan.ts)
 */
import { knownAsOf } from '../evidence';
import type { CausewayDocument } from '../schema';
import { runAtOnce, type Steps } from '../steps';
import { decodeText, exportFilename, isObject, parseJsonTextSteps, problem } from './common';
import { exportCauseway, exportCausewayChunks, looksLikeCauseway, readCauseway } from './causeway';
import { exportCsv, readCsvZip } from './csv';
import { exportCytoscape, looksLikeCytoscape, readCytoscape } from './cytoscape';
import { exportGraphml } from './graphml';
import { exportJgf, looksLikeJgf, readJgf } from './jgf';
import { selectEvents } from './select';
import { exportTimelineJs } from './timelinejs';
import { EXPORT_FORMATS, IMPORT_FORMATS, type ExportedFile, type ExportFormat, type ExportOptions, type ImportedDocument, type ImportFormat } from './types';
import { isZip } from './zip';

export * from './types';
export { emptySummary, IMPORT_MODES, planImport, planImportSteps, type ImportMode, type ImportPlan, type ImportSummary } from './plan';
export { selectEvents } from './select';

export const JSON_TYPE = 'application/json';
export const ZIP_TYPE = 'application/zip';

/** For each format: its name for people, the end of its file name, and its media type. */
export const FORMAT_INFO: Record<ExportFormat, { label: string; suffix: string; contentType: string }> = {
	causeway: { label: 'Causeway JSON', suffix: '.json', contentType: JSON_TYPE },
	cytoscape: { label: 'Cytoscape JSON', suffix: '.cyjs', contentType: JSON_TYPE },
	jgf: { label: 'JSON Graph Format', suffix: '.jgf.json', contentType: JSON_TYPE },
	graphml: { label: 'GraphML', suffix: '.graphml', contentType: 'application/graphml+xml; charset=utf-8' },
	csv: { label: 'CSV (zip)', suffix: '-csv.zip', contentType: ZIP_TYPE },
	timelinejs: { label: 'TimelineJS', suffix: '-timelinejs.json', contentType: JSON_TYPE }
};

/** True for the name of a format the document can be exported to. */
export function isExportFormat(value: string): value is ExportFormat {
	return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** True for the name of a format a file can be imported from. */
export function isImportFormat(value: string): value is ImportFormat {
	return (IMPORT_FORMATS as readonly string[]).includes(value);
}

/** What is exported: the whole document, what was known of it `asOf` a day, or what is shown of it (`ids`). */
function exportedPart(doc: CausewayDocument, options: ExportOptions): CausewayDocument {
	const known = options.asOf ? knownAsOf(doc, options.asOf).doc : doc;
	return options.ids ? selectEvents(known, options.ids) : known;
}

/** The document (or what was known of it `asOf` a day, or, given `ids`, what is shown of it) as a file in `format`. */
export function exportDocument(doc: CausewayDocument, format: ExportFormat, options: ExportOptions = {}): ExportedFile {
	const now = options.now ?? new Date();
	const part = exportedPart(doc, options);
	const info = FORMAT_INFO[format];
	const body =
		format === 'causeway'
			? exportCauseway(part, now)
			: format === 'cytoscape'
				? exportCytoscape(part, now, options.positions)
				: format === 'jgf'
					? exportJgf(part, now)
					: format === 'graphml'
						? exportGraphml(part, now)
						: format === 'csv'
							? exportCsv(part, now)
							: exportTimelineJs(part);
	return { filename: exportFilename(doc.title, info.suffix, now), contentType: info.contentType, body };
}

/**
 * The same file as `exportDocument`, as pieces to send one after another: the causeway format
 * record by record (never the whole text in memory at once); the others in one piece.
 */
export function exportDocumentPieces(doc: CausewayDocument, format: ExportFormat, options: ExportOptions = {}): ExportedPieces {
	if (format !== 'causeway') {
		const { body, ...file } = exportDocument(doc, format, options);
		return { ...file, pieces: [body] };
	}
	const now = options.now ?? new Date();
	const info = FORMAT_INFO[format];
	return { filename: exportFilename(doc.title, info.suffix, now), contentType: info.contentType, pieces: exportCausewayChunks(exportedPart(doc, options), now) };
}

export interface ExportedPieces extends Omit<ExportedFile, 'body'> {
	pieces: Iterable<string | Uint8Array>;
}

/** A file opened far enough to tell its format: the bytes of a zip, or a parsed JSON object. */
export type ImportSource = { kind: 'zip'; bytes: Uint8Array } | { kind: 'json'; value: Record<string, unknown> };

export interface OpenOptions {
	/** The media type it was sent as: a zip must come as application/zip, JSON as application/json. */
	mediaType?: string;
}

/** Opens a file: a zip stays bytes; anything else must be UTF-8 JSON text holding an object, without hostile keys. */
export function openImport(input: Uint8Array | string, options: OpenOptions = {}): ImportSource {
	return runAtOnce(openImportSteps(input, options));
}

/** openImport in steps (see steps.ts). */
export function* openImportSteps(input: Uint8Array | string, { mediaType }: OpenOptions = {}): Steps<ImportSource> {
	if (typeof input !== 'string' && isZip(input)) {
		if (mediaType && mediaType !== ZIP_TYPE) throw problem('(file)', `this is a zip archive: send it as ${ZIP_TYPE}`);
		return { kind: 'zip', bytes: input };
	}
	if (mediaType === ZIP_TYPE) throw problem('(file)', 'not a zip archive');
	const text = typeof input === 'string' ? input : decodeText(input);
	yield;
	const value = yield* parseJsonTextSteps(text);
	if (!isObject(value)) throw problem('(file)', 'expected a JSON object');
	return { kind: 'json', value };
}

/** The format a file is in, from its content; null when it is none we know. */
export function detectFormat(source: ImportSource): ImportFormat | null {
	if (source.kind === 'zip') return 'csv';
	const v = source.value;
	if (looksLikeCauseway(v)) return 'causeway';
	if (v.format !== undefined) return null;
	if (looksLikeCytoscape(v)) return 'cytoscape';
	if (looksLikeJgf(v)) return 'jgf';
	return null;
}

/** The format to read a file as: the one asked for (which must not contradict the content), else the one detected. */
export function formatOf(source: ImportSource, asked?: ImportFormat): ImportFormat {
	const detected = detectFormat(source);
	if (asked && detected && asked !== detected) throw problem('format', `the file looks like ${detected}, not ${asked}`);
	const format = asked ?? detected;
	if (!format) {
		const given = source.kind === 'json' && source.value.format !== undefined ? ` (format ${JSON.stringify(source.value.format)})` : '';
		throw problem('(file)', `unknown format${given}: expected a causeway file, Cytoscape JSON (elements), JGF (graph) or a zip of CSV files`);
	}
	if ((format === 'csv') !== (source.kind === 'zip')) throw problem('format', format === 'csv' ? 'csv is imported as a zip of CSV files' : `${format} is JSON, not a zip`);
	return format;
}

/** Reads an opened file as `format`, validated whole, in steps (see steps.ts). */
export function readImportSteps(source: ImportSource, format: ImportFormat, now: string): Steps<ImportedDocument> {
	if (source.kind === 'zip') return readCsvZip(source.bytes, now);
	if (format === 'causeway') return readCauseway(source.value, now);
	if (format === 'cytoscape') return readCytoscape(source.value, now);
	return readJgf(source.value, now);
}

/** Reads an opened file as `format`, validated whole; meta missing from other formats is stamped `now`. */
export function readImport(source: ImportSource, format: ImportFormat, now: string): ImportedDocument {
	return runAtOnce(readImportSteps(source, format, now));
}

/**
 * A file to import (bytes or text), read and validated whole: the format from the content (or
 * `format`), every entity checked, ids unique. Throws a DomainError with the path of each problem
 * in the file: invalid (400) for what is malformed, conflict (409) for duplicate ids. References
 * between entities are checked against the document the file goes into (planImport).
 */
export function parseImport(input: Uint8Array | string, options: OpenOptions & { format?: ImportFormat; now?: string } = {}): ImportedDocument {
	const source = openImport(input, options);
	return readImport(source, formatOf(source, options.format), options.now ?? new Date().toISOString());
}
