/**
 * Cytoscape.js JSON (`cy.json()`, or a bare array of elements) and the JSON Graph Format (one
 * graph or several, v1 node lists or v2 node objects) as other tools write them, read into rows
 * for the mapping step: a node's `data` (Cytoscape) or `label` and `metadata` (JGF) become its
 * attributes, with its id as `id`; an edge's ends are `source` and `target`.
 */
import { isObject, problem } from './common';
import { IMPORT_CAPS, overCap } from './limits';
import { cellsOf, columnsOf, type ForeignTable, type GraphChoice, type TableRow } from './table';

const idText = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

function capped(nodes: number, edges: number) {
	if (nodes > IMPORT_CAPS.events) throw overCap('events', '(file)', nodes);
	if (edges > IMPORT_CAPS.links) throw overCap('links', '(file)', edges);
}

/** Cytoscape.js JSON into rows: nodes and edges by their group (or, without one, by whether they have a source). */
export function readCytoscapeTable(value: Record<string, unknown> | unknown[]): ForeignTable {
	const elements = Array.isArray(value) ? value : value.elements;
	const list: { group: 'nodes' | 'edges'; el: unknown; at: string }[] = [];
	if (Array.isArray(elements)) {
		elements.forEach((el, i) => {
			const group = isObject(el) && (el.group === 'edges' || (el.group === undefined && isObject(el.data) && 'source' in el.data)) ? 'edges' : 'nodes';
			list.push({ group, el, at: `elements[${i}]` });
		});
	} else if (isObject(elements)) {
		for (const group of ['nodes', 'edges'] as const) {
			const items = elements[group] ?? [];
			if (!Array.isArray(items)) throw problem(`elements.${group}`, 'expected an array');
			items.forEach((el, i) => list.push({ group, el, at: `elements.${group}[${i}]` }));
		}
	} else throw problem('elements', 'expected {"nodes": [...], "edges": [...]} or an array of elements');
	const nodeCount = list.filter((x) => x.group === 'nodes').length;
	capped(nodeCount, list.length - nodeCount);
	const rows: TableRow[] = [];
	const links: TableRow[] = [];
	for (const { group, el, at } of list) {
		const data = isObject(el) && isObject(el.data) ? el.data : {};
		const cells = cellsOf(data);
		const id = idText(data.id);
		if (group === 'nodes') rows.push({ where: id ? `node “${id}”` : at, cells });
		else links.push({ where: id ? `edge “${id}”` : `${at} (${idText(data.source)} → ${idText(data.target)})`, cells });
	}
	const meta = !Array.isArray(value) && isObject(value.data) ? value.data : {};
	const title = typeof meta.name === 'string' ? meta.name : typeof meta.title === 'string' ? meta.title : undefined;
	return { format: 'cytoscape', title, rows, links, columns: columnsOf(rows), linkColumns: columnsOf(links) };
}

function graphsOf(value: Record<string, unknown>): Record<string, unknown>[] {
	if (isObject(value.graph)) return [value.graph];
	if (Array.isArray(value.graphs) && value.graphs.every(isObject)) return value.graphs as Record<string, unknown>[];
	throw problem('graphs', 'expected a graph object or a list of graphs');
}

/** JGF's nodes: v2's object of nodes by id, or v1's list of nodes each with its id. */
function nodesOf(graph: Record<string, unknown>): [string, Record<string, unknown>][] {
	const nodes = graph.nodes ?? [];
	if (Array.isArray(nodes)) return nodes.map((n, i) => [idText(isObject(n) ? n.id : undefined) ?? String(i), isObject(n) ? n : {}]);
	if (isObject(nodes)) return Object.entries(nodes).map(([id, n]) => [id, isObject(n) ? n : {}]);
	throw problem('nodes', 'expected an object of nodes by id, or a list of nodes');
}

/** JGF into rows; `graph` chooses among several graphs (default: the first). */
export function readJgfTable(value: Record<string, unknown>, graph?: number): ForeignTable {
	const graphs = graphsOf(value);
	if (!graphs.length) throw problem('graphs', 'the file holds no graph');
	const chosen = graph ?? 0;
	if (!Number.isInteger(chosen) || chosen < 0 || chosen >= graphs.length) throw problem('graph', `choose a graph from 0 to ${graphs.length - 1}`);
	const g = graphs[chosen];
	const nodes = nodesOf(g);
	const edges = Array.isArray(g.edges) ? g.edges : [];
	capped(nodes.length, edges.length);
	const rows: TableRow[] = nodes.map(([id, n]) => {
		const cells = cellsOf(isObject(n.metadata) ? n.metadata : {});
		return { where: `node “${id}”`, cells: { id, ...(typeof n.label === 'string' && { label: n.label }), ...cells } };
	});
	const links: TableRow[] = edges.map((e, i) => {
		const x = isObject(e) ? e : {};
		const cells = { ...cellsOf(Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'metadata'))), ...cellsOf(isObject(x.metadata) ? x.metadata : {}) };
		return { where: idText(x.id) ? `edge “${idText(x.id)}”` : `edge ${i + 1} (${idText(x.source)} → ${idText(x.target)})`, cells };
	});
	const choices: GraphChoice[] = graphs.map((x, index) => ({
		index,
		...(idText(x.id) && { id: idText(x.id) }),
		...(typeof x.label === 'string' && { label: x.label }),
		nodes: (() => {
			try {
				return nodesOf(x).length;
			} catch {
				return 0;
			}
		})(),
		edges: Array.isArray(x.edges) ? x.edges.length : 0
	}));
	return {
		format: 'jgf',
		title: typeof g.label === 'string' ? g.label : undefined,
		rows,
		links,
		columns: columnsOf(rows),
		linkColumns: columnsOf(links),
		...(graphs.length > 1 && { graphs: choices, graph: chosen })
	};
}
