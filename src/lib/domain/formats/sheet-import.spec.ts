/**
 * Timelines and spreadsheets: TimelineJS's template saved as CSV and its JSON, a spreadsheet as
 * people keep one (a byte order mark, semicolons, a quoted line break) with a sheet of links, our
 * own CSV zip keeping timestamps and the title; and the formats Causeway cannot read, named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../document';
import { makeActor, makeChain, makeDocument, makeLink } from '$lib/test-data/factories';
import { exportDocument, parseImport, planImport } from './index';
import { zipFiles } from './zip';

const NOW = '2027-01-01T00:00:00.000Z';
const fixture = (name: string) => new Uint8Array(readFileSync(join('tests/fixtures', name)));

describe('TimelineJS', () => {
	it('reads its spreadsheet template: year, month and day columns at their precision, the title row, eras named as no events', () => {
		const imported = parseImport(fixture('timelinejs-template.csv'), { now: NOW });
		expect(imported.format).toBe('timelinejs');
		expect(imported.title).toBe('The Kursk incursion');
		expect(imported.document.events.map((e) => [e.title, e.start, e.end, e.kind]).sort()).toEqual([
			['A long winter', '2024', '2025-03', 'other'],
			['Evacuations in the region', '2024-08', undefined, 'humanitarian'],
			['Ukrainian forces cross the border', '2024-08-06', undefined, 'military']
		]);
		const crossing = imported.document.events.find((e) => e.start === '2024-08-06')!;
		expect(crossing.description).toBe('Troops cross near Sudzha.\n\nSecond paragraph & more.');
		expect(imported.mapped?.defaulted).toEqual(['kind “stalemate” → other']);
		expect(imported.mapped?.skipped).toEqual([{ collection: 'events', name: 'Autumn 2024', where: 'row 6', reason: 'an era (a span shown behind the timeline), not an event' }]);
	});

	it('Causeway → TimelineJS JSON → Causeway keeps the title, dates at their precision, kinds and descriptions (not its own "Led to" and "Sources" lines)', () => {
		const doc = { ...makeChain(), title: 'Story <1>' };
		doc.events = doc.events.map((e, i) => ({ ...e, description: i === 0 ? 'First & <second>\n\nThird' : '' }));
		const imported = parseImport(exportDocument(doc, 'timelinejs').body as string, { current: doc, now: NOW });
		expect(imported.format).toBe('timelinejs');
		expect(imported.title).toBe('Story <1>');
		const shape = (d: typeof doc) => d.events.map((e) => [e.id, e.title, e.start, e.end, e.kind, e.description]);
		expect(shape(imported.document as typeof doc)).toEqual(shape(doc));
		// TimelineJS has no links, actors or sources: a merge over the same document changes nothing.
		expect(planImport(doc, imported, { mode: 'merge', now: NOW }).summary.events).toMatchObject({ added: 0, updated: 0 });
	});
});

describe('spreadsheets', () => {
	it('reads a CSV with a byte order mark, ";" between fields and a line break in a quoted field, dates day first', () => {
		const imported = parseImport(fixture('spreadsheet-events.csv'), { now: NOW });
		expect(imported.format).toBe('spreadsheet');
		const byTitle = new Map(imported.document.events.map((e) => [e.title, e]));
		expect(byTitle.get('Border crossing')).toMatchObject({ start: '2024-08-06', kind: 'military', description: 'Troops cross\nnear Sudzha; many vehicles' });
		expect(byTitle.get('Talks in Doha')).toMatchObject({ start: '2024-08', kind: 'other', description: 'Reported "postponed"' });
		expect(byTitle.get('Winter')).toMatchObject({ start: '2024', approximate: true });
		expect(imported.document.actors.map((a) => a.name).sort()).toEqual(['Qatar', 'Russia', 'Ukraine']);
		expect(imported.mapped?.defaulted).toContain('kind “meeting” → other');
		expect(imported.mapped?.skipped).toEqual([{ collection: 'events', name: 'Undated rumour', where: 'row 5', reason: 'no date' }]);
	});

	it('finds actors already in the document by name, and links from a second sheet by event title', () => {
		const current = makeDocument({ actors: [makeActor('ua', { name: 'Ukraine' })] });
		const zip = zipFiles({ 'events.csv': new TextDecoder().decode(fixture('spreadsheet-events.csv')), 'links.csv': new TextDecoder().decode(fixture('spreadsheet-links.csv')) }, new Date(NOW));
		const imported = parseImport(zip, { now: NOW, current });
		expect(imported.document.events.find((e) => e.title === 'Winter')!.actorIds).toEqual(['ua']);
		const title = (id: string) => imported.document.events.find((e) => e.id === id)!.title;
		expect(imported.document.links.map((l) => [title(l.from), title(l.to), l.relation, l.confidence]).sort()).toEqual([
			['Border crossing', 'Evacuation', 'triggers', 'high'],
			['Border crossing', 'Talks in Doha', 'causes', 'low']
		]);
		expect(imported.mapped?.skipped.map((s) => s.name)).toEqual(['Undated rumour', 'Border crossing → Undated rumour']);
		const plan = planImport(current, imported, { mode: 'merge', now: NOW });
		expect(plan.summary.actors.added).toBe(2);
		// Imported again into the result: updates, no duplicates.
		const again = planImport(plan.document, parseImport(zip, { now: NOW, current: plan.document }), { mode: 'merge', now: NOW });
		expect(again.summary.events).toMatchObject({ added: 0, unchanged: 4 });
		expect(again.summary.links).toMatchObject({ added: 0, unchanged: 2 });
	});

	it('Causeway’s CSV zip keeps revisions, timestamps, externalId and the title into an empty document', () => {
		const doc = { ...makeChain(), title: 'Kept title' };
		doc.events = doc.events.map((e, i) => ({ ...e, revision: i + 3, createdAt: '2025-01-0' + (i + 1) + 'T00:00:00.000Z', updatedAt: '2025-02-01T00:00:00.000Z', ...(i === 0 && { externalId: 'Row 7' }) }));
		doc.links = [makeLink('l', 'a', 'c', { revision: 9, createdAt: '2025-03-01T00:00:00.000Z', updatedAt: '2025-03-02T00:00:00.000Z' })];
		const imported = parseImport(exportDocument(doc, 'csv').body as Uint8Array, { now: NOW });
		expect(imported.title).toBe('Kept title');
		const plan = planImport(emptyDocument(), imported, { mode: 'replace', now: NOW });
		expect(plan.document).toEqual({ ...doc, revision: 0 });
	});
});

describe('formats Causeway cannot import are named', () => {
	it('says what the file is and what to do', () => {
		const office = (names: string[]) => zipSync(Object.fromEntries(names.map((n) => [n, strToU8('<x/>')])));
		expect(() => parseImport(office(['[Content_Types].xml', 'xl/workbook.xml']))).toThrow('(file): this looks like an Excel file (.xlsx): save it as CSV');
		expect(() => parseImport(office(['mimetype', 'content.xml']))).toThrow(/OpenDocument file \(\.ods, \.odt\): save it as CSV/);
		expect(() => parseImport(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).toThrow(/Excel 97–2003 file \(\.xls\)/);
		expect(() => parseImport('%PDF-1.7 ...')).toThrow(/this is a PDF/);
		expect(() => parseImport('<?xml version="1.0"?><gexf version="1.3"/>')).toThrow(/^\(file\): GEXF \(Gephi\) is not supported/);
		expect(() => parseImport('graph [ node [ id 1 ] ]')).toThrow(/GML is not supported/);
		expect(() => parseImport('digraph { a -> b }')).toThrow(/Graphviz DOT is not supported/);
		expect(() => parseImport('<html><body>hi</body></html>')).toThrow(/a web page \(HTML\)/);
		expect(() => parseImport('<rss/>')).toThrow(/XML with the root element <rss>: the only XML Causeway imports is GraphML/);
	});
});

