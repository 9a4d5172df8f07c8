import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document';
import { makeDocument, makeEvent, makeLink } from '$lib/test-data/factories';
import { exportDocument } from './index';

const kursk = parseDocument(JSON.parse(readFileSync(resolve('data/seed/kursk.json'), 'utf8')));
const graphml = (doc = kursk) => exportDocument(doc, 'graphml').body as string;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['key', 'node', 'edge', 'data'].includes(name) });

// Markup, quotes, a control character, CR LF, and half a surrogate pair.
const hostile = makeDocument({
	events: [makeEvent('a', { title: 'A <b>&</b> "quoted" \'x\' \u0001 bell \r\n end' }), makeEvent('b')],
	links: [makeLink('ab', 'a', 'b', { note: ']]> <!-- --> \uD800' })]
});

const hasNetworkx = spawnSync('python3', ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0;

describe('graphml format', () => {
	it('is well-formed XML with one node per event and one edge per link', () => {
		const xml = graphml();
		expect(XMLValidator.validate(xml)).toBe(true);
		const { graphml: root } = parser.parse(xml);
		expect(root.graph['@edgedefault']).toBe('directed');
		expect(root.graph.node).toHaveLength(kursk.events.length);
		expect(root.graph.edge).toHaveLength(kursk.links.length);
	});

	it('declares every attribute as a key with its type, and uses only declared keys', () => {
		const { graphml: root } = parser.parse(graphml());
		const keys = new Map<string, { '@for': string; '@attr.name': string; '@attr.type': string }>(root.key.map((k: { '@id': string }) => [k['@id'], k]));
		expect([...keys.values()].filter((k) => k['@for'] === 'node').map((k) => k['@attr.name'])).toEqual(
			expect.arrayContaining(['label', 'start', 'end', 'kind', 'approximate', 'lat', 'lon'])
		);
		expect([...keys.values()].filter((k) => k['@for'] === 'edge').map((k) => k['@attr.name'])).toEqual(expect.arrayContaining(['relation', 'confidence']));
		expect(keys.get('n_approximate')?.['@attr.type']).toBe('boolean');
		for (const item of [...root.graph.node, ...root.graph.edge]) for (const d of item.data) expect(keys.has(d['@key'])).toBe(true);
	});

	it('escapes text, and replaces what XML 1.0 cannot hold at all', () => {
		const xml = graphml(hostile);
		expect(XMLValidator.validate(xml)).toBe(true);
		expect(xml).toContain('A &lt;b&gt;&amp;&lt;/b&gt; &quot;quoted&quot; &apos;x&apos; \uFFFD bell &#13;\n end');
		expect(xml).not.toMatch(/[\u0001\r]|\uD800/);
		const node = parser.parse(xml).graphml.graph.node.find((n: { '@id': string }) => n['@id'] === 'a');
		expect(node.data.find((d: { '@key': string }) => d['@key'] === 'n_label')['#text']).toMatch(/^A <b>&<\/b> "quoted" 'x' \uFFFD bell/);
	});

	it.skipIf(!hasNetworkx)(
		`networkx.read_graphml reads it with the same counts and attributes${hasNetworkx ? '' : ' (skipped: python3 with networkx is not installed)'}`,
		() => {
			const dir = mkdtempSync(join(tmpdir(), 'causeway-graphml-'));
			try {
				const file = join(dir, 'kursk.graphml');
				const other = join(dir, 'hostile.graphml');
				writeFileSync(file, graphml());
				writeFileSync(other, graphml(hostile));
				const script = [
					'import json, sys, networkx as nx',
					'g = nx.read_graphml(sys.argv[1])',
					'h = nx.read_graphml(sys.argv[2])',
					'n = next(iter(g.nodes(data=True)))',
					'print(json.dumps({"directed": g.is_directed(), "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "first": n[1], "hostile": h.nodes["a"]["label"]}))'
				].join('\n');
				const run = spawnSync('python3', ['-c', script, file, other], { encoding: 'utf8' });
				expect(run.status, run.stderr).toBe(0);
				const out = JSON.parse(run.stdout);
				expect(out).toMatchObject({ directed: true, nodes: kursk.events.length, edges: kursk.links.length });
				const first = kursk.events[0];
				expect(out.first).toMatchObject({ label: first.title, start: first.start, kind: first.kind, approximate: first.approximate });
				// a real XML parser gives the text back exactly, CR included (only the control character is gone)
				expect(out.hostile).toBe('A <b>&</b> "quoted" \'x\' \uFFFD bell \r\n end');
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	);
});
