import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { makeChain } from '$lib/test-data/factories';
import { EXPORT_FORMATS, exportDocument, parseImport, selectEvents } from './index';
import { exportQuery, importQuery } from './query';

const doc = makeChain();
const now = new Date('2026-11-21T23:59:00.000Z');

function refusal(run: () => unknown): DomainError {
	try {
		run();
	} catch (err) {
		if (err instanceof DomainError) return err;
		throw err;
	}
	throw new Error('expected a DomainError');
}

describe('exportDocument', () => {
	it('names every file after the title and the date, with a type for each format', () => {
		const files = EXPORT_FORMATS.map((f) => exportDocument({ ...doc, title: 'Kursk: the offensive' }, f, { now }));
		expect(files.map((f) => f.filename)).toEqual([
			'causeway-kursk-the-offensive-2026-11-21.json',
			'causeway-kursk-the-offensive-2026-11-21.cyjs',
			'causeway-kursk-the-offensive-2026-11-21.jgf.json',
			'causeway-kursk-the-offensive-2026-11-21.graphml',
			'causeway-kursk-the-offensive-2026-11-21-csv.zip',
			'causeway-kursk-the-offensive-2026-11-21-timelinejs.json'
		]);
		expect(files.map((f) => f.contentType.split(';')[0])).toEqual(['application/json', 'application/json', 'application/json', 'application/graphml+xml', 'application/zip', 'application/json']);
		expect(exportDocument({ ...doc, title: 'Курск' }, 'causeway', { now }).filename).toBe('causeway-2026-11-21.json');
	});

	it('exports what is shown: the events asked for, the links between them, the actors and sources they name', () => {
		const part = selectEvents(doc, ['a', 'b', 'gone']);
		expect(part.events.map((e) => e.id)).toEqual(['a', 'b']);
		expect(part.links.map((l) => l.id)).toEqual(['ab']);
		expect(part.actors.map((a) => a.id)).toEqual(['ukraine']);
		expect(part.sources.map((s) => s.id)).toEqual(['src-1']);
		expect(selectEvents(doc, ['c'])).toMatchObject({ links: [], actors: [], sources: [] });
		const file = JSON.parse(exportDocument(doc, 'causeway', { ids: ['b', 'c'] }).body as string);
		expect([file.events.length, file.links.length]).toEqual([2, 1]);
	});
});

describe('parseImport', () => {
	it('tells the format from the content', () => {
		for (const format of ['causeway', 'cytoscape', 'jgf', 'csv'] as const) {
			const body = exportDocument(doc, format).body;
			expect(parseImport(typeof body === 'string' ? new TextEncoder().encode(body) : body).format).toBe(format);
		}
	});

	it('refuses what it cannot read, saying why', () => {
		expect(refusal(() => parseImport('{"title": "x",')).message).toMatch(/^\(file\): not valid JSON/);
		expect(refusal(() => parseImport('[1, 2]')).message).toMatch(/^\(file\): expected a JSON object/);
		expect(refusal(() => parseImport('{"format": "gexf"}')).message).toMatch(/^\(file\): unknown format \(format "gexf"\)/);
		expect(refusal(() => parseImport('{"nodes": []}')).message).toMatch(/^\(file\): unknown format: expected/);
		expect(refusal(() => parseImport(new Uint8Array([0x7b, 0xff, 0x7d]))).message).toBe('(file): not UTF-8 text');
		expect(refusal(() => parseImport('  ')).message).toBe('(file): the file is empty');
		expect(refusal(() => parseImport(exportDocument(doc, 'cytoscape').body as string, { format: 'jgf' })).message).toBe('format: the file looks like cytoscape, not jgf');
	});

	it('insists that a zip comes as application/zip and JSON as application/json', () => {
		const zip = exportDocument(doc, 'csv').body as Uint8Array;
		expect(refusal(() => parseImport(zip, { mediaType: 'application/json' })).message).toBe('(file): this is a zip archive: send it as application/zip');
		expect(refusal(() => parseImport('{}', { mediaType: 'application/zip' })).message).toBe('(file): not a zip archive');
	});
});

describe('query strings', () => {
	it('export: format (default causeway) and ids', () => {
		expect(exportQuery(new URLSearchParams(''))).toEqual({ format: 'causeway' });
		expect(exportQuery(new URLSearchParams('format=jgf&ids=a,b&ids=c'))).toEqual({ format: 'jgf', ids: ['a', 'b', 'c'] });
		expect(() => exportQuery(new URLSearchParams('format=pdf'))).toThrow(/^format: unknown format "pdf"/);
		expect(() => exportQuery(new URLSearchParams('ids=../etc'))).toThrow(/^ids: not an id/);
	});

	it('import: mode, dryRun and format; a misspelt parameter is refused, never ignored', () => {
		expect(importQuery(new URLSearchParams(''))).toEqual({ mode: 'merge', dryRun: false });
		expect(importQuery(new URLSearchParams('mode=replace&dryRun=true&format=csv'))).toEqual({ mode: 'replace', dryRun: true, format: 'csv' });
		expect(() => importQuery(new URLSearchParams('dryrun=true'))).toThrow(/^dryrun: unknown query parameter/);
		expect(() => importQuery(new URLSearchParams('mode=overwrite'))).toThrow(/^mode: use merge or replace/);
		expect(() => importQuery(new URLSearchParams('format=gexf'))).toThrow(/^format: cannot import "gexf"/);
		expect(importQuery(new URLSearchParams('map=title%3DHeadline%2Ckind%3D&graph=1&skipInvalid=true'))).toEqual({ mode: 'merge', dryRun: false, map: { title: 'Headline', kind: null }, graph: 1, skipInvalid: true });
		expect(() => importQuery(new URLSearchParams('graph=first'))).toThrow(/^graph: the number of a graph/);
		expect(() => importQuery(new URLSearchParams('skipInvalid=yes'))).toThrow(/^skipInvalid: use true or false/);
	});
});
