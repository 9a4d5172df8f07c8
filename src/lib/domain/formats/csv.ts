/**
 * CSV for spreadsheets: a zip of events.csv, links.csv, actors.csv, sources.csv, claims.csv and citations.csv
 * (the quotes of citations, one row each; the `sourceIds` columns list the citations themselves).
 * Lists are joined with ";" (a ";" or "\" inside a tag is escaped with "\"). Each file starts with
 * a byte order mark, which Excel needs to read UTF-8.
 *
 * Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a "'"
 * in front, as OWASP advises against CSV injection; reading strips exactly that "'" again, so the
 * text comes back as it was. Ids, dates and numbers are never touched.
 *
 * A zip may hold any of the files: the collections it has are the ones an import describes.
 */
import { formatPath, type Issue } from '../errors';
import type { CausewayDocument, CollectionName } from '../schema';
import { assemble, checkedTitle, decodeText, problem, problems, validateEntities, type LocatedCollections } from './common';
import { csvRecords, CsvSyntaxError, parseCsv, toCsv, TooManyRows } from './csv-codec';
import type { Steps } from '../steps';
import { CITATION_ROWS, count, enough, IMPORT_CAPS, overCap } from './limits';
import { unzipCapped, zipFiles } from './zip';
import type { ImportedDocument, Locator } from './types';

type Row = Record<string, unknown>;

interface Column {
	name: string;
	/** The cell of an entity. */
	write(x: Row): string;
	/** The cell back into fields of the entity; an empty cell leaves an optional field out. */
	read(cell: string, into: Row): void;
	/** Top-level model fields whose problems this column answers for. */
	fields: string[];
}

const RISKY = /^'*[=+\-@\t\r]/;
const formulaSafe = (s: string) => (RISKY.test(s) ? `'${s}` : s);
const formulaRestored = (s: string) => (/^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

const joinList = (xs: string[]) => xs.map((x) => x.replaceAll('\\', '\\\\').replaceAll(';', '\\;')).join(';');
function splitList(cell: string): string[] {
	const out: string[] = [];
	let item = '';
	for (let i = 0; i < cell.length; i++) {
		if (cell[i] === '\\' && i + 1 < cell.length) item += cell[++i];
		else if (cell[i] === ';') (out.push(item.trim()), (item = ''));
		else item += cell[i];
	}
	out.push(item.trim());
	return out.filter(Boolean);
}

const field = (name: string) => (x: Row) => (x[name] === undefined ? '' : String(x[name]));
const column = (name: string, c: Partial<Column> = {}): Column => ({
	name,
	write: field(name),
	read: (cell, into) => void (cell !== '' && (into[name] = cell)),
	fields: [name],
	...c
});
const text = (name: string, optional = false): Column =>
	column(name, {
		write: (x) => formulaSafe(x[name] === undefined ? '' : String(x[name])),
		read: (cell, into) => void ((cell !== '' || !optional) && (into[name] = formulaRestored(cell)))
	});
const BOOLEANS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };
const boolean = (name: string) =>
	column(name, { read: (cell, into) => void (cell !== '' && (into[name] = BOOLEANS[cell.trim().toLowerCase()] ?? cell)) });
const list = (name: string, escaped = false) =>
	column(name, {
		write: (x) => (escaped ? formulaSafe(joinList(x[name] as string[])) : (x[name] as string[]).join(';')),
		read: (cell, into) => void (into[name] = splitList(escaped ? formulaRestored(cell) : cell))
	});
const citations = column('sourceIds', {
	write: (x) => (x.sources as { sourceId: string }[]).map((s) => s.sourceId).join(';'),
	read: (cell, into) => void (into.sources = splitList(cell).map((sourceId) => ({ sourceId }))),
	fields: ['sources']
});
const coordinate = (name: 'lat' | 'lon'): Column => ({
	name,
	write: (x) => String((x.location as Row | undefined)?.[name] ?? ''),
	read: (cell, into) => {
		if (cell === '') return;
		const n = Number(cell.trim());
		into.location = { ...(into.location as Row), [name]: cell.trim() !== '' && Number.isFinite(n) ? n : cell };
	},
	fields: []
});
const locationName: Column = {
	name: 'location',
	write: (x) => formulaSafe(String((x.location as Row | undefined)?.name ?? '')),
	read: (cell, into) => void (cell !== '' && (into.location = { ...(into.location as Row), name: formulaRestored(cell) })),
	fields: ['location']
};

// Revision and timestamps last: a spreadsheet user reads the content first. Kept so that an
// export imported again (into an empty document, say) keeps each entity's history as it was.
const META_COLUMNS: Column[] = [
	column('revision', { read: (cell, into) => void (cell.trim() !== '' && (into.revision = /^\d+$/.test(cell.trim()) ? Number(cell.trim()) : cell)) }),
	column('createdAt'),
	column('updatedAt')
];

