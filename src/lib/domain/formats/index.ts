/**
 * Export and import formats: one module per format, and these entry points shared by the API,
 * the command line and the page (for "what is shown" and previews). Plain TypeScript, no Node APIs.
 *
 *   exportDocument(doc, 'jgf', { ids })         → { filename, contentType, body }
 *   parseImport(bytes, { format?, map?, graph?, current? }) → ImportedDocument, or throws a DomainError
 *   planImport(current, imported, { mode, now }) → what the import would change (plan.ts)
 */
import { knownAsOf } from '../evidence';
import type { CausewayDocument } from '../schema';
import { runAtOnce, type Steps } from '../steps';
import { decodeText, exportFilename, isObject, parseJsonTextSteps, problem } from './common';
import { exportCauseway, exportCausewayChunks, looksLikeCauseway, readCauseway } from './causeway';
import { DomainError } from '../errors';
import { applyMappingSteps } from './apply-mapping';
import { OverCap } from './limits';
import { exportCsv, isOwnCsvZip, readCsvZip } from './csv';
import { detectDelimiter, parseCsv } from './csv-codec';
import { exportCytoscape, looksLikeCytoscape, readCytoscape } from './cytoscape';
import { checkNoBinaryFormat, checkZipIsNoOfficeFile, textKind } from './detect';
import { exportGraphml } from './graphml';
import { readGraphml } from './graphml-read';
import { readCytoscapeTable, readJgfTable } from './graph-read';
import { exportJgf, looksLikeJgf, readJgf } from './jgf';
import { chosenMapping, type Mapping } from './mapping';
import { readSpreadsheet } from './spreadsheet';
import { selectEvents } from './select';
import type { ForeignTable } from './table';
import { exportTimelineJs } from './timelinejs';
import { isTimelineHeader, looksLikeTimelineJs, readTimelineCsv, readTimelineJson } from './timelinejs-read';
import { EXPORT_FORMATS, IMPORT_FORMATS, type ExportedFile, type ExportFormat, type ExportOptions, type ImportedDocument, type ImportFormat } from './types';
import { isZip, unzipCapped } from './zip';

export * from './types';
export { emptySummary, IMPORT_MODES, planImport, planImportSteps, type ImportMode, type ImportPlan, type ImportSummary } from './plan';
export { selectEvents } from './select';

export const JSON_TYPE = 'application/json';
export const ZIP_TYPE = 'application/zip';

/**
 * The media types an import is accepted as. The format is told from the content, so these only
 * say "a file": no type a cross-site form can send without CORS (text/plain, forms) is among them.
 */
export const IMPORT_MEDIA_TYPES = [
	JSON_TYPE,
	ZIP_TYPE,
	'text/csv',
	'text/tab-separated-values',
	'application/xml',
	'text/xml',
	'application/graphml+xml',
	'application/vnd.ms-excel',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/octet-stream'
];

/** The media type to send a file as, by its name (browsers give CSV files odd types, or none). */
export function importMediaType(name: string): string {
	const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
	const byExt: Record<string, string> = { json: JSON_TYPE, cyjs: JSON_TYPE, jgf: JSON_TYPE, zip: ZIP_TYPE, csv: 'text/csv', tsv: 'text/tab-separated-values', txt: 'text/csv', graphml: 'application/graphml+xml', xml: 'application/xml' };
	return byExt[ext] ?? 'application/octet-stream';
}

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

/**
 * A file opened far enough to tell its format: Causeway's own zip of CSV files, another zip of
 * CSV files (a spreadsheet of events and one of links), parsed JSON (an object, or a bare list
 * of Cytoscape elements), or the text of GraphML or of a CSV file.
 */
export type ImportSource =
	| { kind: 'zip'; bytes: Uint8Array }
	| { kind: 'sheets'; bytes: Uint8Array }
	| { kind: 'json'; value: Record<string, unknown> }
	| { kind: 'elements'; value: unknown[] }
	| { kind: 'xml'; text: string }
	| { kind: 'csv'; text: string };

