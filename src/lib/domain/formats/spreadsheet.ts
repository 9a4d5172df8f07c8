/**
 * Spreadsheets saved as CSV — a table of events, and optionally one of links — read into rows
 * for the mapping step. Any delimiter a spreadsheet writes (comma, semicolon, tab), a byte order
 * mark, quoted fields with line breaks in them. Two tables come as a zip of two CSV files: the one
 * whose columns name a source and a target (or a cause and an effect) holds the links.
 */
import { decodeText, problem } from './common';
import { CsvSyntaxError, csvRecords, detectDelimiter, parseCsv, TooManyRows } from './csv-codec';
import { IMPORT_CAPS, overCap } from './limits';
import type { CellValue, ForeignTable, TableRow } from './table';
import { unzipCapped } from './zip';

/** One CSV text as rows, each named `row N` (in a zip, `name row N`) as a spreadsheet counts rows. */
export function csvTable(text: string, name: string | undefined, cap: number): { columns: string[]; rows: TableRow[]; delimiter: string } {
	try {
		const delimiter = detectDelimiter(text);
		const { columns, records } = csvRecords(parseCsv(text, cap + 1, delimiter));
		const header = columns.map((c) => c.trim());
		const rows = records.map(({ row, values }) => {
			const cells: Record<string, CellValue> = {};
			for (const [i, column] of header.entries()) {
				const v = values.get(columns[i]) ?? '';
				// A column named __proto__ would set the row's prototype rather than a cell.
				if (column && column !== '__proto__' && v.trim() !== '') cells[column] = v;
			}
			return { where: name ? `${name} row ${row}` : `row ${row}`, cells };
		});
		return { columns: header.filter(Boolean), rows: rows.filter((r) => Object.keys(r.cells).length), delimiter };
	} catch (err) {
		if (err instanceof CsvSyntaxError) throw problem(`${name ?? '(file)'} ${err.where}`, err.message);
		if (err instanceof TooManyRows) throw overCap('events', name ?? '(file)');
		throw err;
	}
}

const LINKISH = /^(source|target|from|to|cause|effect)(\s*id)?$/i;

/** True when a table's columns name both ends of a link. */
export function isLinkTable(columns: string[]): boolean {
	return columns.filter((c) => LINKISH.test(c.trim())).length >= 2;
}

/** A CSV of events, or (bytes of a zip) one of events and one of links. */
export function readSpreadsheet(input: { text: string } | { zip: Uint8Array }): ForeignTable {
	if ('text' in input) {
		const { columns, rows, delimiter } = csvTable(input.text, undefined, IMPORT_CAPS.events);
		if (isLinkTable(columns)) return { format: 'spreadsheet', rows: [], links: rows, columns: [], linkColumns: columns };
		return { format: 'spreadsheet', rows, links: [], columns, linkColumns: [], dayFirst: delimiter === ';' };
	}
	const files = [...unzipCapped(input.zip)];
	if (!files.length || files.length > 2) throw problem('(file)', `a zip of a spreadsheet holds one CSV of events and at most one of links (this one holds ${files.length} CSV files)`);
	const tables = files.map(([name, bytes]) => ({ name, ...csvTable(decodeText(bytes, name), name, IMPORT_CAPS.links) }));
	const links = tables.find((t) => isLinkTable(t.columns));
	const events = tables.find((t) => t !== links);
	if (events && events.rows.length > IMPORT_CAPS.events) throw overCap('events', events.name, events.rows.length);
	return {
		format: 'spreadsheet',
		rows: events?.rows ?? [],
		links: links?.rows ?? [],
		columns: events?.columns ?? [],
		linkColumns: links?.columns ?? [],
		dayFirst: (events ?? links)?.delimiter === ';'
	};
}