const COLUMNS: Record<CollectionName, Column[]> = {
	events: [
		column('id'),
		text('title'),
		column('start'),
		column('end'),
		boolean('approximate'),
		column('kind'),
		list('actorIds'),
		list('tags', true),
		citations,
		locationName,
		coordinate('lat'),
		coordinate('lon'),
		text('description'),
		text('externalId', true),
		...META_COLUMNS
	],
	links: [column('id'), column('from'), column('to'), column('relation'), column('confidence'), citations, text('note'), text('externalId', true), ...META_COLUMNS],
	actors: [column('id'), text('name'), column('kind'), text('side', true), column('color'), text('description'), ...META_COLUMNS],
	claims: [
		column('id'),
		column('aboutCollection', {
			write: (x) => String((x.about as Row | undefined)?.collection ?? ''),
			read: (cell, into) => void (into.about = { ...(into.about as Row), collection: cell }),
			fields: ['about']
		}),
		column('aboutId', {
			write: (x) => String((x.about as Row | undefined)?.id ?? ''),
			read: (cell, into) => void (into.about = { ...(into.about as Row), id: cell }),
			fields: []
		}),
		text('property'),
		text('value'),
		column('amount', {
			write: (x) => String((x.quantity as Row | undefined)?.amount ?? ''),
			read: (cell, into) => {
				if (cell.trim() === '') return;
				const n = Number(cell.trim());
				into.quantity = { ...(into.quantity as Row), amount: Number.isFinite(n) ? n : cell };
			},
			fields: ['quantity']
		}),
		column('unit', {
			write: (x) => formulaSafe(String((x.quantity as Row | undefined)?.unit ?? '')),
			read: (cell, into) => void (cell !== '' && (into.quantity = { ...(into.quantity as Row), unit: formulaRestored(cell) })),
			fields: []
		}),
		column('date'),
		citations,
		text('note'),
		...META_COLUMNS
	],
	sources: [
		column('id'),
		text('title'),
		text('publisher'),
		text('author'),
		column('url'),
		column('publishedAt'),
		column('reliability'),
		text('notes'),
		...META_COLUMNS
	]
};
/** document.csv: one row, the document's own fields. */
const DOCUMENT_COLUMNS = ['title', 'schemaVersion', 'exportedAt'];
const CITATION_COLUMNS = ['collection', 'id', 'sourceId', 'quote'];
const FILES = ['events', 'links', 'actors', 'sources', 'claims'] as const;

/** The document as a zip of CSV files. */
export function exportCsv(doc: CausewayDocument, now: Date): Uint8Array<ArrayBuffer> {
	const files: Record<string, string> = {};
	for (const c of FILES) {
		const rows = (doc[c] as unknown as Row[]).map((x) => COLUMNS[c].map((col) => col.write(x)));
		files[`${c}.csv`] = '\uFEFF' + toCsv([COLUMNS[c].map((col) => col.name), ...rows]);
	}
	const quoted: string[][] = [];
	for (const c of ['events', 'links', 'claims'] as const) {
		for (const item of doc[c]) for (const s of item.sources) if (s.quote !== undefined) quoted.push([c, item.id, s.sourceId, formulaSafe(s.quote)]);
	}
	files['citations.csv'] = '\uFEFF' + toCsv([CITATION_COLUMNS, ...quoted]);
	files['document.csv'] = '\uFEFF' + toCsv([DOCUMENT_COLUMNS, [formulaSafe(doc.title), String(doc.schemaVersion), now.toISOString()]]);
	return zipFiles(files, now);
}

function locator(file: string, row: number, columns: Column[], quoteRows: number[]): Locator {
	return (path) => {
		const [head, index, sub] = path;
		if (head === 'sources' && sub === 'quote' && typeof index === 'number' && quoteRows[index]) {
			return `citations.csv row ${quoteRows[index]}, column quote`;
		}
		if (head === 'location' && (index === 'lat' || index === 'lon')) return `${file} row ${row}, column ${index}`;
		const col = columns.find((c) => c.fields.includes(String(head)));
		return col ? `${file} row ${row}, column ${col.name}` : formatPath(path, `${file} row ${row}`);
	};
}

/** Reads one CSV file of the zip; `cap` names the collection whose cap bounds its rows (none: citations.csv). */
function readTable(name: string, bytes: Uint8Array, cap?: CollectionName) {
	try {
		// The header row is one more.
		return csvRecords(parseCsv(decodeText(bytes, name), (cap ? IMPORT_CAPS[cap] : CITATION_ROWS) + 1));
	} catch (err) {
		if (err instanceof CsvSyntaxError) throw problem(`${name} ${err.where}`, err.message);
		if (err instanceof TooManyRows) {
			if (cap) throw overCap(cap, name);
			throw problem(name, `the file holds more than ${count(CITATION_ROWS)} rows; an import takes at most that many`);
		}
		throw err;
	}
}

