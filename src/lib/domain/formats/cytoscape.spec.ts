import cytoscape from 'cytoscape';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document';
import { DomainError } from '../errors';
import { makeChain, makeEvent } from '$lib/test-data/factories';
import { exportDocument, parseImport, planImport } from './index';

const kursk = parseDocument(JSON.parse(readFileSync(resolve('data/seed/kursk.json'), 'utf8')));
const exported = (positions?: Map<string, { x: number; y: number }>) => JSON.parse(exportDocument(kursk, 'cytoscape', { positions }).body as string);

describe('cytoscape format', () => {
	it('loads in headless Cytoscape.js with cy.json(): as many nodes and edges as events and links', () => {
		const cy = cytoscape({ headless: true });
		cy.json(exported());
		expect(cy.nodes()).toHaveLength(kursk.events.length);
		expect(cy.edges()).toHaveLength(kursk.links.length);
		const link = kursk.links[0];
		const edge = cy.getElementById(link.id);
		expect(edge.source().id()).toBe(link.from);
		expect(edge.target().id()).toBe(link.to);
		expect(edge.data()).toMatchObject({ relation: link.relation, confidence: link.confidence });
		expect(cy.data('name')).toBe(kursk.title);
		cy.destroy();
	});

	it('gives nodes the fields a graph tool needs, in types Cytoscape desktop can hold', () => {
		const file = exported();
		const event = kursk.events.find((e) => e.location?.lat !== undefined && e.end && e.sources.length) ?? kursk.events[0];
		const node = file.elements.nodes.find((n: { data: { id: string } }) => n.data.id === event.id);
		expect(node.data).toMatchObject({ id: event.id, label: event.title, name: event.title, start: event.start, kind: event.kind, approximate: event.approximate });
		// Cytoscape desktop needs the top-level data object and both lists; values are scalars or lists of scalars
		expect(file.data).toMatchObject({ name: kursk.title });
		for (const n of [...file.elements.nodes, ...file.elements.edges]) {
			for (const v of Object.values(n.data)) {
				const ok = (x: unknown) => ['string', 'number', 'boolean'].includes(typeof x);
				expect(Array.isArray(v) ? (v as unknown[]).every(ok) : ok(v)).toBe(true);
			}
		}
	});

	it('gives positions when the caller has them', () => {
		const id = kursk.events[0].id;
		const file = exported(new Map([[id, { x: 10, y: -20 }]]));
		expect(file.elements.nodes[0]).toMatchObject({ data: { id }, position: { x: 10, y: -20 } });
		expect(file.elements.nodes[1].position).toBeUndefined();
		const cy = cytoscape({ headless: true });
		cy.json(file);
		expect(cy.getElementById(id).position()).toEqual({ x: 10, y: -20 });
	});

	it('round-trips: events and links survive (everything unchanged when imported over the same document)', () => {
		const imported = parseImport(exportDocument(kursk, 'cytoscape').body as string);
		expect(imported.format).toBe('cytoscape');
		expect(imported.collections).toEqual(['events', 'links']);
		expect(imported.document.events).toEqual(kursk.events);
		expect(imported.document.links).toEqual(kursk.links);
		const plan = planImport(kursk, imported, { mode: 'replace', now: '2027-01-01T00:00:00.000Z' });
		expect(plan.summary.events).toEqual({ added: 0, updated: 0, removed: 0, unchanged: kursk.events.length });
		expect(plan.summary.links).toEqual({ added: 0, updated: 0, removed: 0, unchanged: kursk.links.length });
	});

	it('reads what Cytoscape.js itself writes (cy.json() after a load), extra keys and all', () => {
		const cy = cytoscape({ headless: true });
		cy.json(JSON.parse(exportDocument(makeChain(), 'cytoscape').body as string));
		const imported = parseImport(JSON.stringify(cy.json()));
		expect(imported.document.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
		expect(imported.document.events[0].sources).toEqual([{ sourceId: 'src-1', quote: 'q' }]);
	});

	it('fills in revision and timestamps for elements from other tools; one it cannot read goes to the mapping step, which names what it leaves out', () => {
		const file = { data: {}, elements: { nodes: [{ data: { id: 'x', label: 'X', start: '2024-05', kind: 'other' } }, { data: { id: 'y', name: 'Y', start: '2024-13', kind: 'other' } }], edges: [] } };
		const mapped = parseImport(JSON.stringify(file), { now: '2027-01-01T00:00:00.000Z' });
		expect(mapped.mapped?.skipped).toEqual([{ collection: 'events', name: 'Y', where: 'node “y”', reason: 'start “2024-13” is not a date' }]);
		expect(mapped.document.events.map((e) => [e.id, e.title, e.start])).toEqual([['x', 'X', '2024-05']]);
		file.elements.nodes.pop();
		const imported = parseImport(JSON.stringify(file), { now: '2027-01-01T00:00:00.000Z' });
		expect(imported.mapped).toBeUndefined();
		expect(imported.document.events[0]).toEqual({ ...makeEvent('x', { title: 'X', start: '2024-05', kind: 'other' }), createdAt: '2027-01-01T00:00:00.000Z', updatedAt: '2027-01-01T00:00:00.000Z' });
	});
});
