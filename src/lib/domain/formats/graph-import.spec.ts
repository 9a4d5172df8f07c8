/**
 * Graph files written by the real tools — networkx's GraphML (written inside the test when python3
 * with networkx is here), cytoscape.js's `cy.json()` run headless, JSON Graph Format files in the
 * shape of its examples — read through the mapping step; and Causeway → GraphML / Cytoscape / JGF
 * → Causeway keeping what each format carries.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../document';
import type { CausewayDocument } from '../schema';
import { makeActor, makeChain, makeDocument, makeEvent, makeLink } from '$lib/test-data/factories';
import { exportDocument, parseImport, planImport } from './index';

const NOW = '2027-01-01T00:00:00.000Z';
const hasNetworkx = spawnSync('python3', ['-c', 'import networkx'], { encoding: 'utf8' }).status === 0;
const fixture = (name: string) => readFileSync(join('tests/fixtures', name), 'utf8');

/** What an event is, apart from its id, meta and what the format has no place for. */
const essence = (doc: CausewayDocument) =>
	doc.events.map((e) => ({ title: e.title, start: e.start, end: e.end, kind: e.kind, approximate: e.approximate, actorIds: e.actorIds, tags: e.tags, description: e.description, location: e.location?.name }));

describe('GraphML', () => {
	it.skipIf(!hasNetworkx)('reads a file networkx wrote (nx.write_graphml), attributes guessed by name', () => {
		const dir = mkdtempSync(join(tmpdir(), 'causeway-nx-'));
		try {
			const path = join(dir, 'story.graphml');
			const script = `
import networkx as nx
G = nx.DiGraph(name="Kursk story")
G.add_node(1, label="Border crossed", date="2024-08-06", type="military", actors="Ukraine")
G.add_node(2, label="Evacuation", date="August 2024", type="humanitarian")
G.add_node(3, label="Counter-offensive", date=2025, type="offensive")
G.add_node(4, label="Undated")
G.add_edge(1, 2, relation="triggers", weight=0.9)
G.add_edge(2, 3)
G.add_edge(1, 4)
nx.write_graphml(G, ${JSON.stringify(path)})
`;
			const run = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
			expect(run.status, run.stderr).toBe(0);
			const imported = parseImport(readFileSync(path), { now: NOW });
			expect(imported.format).toBe('graphml');
			expect(imported.title).toBe('Kursk story');
			expect(imported.mapped?.mapping).toMatchObject({ id: 'id', title: 'label', start: 'date', kind: 'type', actors: 'actors', source: 'source', target: 'target', relation: 'relation' });
			const byTitle = new Map(imported.document.events.map((e) => [e.title, e]));
			expect([...byTitle.keys()].sort()).toEqual(['Border crossed', 'Counter-offensive', 'Evacuation']);
			expect(byTitle.get('Border crossed')).toMatchObject({ start: '2024-08-06', kind: 'military', externalId: '1' });
			expect(byTitle.get('Evacuation')).toMatchObject({ start: '2024-08', kind: 'humanitarian' });
			// networkx writes the year as a number: it stays a year.
			expect(byTitle.get('Counter-offensive')).toMatchObject({ start: '2025', kind: 'other' });
			expect(imported.mapped?.defaulted).toContain('kind “offensive” → other');
			expect(imported.mapped?.skipped.map((s) => [s.name, s.reason])).toEqual([
				['Undated', 'no date'],
				['1 → 4', 'no event “4” to link to']
			]);
			expect(imported.document.links.map((l) => l.relation).sort()).toEqual(['causes', 'triggers']);
			expect(imported.document.actors.map((a) => a.name)).toEqual(['Ukraine']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('Causeway → GraphML → Causeway keeps events (title, dates at their precision, kind, actors, tags, place, description) and links (relation, confidence, note)', () => {
		const doc = makeDocument({
			actors: [makeActor('ukraine'), makeActor('russia')],
			events: [
				makeEvent('a', { title: 'A & <b>', start: '2024', end: '2025-03', approximate: true, kind: 'military', actorIds: ['ukraine', 'russia'], tags: ['x', 'y'], description: 'Line one\nline two', location: { name: 'Sudzha', lat: 51.2, lon: 35.3 } }),
				makeEvent('b', { start: '2024-08-06', kind: 'political' })
			],
			links: [makeLink('l1', 'a', 'b', { relation: 'enables', confidence: 'high', note: 'why' })]
		});
		const imported = parseImport(exportDocument(doc, 'graphml').body as string, { current: doc, now: NOW });
		expect(imported.format).toBe('graphml');
		expect(essence(imported.document)).toEqual(essence(doc));
		expect(imported.document.events.map((e) => e.id)).toEqual(['a', 'b']);
		expect(imported.document.links.map((l) => [l.id, l.from, l.to, l.relation, l.confidence, l.note])).toEqual([['l1', 'a', 'b', 'enables', 'high', 'why']]);
		expect(imported.mapped?.skipped).toEqual([]);
		// Lost by GraphML (the README's table says so): citations, coordinates, claims, revisions and timestamps.
		const plan = planImport(doc, imported, { mode: 'merge', now: NOW });
		expect(plan.summary.events).toMatchObject({ added: 0 });
	});

	it('reads a yEd file: the node label from its graphics, attributes by their key names', () => {
		const yed = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d5" attr.name="date" attr.type="string"/>
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="node" id="d7" attr.name="__proto__" attr.type="string"/>
  <graph id="G" edgedefault="directed">
    <node id="n0"><data key="d5">2024-08-06</data><data key="d7">x</data><data key="d6"><y:ShapeNode><y:Geometry height="30" width="30" x="0" y="0"/><y:NodeLabel alignment="center">Crossing &amp; raid</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d5">2024-09</data><data key="d6"><y:ShapeNode><y:NodeLabel>Counter-attack</y:NodeLabel></y:ShapeNode></data></node>
    <edge id="e0" source="n0" target="n1"/>
  </graph>
</graphml>`;
		const imported = parseImport(yed, { now: NOW });
		expect(imported.document.events.map((e) => [e.id, e.title, e.start])).toEqual([
			['n0', 'Crossing & raid', '2024-08-06'],
			['n1', 'Counter-attack', '2024-09']
		]);
		expect(imported.mapped?.columns).toEqual(['id', 'date', 'label']);
		expect(imported.document.links).toHaveLength(1);
	});

	it('gives ids that cannot be Causeway ids as they are (reserved words included) new ids, keeping the original as externalId', () => {
		const graphml = `<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/><key id="d1" for="node" attr.name="date" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="constructor"><data key="d0">First</data><data key="d1">2024</data></node>
    <node id="Roger Kint"><data key="d0">Second</data><data key="d1">2025</data></node>
    <edge source="constructor" target="Roger Kint"/>
  </graph>
</graphml>`;
		const imported = parseImport(graphml, { now: NOW });
		expect(imported.mapped?.skipped).toEqual([]);
		expect(imported.document.events.map((e) => e.externalId)).toEqual(['constructor', 'Roger Kint']);
		expect(imported.document.events.every((e) => e.id !== e.externalId)).toBe(true);
		expect(imported.document.links).toHaveLength(1);
	});

	it('refuses a DOCTYPE (no entity expansion), and XML nested past the limit', () => {
		const laughs = '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><graphml><graph><node id="n"><data key="d">&b;</data></node></graph></graphml>';
		expect(() => parseImport(laughs)).toThrow(/DOCTYPE or entities/);
		const deep = `<graphml><graph><node id="n"><data key="d">${'<x>'.repeat(200)}${'</x>'.repeat(200)}</data></node></graph></graphml>`;
		expect(() => parseImport(deep)).toThrow(/nest|depth|Maximum/i);
	});
});

describe('Cytoscape.js', () => {
	it('reads what cytoscape headless writes with cy.json() for a graph that is not Causeway’s', () => {
		const cy = cytoscape({
			headless: true,
			elements: [
				{ data: { id: 'n1', name: 'Talks begin', when: '2024-09', category: 'diplomatic' } },
				{ data: { id: 'n2', name: 'Ceasefire', when: '2025-01-15', category: 'political' } },
				{ data: { id: 'e1', source: 'n1', target: 'n2', interaction: 'enables' } }
			]
		});
		const imported = parseImport(JSON.stringify(cy.json()), { now: NOW });
		expect(imported.format).toBe('cytoscape');
		expect(imported.mapped?.mapping).toMatchObject({ title: 'name', start: 'when', kind: 'category', relation: 'interaction' });
		// Ids that are valid ones stay as they are (no externalId needed).
		expect(imported.document.events.map((e) => [e.id, e.title, e.start, e.kind, e.externalId])).toEqual([
			['n1', 'Talks begin', '2024-09', 'diplomatic', undefined],
			['n2', 'Ceasefire', '2025-01-15', 'political', undefined]
		]);
		expect(imported.document.links.map((l) => [l.from, l.to, l.relation])).toEqual([['n1', 'n2', 'enables']]);
		// A bare array of elements is Cytoscape too.
		expect(parseImport(JSON.stringify(cy.elements().jsons()), { now: NOW }).document.events).toHaveLength(2);
	});

	it('Causeway → Cytoscape → an empty document: no conflict over the actors and sources it does not carry', () => {
		const doc = makeChain();
		const imported = parseImport(exportDocument(doc, 'cytoscape').body as string, { now: NOW });
		const plan = planImport(emptyDocument(), imported, { mode: 'merge', now: NOW });
		expect(plan.document.events).toEqual(doc.events);
		expect(plan.document.links).toEqual(doc.links);
		expect(plan.document.actors.map((a) => [a.id, a.name])).toEqual([['ukraine', 'ukraine']]);
		expect(plan.placeholders).toEqual([
			'1 actor the file names but does not hold (ukraine): added with the id as name',
			'1 source the file names but does not hold (src-1): added with the id as title'
		]);
	});
});

describe('JSON Graph Format', () => {
	it('ids like "Roger Kint" become valid ids kept as externalId; what has no date is named, with the links it takes along', () => {
		const imported = parseImport(fixture('jgf-suspects.json'), { now: NOW });
		expect(imported.format).toBe('jgf');
		expect(imported.title).toBe('The heist');
		expect(imported.document.events.map((e) => [e.title, e.start, e.kind, e.externalId])).toEqual([
			['Keyser Söze named', '1995-05', 'intelligence', 'Keyser Söze'],
			['Roger Kint questioned', '1995-05-02', 'political', 'Roger Kint']
		]);
		for (const e of imported.document.events) expect(e.id).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
		expect(imported.mapped?.skipped.map((s) => `${s.name}: ${s.reason}`)).toEqual(['Fire at the dock: no date', 'Dock fire → Roger Kint: no event “Dock fire” to link from']);
		// The same file again: the same ids, so it updates rather than duplicates.
		const plan = planImport(imported.document, parseImport(fixture('jgf-suspects.json'), { now: NOW, current: imported.document }), { mode: 'merge', now: NOW });
		expect(plan.summary.events).toMatchObject({ added: 0, unchanged: 2 });
	});

	it('several graphs: the first unless another is chosen, each listed', () => {
		const first = parseImport(fixture('jgf-two-graphs.json'), { now: NOW });
		expect(first.mapped?.graphs?.map((g) => [g.index, g.label, g.nodes, g.edges])).toEqual([
			[0, 'Before', 2, 1],
			[1, 'After', 1, 0]
		]);
		expect(first.document.events.map((e) => e.title)).toEqual(['Alpha', 'Beta']);
		const second = parseImport(fixture('jgf-two-graphs.json'), { now: NOW, graph: 1 });
		expect(second.document.events.map((e) => [e.title, e.start])).toEqual([['Gamma', '2025']]);
		expect(() => parseImport(fixture('jgf-two-graphs.json'), { graph: 2 })).toThrow(/^graph: choose a graph from 0 to 1/);
	});

	it('the file validates against the JGF schema in tests/fixtures', async () => {
		const { default: Ajv } = await import('ajv');
		const validate = new Ajv({ strict: false }).compile(JSON.parse(fixture('jgf-v2.schema.json')));
		expect(validate(JSON.parse(fixture('jgf-two-graphs.json'))), JSON.stringify(validate.errors)).toBe(true);
	});
});