function checkColumns(name: string, present: string[], known: string[], needsId = true) {
	const unknown = present.filter((c) => !known.includes(c));
	if (unknown.length) throw problem(`${name}, column ${JSON.stringify(unknown[0])}`, `unknown column; the columns are ${known.join(', ')}`);
	if (needsId && !present.includes('id')) throw problem(name, 'there is no "id" column');
}

const OWN_FILES = new Set([...FILES.map((c) => `${c}.csv`), 'citations.csv', 'document.csv']);

/**
 * True when a zip's CSV files are Causeway's own (named and with columns as the export writes
 * them); anything else is a spreadsheet for the mapping step.
 */
export function isOwnCsvZip(files: ReadonlyMap<string, Uint8Array>): boolean {
	for (const [name, bytes] of files) {
		if (!OWN_FILES.has(name)) return false;
		const c = name.slice(0, -4);
		const known = c === 'citations' ? CITATION_COLUMNS : c === 'document' ? DOCUMENT_COLUMNS : COLUMNS[c as CollectionName].map((col) => col.name);
		const firstLine = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
		let header: string[];
		try {
			header = parseCsv(firstLine)[0] ?? [];
		} catch {
			return false;
		}
		if (!header.every((h) => known.includes(h))) return false;
	}
	return files.size > 0;
}

/** The title document.csv gives, if the zip has one. */
function documentTitle(bytes: Uint8Array | undefined): string | undefined {
	if (!bytes) return undefined;
	const table = readTable('document.csv', bytes);
	checkColumns('document.csv', table.columns, DOCUMENT_COLUMNS, false);
	const title = table.records[0]?.values.get('title');
	return title === undefined ? undefined : checkedTitle(formulaRestored(title), 'document.csv row 2, column title');
}

/** Reads a zip of CSV files: the collections it has files for, with quotes from citations.csv. */
export function* readCsvZip(bytes: Uint8Array, now: string): Steps<ImportedDocument> {
	const files = unzipCapped(bytes);
	const issues: Issue[] = [];
	const raw: Record<CollectionName, { value: Row; at: Locator }[]> = { events: [], actors: [], links: [], sources: [], claims: [] };
	const collections = FILES.filter((c) => files.has(`${c}.csv`));
	if (!collections.length) throw problem('(file)', `the zip holds none of ${FILES.map((c) => `${c}.csv`).join(', ')}`);

	const quotes = new Map<string, { quote: string; row: number }[]>();
	const citationsCsv = files.get('citations.csv');
	if (citationsCsv) {
		const table = readTable('citations.csv', citationsCsv);
		checkColumns('citations.csv', table.columns, CITATION_COLUMNS);
		for (const { row, values } of table.records) {
			const key = `${values.get('collection')}\u0000${values.get('id')}\u0000${values.get('sourceId')}`;
			const found = { quote: formulaRestored(values.get('quote') ?? ''), row };
			const list = quotes.get(key);
			if (list) list.push(found);
			else quotes.set(key, [found]);
		}
	}

	for (const c of collections) {
		const name = `${c}.csv`;
		const table = readTable(name, files.get(name)!, c);
		checkColumns(name, table.columns, COLUMNS[c].map((col) => col.name));
		const columns = COLUMNS[c].filter((col) => table.columns.includes(col.name));
		for (const { row, values } of table.records) {
			const value: Row = {};
			for (const col of columns) col.read(values.get(col.name) ?? '', value);
			const quoteRows: number[] = [];
			if (Array.isArray(value.sources)) {
				for (const [i, citation] of (value.sources as Row[]).entries()) {
					const found = quotes.get(`${c}\u0000${value.id}\u0000${citation.sourceId}`)?.shift();
					if (found) (citation.quote = found.quote), (quoteRows[i] = found.row);
				}
			}
			raw[c].push({ value, at: locator(name, row, COLUMNS[c], quoteRows) });
		}
	}
	for (const left of quotes.values()) {
		if (enough(issues)) break;
		for (const { row } of left) issues.push({ path: `citations.csv row ${row}`, message: 'no such citation: the event, link or claim does not list this source in sourceIds' });
	}

	const located = {} as LocatedCollections;
	for (const c of FILES) (located as Record<CollectionName, unknown>)[c] = yield* validateEntities(c, raw[c], now, issues);
	if (issues.length) throw problems('invalid', issues);
	const title = documentTitle(files.get('document.csv'));
	const { document, locate } = assemble(located, { title: title ?? '' });
	return { format: 'csv', ...(title !== undefined && { title }), collections: [...collections], document, locate };
}