export interface OpenOptions {
	/** The media type it was sent as: a zip must not come as application/json, nor anything else as application/zip. */
	mediaType?: string;
}

/** Opens a file: zips stay bytes, JSON is parsed without hostile keys, GraphML and CSV stay text. */
export function openImport(input: Uint8Array | string, options: OpenOptions = {}): ImportSource {
	return runAtOnce(openImportSteps(input, options));
}

/** openImport in steps (see steps.ts). */
export function* openImportSteps(input: Uint8Array | string, { mediaType }: OpenOptions = {}): Steps<ImportSource> {
	if (typeof input !== 'string' && isZip(input)) {
		if (mediaType === JSON_TYPE) throw problem('(file)', `this is a zip archive: send it as ${ZIP_TYPE}`);
		checkZipIsNoOfficeFile(input);
		return isOwnCsvZip(unzipCapped(input)) ? { kind: 'zip', bytes: input } : { kind: 'sheets', bytes: input };
	}
	if (mediaType === ZIP_TYPE) throw problem('(file)', 'not a zip archive');
	if (typeof input !== 'string') checkNoBinaryFormat(input);
	const text = typeof input === 'string' ? input : decodeText(input);
	if (!text.trim()) throw problem('(file)', 'the file is empty');
	yield;
	const kind = textKind(text);
	if (kind === 'graphml') return { kind: 'xml', text };
	if (kind === 'csv') return { kind: 'csv', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
	const value = yield* parseJsonTextSteps(text);
	if (Array.isArray(value)) {
		if (value.length && value.every((el) => isObject(el) && isObject(el.data))) return { kind: 'elements', value };
		throw problem('(file)', 'expected a JSON object (a JSON list is read only when it holds Cytoscape elements, each with its "data")');
	}
	if (!isObject(value)) throw problem('(file)', 'expected a JSON object');
	return { kind: 'json', value };
}

/** The format a file is in, from its content; null when it is none we know. */
export function detectFormat(source: ImportSource): ImportFormat | null {
	if (source.kind === 'zip') return 'csv';
	if (source.kind === 'sheets') return 'spreadsheet';
	if (source.kind === 'xml') return 'graphml';
	if (source.kind === 'elements') return 'cytoscape';
	if (source.kind === 'csv') return isTimelineHeader(csvHeader(source.text)) ? 'timelinejs' : 'spreadsheet';
	const v = source.value;
	if (looksLikeCauseway(v)) return 'causeway';
	if (v.format !== undefined) return null;
	if (looksLikeTimelineJs(v)) return 'timelinejs';
	if (looksLikeCytoscape(v)) return 'cytoscape';
	if (looksLikeJgf(v)) return 'jgf';
	return null;
}

const csvHeader = (text: string) => {
	try {
		return parseCsv(text.split(/\r?\n/, 1)[0], 1, detectDelimiter(text))[0] ?? [];
	} catch {
		return [];
	}
};

/** The format to read a file as: the one asked for (which must not contradict the content), else the one detected. */
export function formatOf(source: ImportSource, asked?: ImportFormat): ImportFormat {
	const detected = detectFormat(source);
	if (asked && detected && asked !== detected && !(asked === 'spreadsheet' && detected === 'timelinejs')) throw problem('format', `the file looks like ${detected}, not ${asked}`);
	const format = asked ?? detected;
	if (!format) {
		const given = source.kind === 'json' && source.value.format !== undefined ? ` (format ${JSON.stringify(source.value.format)})` : '';
		throw problem('(file)', `unknown format${given}: expected a causeway file, Cytoscape JSON (elements), JGF (graph or graphs), TimelineJS JSON (events), GraphML, or CSV`);
	}
	return format;
}

export interface ReadOptions {
	/** The mapping step's choices (mapping.ts); a file of another tool's takes the guess for the rest. */
	map?: Partial<Mapping>;
	/** For a file with several graphs (JGF, GraphML): which one, from 0. */
	graph?: number;
	/** The document the file goes into: actors found by name, re-imported rows by their externalId. */
	current?: CausewayDocument;
}

/** True for a Cytoscape or JGF file that Causeway wrote (it says so), which is read whole, without a mapping step. */
function markedAsOurs(value: Record<string, unknown>, format: 'cytoscape' | 'jgf'): boolean {
	if (format === 'cytoscape') return value.generated_by === 'causeway' || (isObject(value.data) && value.data.format === 'causeway');
	const graph = isObject(value.graph) ? value.graph : undefined;
	return !!graph && isObject(graph.metadata) && graph.metadata.format === 'causeway';
}

/** Another tool's file as rows, for the mapping step. */
export function foreignTable(source: ImportSource, format: ImportFormat, graph?: number): ForeignTable {
	if (source.kind === 'xml') return readGraphml(source.text, graph);
	if (source.kind === 'csv') return format === 'timelinejs' ? readTimelineCsv(source.text) : readSpreadsheet({ text: source.text });
	if (source.kind === 'sheets') return readSpreadsheet({ zip: source.bytes });
	if (source.kind === 'elements') return readCytoscapeTable(source.value);
	if (source.kind === 'zip') throw problem('format', 'a zip of Causeway CSV files has no mapping step');
	if (format === 'timelinejs') return readTimelineJson(source.value);
	if (format === 'cytoscape') return readCytoscapeTable(source.value);
	if (format === 'jgf') return readJgfTable(source.value, graph);
	throw problem('format', `${format} has no mapping step`);
}

/**
 * Reads an opened file as `format`, in steps (see steps.ts). Causeway's own files (and Cytoscape
 * or JGF files shaped as Causeway's, when no mapping is given) are validated whole; other tools'
 * files go through the mapping step (apply-mapping.ts), which lists what it cannot import.
 */
export function* readImportSteps(source: ImportSource, format: ImportFormat, now: string, options: ReadOptions = {}): Steps<ImportedDocument> {
	if (source.kind === 'zip') return yield* readCsvZip(source.bytes, now);
	if (source.kind === 'json' && format === 'causeway') return yield* readCauseway(source.value, now);
	if (source.kind === 'json' && (format === 'cytoscape' || format === 'jgf')) {
		const ours = markedAsOurs(source.value, format);
		const strict = format === 'cytoscape' ? readCytoscape(source.value, now) : readJgf(source.value, now);
		if (ours) return yield* strict;
		if (!options.map && options.graph === undefined && !(Array.isArray(source.value.graphs) && source.value.graphs.length > 1)) {
			try {
				return yield* strict;
			} catch (err) {
				if (!(err instanceof DomainError) || err instanceof OverCap) throw err;
			}
		}
	}
	const table = foreignTable(source, format, options.graph);
	yield;
	return yield* applyMappingSteps(table, chosenMapping(table, options.map), { current: options.current, now });
}

/** Reads an opened file as `format`, validated whole; meta missing from other formats is stamped `now`. */
export function readImport(source: ImportSource, format: ImportFormat, now: string, options: ReadOptions = {}): ImportedDocument {
	return runAtOnce(readImportSteps(source, format, now, options));
}

/**
 * A file to import (bytes or text), read and validated whole: the format from the content (or
 * `format`), every entity checked, ids unique. Throws a DomainError with the path of each problem
 * in the file: invalid (400) for what is malformed, conflict (409) for duplicate ids. References
 * between entities are checked against the document the file goes into (planImport).
 */
export function parseImport(input: Uint8Array | string, options: OpenOptions & ReadOptions & { format?: ImportFormat; now?: string } = {}): ImportedDocument {
	const source = openImport(input, options);
	return readImport(source, formatOf(source, options.format), options.now ?? new Date().toISOString(), options);
}
