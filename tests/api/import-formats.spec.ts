/**
 * Other tools' files over real HTTP, against the built server and a document that starts empty:
 * formats told from the content and those Causeway cannot read named in the refusal, a dry run
 * answering with the guessed mapping and the first rows, a mapped import refused until the user
 * agrees to leave out what cannot be imported, a second import updating instead of duplicating,
 * Causeway's own Cytoscape and CSV exports going into an empty document, and the command line
 * doing the same with --map.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDocument } from '$lib/domain/document';
import { exportDocument } from '$lib/domain/formats';
import { makeChain } from '$lib/test-data/factories';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let file: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-import-formats-'));
	file = join(dir, 'causeway.json');
	await writeFile(file, JSON.stringify(emptyDocument()));
	server = await startServer({ CAUSEWAY_DATA: file });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

async function post(query: string, body: string | Uint8Array<ArrayBuffer>, type: string) {
	const res = await fetch(`${server.url}/api/import?${query}`, { method: 'POST', headers: { 'content-type': type }, body });
	return { status: res.status, json: await res.json() };
}
const fixture = (name: string) => readFile(join('tests/fixtures', name));
const documentNow = async () => (await fetch(`${server.url}/api/document`)).json();

describe('POST /api/import: formats told from the content', () => {
	it('names the formats it cannot read, and what to do instead', async () => {
		const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
		const cases: [string | Uint8Array<ArrayBuffer>, string, RegExp][] = [
			[xlsx as Uint8Array<ArrayBuffer>, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', /this looks like an Excel file \(\.xlsx\): save it as CSV/],
			['<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3"><graph/></gexf>', 'application/xml', /GEXF \(Gephi\) is not supported: .*GraphML/],
			['digraph G { a -> b }', 'application/octet-stream', /Graphviz DOT is not supported/],
			['<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><graphml><graph/></graphml>', 'application/graphml+xml', /DOCTYPE or entities/],
			[new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'application/vnd.ms-excel', /Excel 97–2003 file \(\.xls\): save it as CSV/]
		];
		for (const [body, type, message] of cases) {
			const { status, json } = await post('mode=merge', body, type);
			expect(status).toBe(400);
			expect(json.error.message).toMatch(message);
		}
		expect((await documentNow()).revision).toBe(0);
	});

	it('a dry run of a TimelineJS template answers with the guessed mapping, the first rows, and what is not an event', async () => {
		const { status, json } = await post('mode=merge&dryRun=true', new Uint8Array(await fixture('timelinejs-template.csv')), 'text/csv');
		expect(status).toBe(200);
		expect(json.format).toBe('timelinejs');
		expect(json.mapped.mapping).toMatchObject({ title: 'Headline', start: 'Year', startMonth: 'Month', startDay: 'Day', end: 'End Year', endMonth: 'End Month', kind: 'Group', description: 'Text' });
		expect(json.mapped.sample.events[0]).toMatchObject({ title: 'Ukrainian forces cross the border', start: '2024-08-06', kind: 'military' });
		expect(json.mapped.sample.events.map((e: { start: string }) => e.start)).toEqual(['2024-08-06', '2024-08', '2024']);
		expect(json.mapped.defaulted).toContain('kind “stalemate” → other');
		expect(json.mapped.skipped).toEqual([expect.objectContaining({ name: 'Autumn 2024', reason: expect.stringMatching(/^an era/) })]);
		expect(json.summary.events.added).toBe(3);
	});
});

describe('POST /api/import: Causeway exports into an empty document', () => {
	it('Cytoscape: no 409 for the actors and sources it does not carry; they come as placeholders, said so', async () => {
		const doc = makeChain();
		const body = exportDocument(doc, 'cytoscape').body as string;
		expect((await documentNow()).events).toEqual([]);
		const { status, json } = await post('mode=merge', body, 'application/json');
		expect(status).toBe(200);
		expect(json.summary.events.added).toBe(doc.events.length);
		expect(json.summary.actors.added).toBe(1);
		expect(json.placeholders.join(' ')).toMatch(/source.*src-1.*added with the id as title/);
	});

	it('CSV: timestamps, revisions and the document title come back as they were', async () => {
		const doc = { ...makeChain(), title: 'Round trip title' };
		const zip = exportDocument(doc, 'csv').body as Uint8Array<ArrayBuffer>;
		const { status } = await post('mode=replace', zip, 'application/zip');
		expect(status).toBe(200);
		const now = await documentNow();
		expect(now.title).toBe('Round trip title');
		for (const e of doc.events) expect(now.events.find((x: { id: string }) => x.id === e.id)).toMatchObject({ createdAt: e.createdAt, updatedAt: e.updatedAt, revision: e.revision });
	});

	it('JGF with two graphs: the dry run lists them, graph=1 chooses the second', async () => {
		const jgf = await fixture('jgf-two-graphs.json');
		const first = await post('mode=merge&dryRun=true', jgf.toString(), 'application/json');
		expect(first.json.mapped.graphs.map((g: { label: string }) => g.label)).toEqual(['Before', 'After']);
		expect(first.json.mapped.graph).toBe(0);
		const second = await post('mode=merge&graph=1', jgf.toString(), 'application/json');
		expect(second.status).toBe(200);
		expect((await documentNow()).events.map((e: { title: string }) => e.title)).toContain('Gamma');
	});
});

describe('POST /api/import: a spreadsheet with a mapping', () => {
	it('is refused, naming what cannot be imported, until the user agrees; a second import updates instead of duplicating', async () => {
		await post('mode=replace', JSON.stringify({ ...emptyDocument(), schemaVersion: 2 }), 'application/json');
		const before = (await documentNow()).revision;
		const sheet = new Uint8Array(await fixture('spreadsheet-events.csv'));
		const refused = await post('mode=merge', sheet, 'text/csv');
		expect(refused.status).toBe(400);
		expect(refused.json.error.issues).toContainEqual({ path: 'row 5', message: '“Undated rumour” cannot be imported: no date' });
		expect((await documentNow()).revision).toBe(before);

		const map = encodeURIComponent('kind=,id=Ref');
		const done = await post(`mode=merge&skipInvalid=true&map=${map}`, sheet, 'text/csv');
		expect(done.status).toBe(200);
		expect(done.json.mapped.mapping).toMatchObject({ kind: null, id: 'Ref', title: 'Event' });
		expect(done.json.summary.events.added).toBe(4);
		expect(done.json.summary.actors.added).toBe(3);
		const doc = await documentNow();
		expect(doc.events.map((e: { title: string; kind: string; id: string }) => [e.title, e.kind, e.id]).sort()).toEqual([
			['Border crossing', 'other', 'e1'],
			['Evacuation', 'other', 'e3'],
			['Talks in Doha', 'other', 'e2'],
			['Winter', 'other', 'e5']
		]);
		const again = await post(`mode=merge&skipInvalid=true&map=${map}`, sheet, 'text/csv');
		expect(again.json.summary.events).toMatchObject({ added: 0, unchanged: 4 });
		expect((await documentNow()).events).toHaveLength(4);
	});

	it('refuses a mapping to a column the file does not have, or to no known field', async () => {
		const sheet = new Uint8Array(await fixture('spreadsheet-events.csv'));
		const missing = await post(`mode=merge&dryRun=true&map=${encodeURIComponent('title=Headline')}`, sheet, 'text/csv');
		expect(missing.json.problems[0].message).toMatch(/title=Headline: the file has no such column \(it has "Event", "Date"/);
		const unknown = await post(`mode=merge&map=${encodeURIComponent('colour=Type')}`, sheet, 'text/csv');
		expect(unknown.status).toBe(400);
		expect(unknown.json.error.message).toMatch(/^map: unknown target "colour"/);
	});
});

describe('npm run import with a mapping', () => {
	const cli = (args: string[], env: Record<string, string>) =>
		spawnSync(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), '--tsconfig', 'scripts/cli/tsconfig.paths.json', 'scripts/cli/import.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

	it('prints the mapping it used, what it defaulted and left out, and imports two sheets with --links and --skip-invalid', async () => {
		const data = join(dir, 'cli.json');
		const events = resolve('tests/fixtures/spreadsheet-events.csv');
		const links = resolve('tests/fixtures/spreadsheet-links.csv');
		const refused = cli([events, '--links', links, '--map', 'kind=,id=Ref'], { CAUSEWAY_DATA: data });
		expect(refused.status).toBe(1);
		expect(refused.stdout).toContain('Mapping used: --map id=Ref,title=Event,start=Date,actors=Who,description=Notes,source=Cause,target=Effect,relation=Relationship,confidence=Confidence');
		expect(refused.stdout).toContain('defaulted: no kind column: every event is “other”');
		expect(refused.stdout).toContain('left out: “Undated rumour” (spreadsheet-events.csv row 5): no date');
		const done = cli([events, '--links', links, '--map', 'kind=,id=Ref', '--skip-invalid'], { CAUSEWAY_DATA: data });
		expect(done.status, done.stderr).toBe(0);
		expect(done.stdout).toMatch(/events +4 added/);
		expect(done.stdout).toMatch(/links +2 added/);
		const written = JSON.parse(await readFile(data, 'utf8'));
		expect(written.events.map((e: { id: string }) => e.id).sort()).toEqual(['e1', 'e2', 'e3', 'e5']);
		const graph = cli([resolve('tests/fixtures/jgf-two-graphs.json'), '--graph', '1', '--dry-run'], { CAUSEWAY_DATA: data });
		expect(graph.stdout).toContain('* 1: After (1 nodes, 0 edges)');
		expect(cli([events, '--map', 'colour=Type'], { CAUSEWAY_DATA: data }).stderr).toMatch(/--map: unknown target "colour"/);
	});
});
