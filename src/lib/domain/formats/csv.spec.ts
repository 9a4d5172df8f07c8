import { strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document';
import { DomainError } from '../errors';
import { makeDocument, makeEvent, makeLink, makeSource } from '$lib/test-data/factories';
import { parseCsv, toCsv } from './csv-codec';
import { exportDocument, parseImport, planImport } from './index';

const kursk = parseDocument(JSON.parse(readFileSync(resolve('data/seed/kursk.json'), 'utf8')));
const zipOf = (doc = kursk) => exportDocument(doc, 'csv').body as Uint8Array;
const files = (zip: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)]));
const zip = (texts: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(texts).map(([n, t]) => [n, strToU8(t)])));

function refusal(run: () => unknown): DomainError {
	try {
		run();
	} catch (err) {
		if (err instanceof DomainError) return err;
		throw err;
	}
	throw new Error('expected a DomainError');
}

describe('CSV codec (RFC 4180)', () => {
	it('quotes what needs quoting and reads it back: a comma, a quote and a newline survive', () => {
		const rows = [
			['id', 'text'],
			['a', 'plain'],
			['b', 'comma, "quote" and\r\na newline\nand LF'],
			['c', '']
		];
		const csv = toCsv(rows);
		expect(csv).toBe('id,text\r\na,plain\r\nb,"comma, ""quote"" and\r\na newline\nand LF"\r\nc,\r\n');
		expect(parseCsv(csv)).toEqual(rows);
	});

	it('takes LF line ends, no final line end, and skips empty lines', () => {
		expect(parseCsv('a,b\n1,2\n\n3,4')).toEqual([
			['a', 'b'],
			['1', '2'],
			['3', '4']
		]);
	});

	it('refuses broken quoting with the line it is on', () => {
		expect(() => parseCsv('a,b\n1,"open\n')).toThrow(/not closed/);
		expect(() => parseCsv('a,b\n1,x"y"\n')).toThrow(/quote inside an unquoted field/);
	});
});

describe('csv format', () => {
	it('is a zip of CSV files with a header and one row per entity', () => {
		const f = files(zipOf());
		expect(Object.keys(f).sort()).toEqual(['actors.csv', 'citations.csv', 'claims.csv', 'document.csv', 'events.csv', 'links.csv', 'sources.csv']);
		const events = parseCsv(f['events.csv'].slice(1));
		expect(f['events.csv'].charCodeAt(0)).toBe(0xfeff);
		expect(events[0]).toEqual(['id', 'title', 'start', 'end', 'approximate', 'kind', 'actorIds', 'tags', 'sourceIds', 'location', 'lat', 'lon', 'description', 'externalId', 'revision', 'createdAt', 'updatedAt']);
		expect(events).toHaveLength(kursk.events.length + 1);
		expect(parseCsv(f['links.csv'].slice(1))).toHaveLength(kursk.links.length + 1);
		const first = kursk.events[0];
		expect(events[1].slice(0, 3)).toEqual([first.id, first.title, first.start]);
		expect(events[1][6]).toBe(first.actorIds.join(';'));
	});

	it('round-trips whole, citation quotes included', () => {
		const imported = parseImport(zipOf());
		expect(imported.format).toBe('csv');
		const plan = planImport(kursk, imported, { mode: 'replace', now: '2027-01-01T00:00:00.000Z' });
		expect(Object.values(plan.summary).every((s) => s.added + s.updated + s.removed === 0)).toBe(true);
	});

	it('keeps hostile text as text: formulas are defused for spreadsheets and restored on import', () => {
		const doc = makeDocument({
			sources: [makeSource('s')],
			events: [
				makeEvent('a', { title: '=HYPERLINK("http://evil","click")', description: 'comma, "quote"\nnewline', tags: ['-1', 'a;b', 'c\\d'] }),
				makeEvent('b', { title: "'=already quoted", location: { name: '@home', lat: -12.5, lon: 30 }, sources: [{ sourceId: 's', quote: '+quote, with "all"\nof it' }] })
			],
			links: [makeLink('ab', 'a', 'b', { note: '@note' })]
		});
		const f = files(zipOf(doc));
		expect(f['events.csv']).toContain(`'=HYPERLINK(""http://evil"",""click"")`);
		expect(f['events.csv']).toContain(',-12.5,30,');
		const back = parseImport(zipOf(doc), { now: doc.events[0].createdAt });
		expect(back.document.events).toEqual(doc.events);
		expect(back.document.links).toEqual(doc.links);
	});

	it('reads rows from spreadsheets: filled-in defaults, booleans as people write them, problems by row and column', () => {
		const events = 'id,title,start,kind,approximate\r\nx,X,2024-05,other,TRUE\r\ny,Y,2024-13,other,\r\n';
		const err = refusal(() => parseImport(zip({ 'events.csv': events })));
		expect(err.code).toBe('invalid');
		expect(err.issues).toEqual([{ path: 'events.csv row 3, column start', message: expect.stringMatching(/^not a date/) }]);
		const ok = parseImport(zip({ 'folder/events.csv': events.replace('2024-13', '2024-12'), '__MACOSX/._events.csv': 'junk', 'README.txt': 'hi' }));
		expect(ok.collections).toEqual(['events']);
		expect(ok.document.events.map((e) => [e.id, e.approximate, e.actorIds, e.description])).toEqual([
			['x', true, [], ''],
			['y', false, [], '']
		]);
	});

	it('reads a zip of CSV files with columns of its own as a spreadsheet; refuses a zip without CSV, one that is not a zip, and a zip bomb', () => {
		expect(parseImport(zip({ 'events.csv': 'id,title,colour,start\r\nx,X,red,2024\r\n' })).format).toBe('spreadsheet');
		expect(refusal(() => parseImport(zip({ 'other.txt': 'x' }))).message).toMatch(/^\(file\): a zip without CSV files/);
		const broken = zipOf().slice(0, 200);
		expect(refusal(() => parseImport(broken)).message).toMatch(/^\(file\): /);
		const bomb = zipSync({ 'events.csv': new Uint8Array(300 * 1024 * 1024) }, { level: 9 });
		expect(bomb.length).toBeLessThan(1024 * 1024);
		expect(refusal(() => parseImport(bomb)).message).toBe('(file): the zip unpacks to more than the limit of 64 MB');
	});

	it('refuses a quote for a citation the row does not list', () => {
		const err = refusal(() => parseImport(zip({ 'events.csv': 'id,title,start,kind,sourceIds\r\nx,X,2024,other,\r\n', 'citations.csv': 'collection,id,sourceId,quote\r\nevents,x,s,q\r\n' })));
		expect(err.issues).toEqual([{ path: 'citations.csv row 2', message: expect.stringMatching(/no such citation/) }]);
	});
});
