/**
 * What a file is, told from its content rather than its name or media type: the bytes' signature
 * (zip, Excel's old format, PDF…), what a zip holds, the root element of XML, the shape of JSON,
 * the header of CSV. Formats Causeway does not read are named in the refusal, with what to do.
 */
import { problem } from './common';
import { unzipNames } from './zip';
import { rootName } from './xml';

/** The refusal for a format Causeway cannot import, naming it and the way round. */
const unsupported = (what: string) => problem('(file)', what);

const OFFICE: [RegExp, string][] = [
	[/^xl\//, 'this looks like an Excel file (.xlsx): save it as CSV (File › Save As › CSV UTF-8) and import that'],
	[/^word\//, 'this looks like a Word document (.docx), which holds no timeline Causeway can read: put the events in a spreadsheet and save it as CSV'],
	[/^ppt\//, 'this looks like a PowerPoint file (.pptx): Causeway imports CSV, GraphML, Cytoscape JSON, JGF and TimelineJS']
];

/** Refuses a zip that is an office document (they are all zips), by what it holds. */
export function checkZipIsNoOfficeFile(bytes: Uint8Array): void {
	const names = unzipNames(bytes);
	for (const [pattern, message] of OFFICE) if (names.some((n) => pattern.test(n))) throw unsupported(message);
	if (names.includes('mimetype') && names.includes('content.xml')) {
		throw unsupported('this looks like an OpenDocument file (.ods, .odt): save it as CSV and import that');
	}
	if (!names.some((n) => n.toLowerCase().endsWith('.csv'))) throw unsupported('a zip without CSV files: Causeway imports a zip of CSV files (its own export, or one CSV of events and one of links)');
}

/** Refuses bytes that are a known binary format, by their signature. */
export function checkNoBinaryFormat(bytes: Uint8Array): void {
	const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
	if (starts(0xd0, 0xcf, 0x11, 0xe0)) throw unsupported('this looks like an Excel 97–2003 file (.xls): save it as CSV and import that');
	if (starts(0x25, 0x50, 0x44, 0x46)) throw unsupported('this is a PDF: Causeway imports CSV, GraphML, Cytoscape JSON, JGF and TimelineJS');
	if (starts(0x1f, 0x8b)) throw unsupported('this is a gzip archive: unpack it first');
	if (starts(0x53, 0x51, 0x4c, 0x69, 0x74, 0x65)) throw unsupported('this is an SQLite database: export the tables as CSV');
}

/** What a text file is, by its first characters: JSON, XML (GraphML only), or CSV; other graph formats are named. */
export function textKind(text: string): 'json' | 'graphml' | 'csv' {
	const head = text.trimStart().slice(0, 512);
	if (head.startsWith('%PDF')) throw unsupported('this is a PDF: Causeway imports CSV, GraphML, Cytoscape JSON, JGF and TimelineJS');
	if (head.startsWith('{') || head.startsWith('[')) return 'json';
	if (head.startsWith('<')) {
		const root = rootName(text);
		if (root === null) throw unsupported('this starts like XML but has no element');
		const local = root.replace(/^.*:/, '').toLowerCase();
		if (local === 'graphml') return 'graphml';
		if (local === 'gexf') throw unsupported('GEXF (Gephi) is not supported: in Gephi, export as GraphML (File › Export › Graph file… › GraphML) and import that');
		if (local === 'graph' && /cytoscape|xgmml/i.test(head)) throw unsupported('XGMML is not supported: in Cytoscape, export the network as Cytoscape JSON (.cyjs)');
		if (local === 'html' || /^<!doctype html/i.test(head)) throw unsupported('this is a web page (HTML), not data: download the data file itself');
		if (local === 'svg') throw unsupported('this is a picture (SVG), not data');
		if (local === 'workbook') throw unsupported('this looks like an Excel XML spreadsheet: save it as CSV and import that');
		throw unsupported(`XML with the root element <${root}>: the only XML Causeway imports is GraphML (<graphml>)`);
	}
	if (/^(strict\s+)?(di)?graph\s*[\w"]*\s*\{/i.test(head)) throw unsupported('Graphviz DOT is not supported: save the graph as GraphML (networkx: nx.write_graphml) and import that');
	if (/^(creator\s+"[^"]*"\s*)?graph\s*\[/i.test(head)) throw unsupported('GML is not supported: save the graph as GraphML and import that');
	if (/^\*vertices/i.test(head)) throw unsupported('Pajek .net is not supported: save the graph as GraphML and import that');
	return 'csv';
}
