/** What every format module shares: the names, the options of an export, an imported file. */
import type { CausewayDocument, CollectionName } from '../schema';
import type { MappedImport } from './apply-mapping';

export const EXPORT_FORMATS = ['causeway', 'cytoscape', 'jgf', 'graphml', 'csv', 'timelinejs'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The formats a file can be imported from. csv is Causeway's own zip of CSV files; spreadsheet is
 * any CSV of events (or a zip of one of events and one of links); timelinejs is its JSON or its
 * spreadsheet template saved as CSV.
 */
export const IMPORT_FORMATS = ['causeway', 'cytoscape', 'jgf', 'csv', 'graphml', 'timelinejs', 'spreadsheet'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface Position {
	x: number;
	y: number;
}

export interface ExportOptions {
	/** Only these events ("what is shown"), the links between them, and the actors and sources they name. */
	ids?: readonly string[];
	/** Only what sources published on or before this day (YYYY-MM-DD) support (see knownAsOf); before `ids`. */
	asOf?: string;
	/** Node positions for graph formats (cytoscape), e.g. from the graph view's layout. */
	positions?: ReadonlyMap<string, Position>;
	/** The export's time (file name date, `exportedAt`); default now. */
	now?: Date;
}

/** A file ready to download or write. */
export interface ExportedFile {
	filename: string;
	contentType: string;
	/** Text, or the bytes of a zip (ArrayBuffer-backed, so Response and Blob take them as they are). */
	body: string | Uint8Array<ArrayBuffer>;
}

/** Turns a path inside one imported entity (in model terms, e.g. `['location', 'lat']`) into where that is in the file. */
export type Locator = (path: readonly PropertyKey[]) => string;

/** A file read and validated entity by entity, not yet set against the current document. */
export interface ImportedDocument {
	format: ImportFormat;
	/** The document title the file gives, if it gives one. */
	title?: string;
	/** The collections the file describes: a replace replaces these and keeps the others. */
	collections: CollectionName[];
	/** The file's entities in canonical form (sorted by id), meta filled in where the format has none. */
	document: CausewayDocument;
	/**
	 * Collections of `document` that only come along with the file's entities (actors named by
	 * name in a spreadsheet): each is added when the document lacks it, and never overwrites or removes.
	 */
	alongside?: CollectionName[];
	/** For another tool's file: the mapping step (the mapping used, sample rows, what was defaulted, what is left out). */
	mapped?: MappedImport;
	/** Where the entity with this id sits in the file, e.g. `events[3].start` or `events.csv row 4, column start`. */
	locate(collection: CollectionName, id: string, path?: readonly PropertyKey[]): string;
}
