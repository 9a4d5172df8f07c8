/**
 * Another tool's file, read as far as its shape goes and no further: rows of attributes, one table
 * of things (nodes, slides, spreadsheet rows) and one of links between them. What the attributes
 * mean is decided by the mapping (mapping.ts), which the page, the API and the command line share.
 */

/** An attribute value as other tools write them: text, a number, a yes/no, or a list of texts. */
export type CellValue = string | number | boolean | string[];

export interface TableRow {
	/** Where the row is in the file, for people: `row 4`, `node "Roger Kint"`. */
	where: string;
	/** Attribute name → value; empty cells are left out. A graph's node ids and edge ends are cells too (id, source, target). */
	cells: Record<string, CellValue>;
}

export interface GraphChoice {
	/** The value to choose it by (`graph=` in the API, `--graph` on the command line). */
	index: number;
	id?: string;
	label?: string;
	nodes: number;
	edges: number;
}

/** One file of another tool, as rows. */
export interface ForeignTable {
	format: 'graphml' | 'cytoscape' | 'jgf' | 'timelinejs' | 'spreadsheet';
	/** The document title the file gives, if any. */
	title?: string;
	rows: TableRow[];
	links: TableRow[];
	/** The attribute names of the rows and of the links, in the order the file first gives them. */
	columns: string[];
	linkColumns: string[];
	/** Files holding several graphs (JGF, GraphML): all of them, and which one these rows are from. */
	graphs?: GraphChoice[];
	graph?: number;
	/** Which rows are not events at all (a TimelineJS era), with the reason. */
	notEvents?: { where: string; name: string; reason: string }[];
	/** Dates like 06/08/2024 are day first (a spreadsheet from a locale that writes them so). */
	dayFirst?: boolean;
	/** Mapping a format states outright (TimelineJS's template has fixed column names). */
	preset?: Record<string, string>;
}

/** The columns of `rows` in the order they first appear. */
export function columnsOf(rows: readonly TableRow[]): string[] {
	const seen = new Set<string>();
	for (const r of rows) for (const k of Object.keys(r.cells)) seen.add(k);
	return [...seen];
}

/** A value as text, lists joined with "; ". */
export function cellText(value: CellValue | undefined): string {
	if (value === undefined) return '';
	return Array.isArray(value) ? value.join('; ') : String(value);
}

/** A value kept only when it is one of the kinds of values a cell holds; nested objects are not. */
export function cellOf(value: unknown): CellValue | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'boolean') return value;
	if (Array.isArray(value)) {
		const items = value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
		return items.length ? items : undefined;
	}
	return undefined;
}

/** The cells of a record of attributes (another tool's `data` or `metadata`), nested objects flattened one level as `parent.child`. */
export function cellsOf(record: Record<string, unknown>, into: Record<string, CellValue> = {}, prefix = ''): Record<string, CellValue> {
	for (const [k, v] of Object.entries(record)) {
		if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
			if (!prefix) cellsOf(v as Record<string, unknown>, into, `${k}.`);
			continue;
		}
		const cell = cellOf(v);
		if (cell !== undefined) into[prefix + k] = cell;
	}
	return into;
}
