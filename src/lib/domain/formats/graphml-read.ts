/**
 * GraphML as another tool writes it (networkx, Gephi, yEd, Causeway's own export) read into rows:
 * each node's `<data>` by its key's `attr.name` (typed as the key declares, defaults filled in),
 * its id as `id`; each edge's `source`, `target` and `id` beside its data. yEd keeps a node's label
 * in a graphics element: its text is read as `label`. A file with several graphs: choose one.
 */
import { isObject, problem } from './common';
import { IMPORT_CAPS, overCap } from './limits';
import { columnsOf, type CellValue, type ForeignTable, type TableRow } from './table';
import { parseXml } from './xml';

const ARRAYS = new Set(['key', 'graph', 'node', 'edge', 'data', 'hyperedge']);

interface Key {
	name: string;
	type: string;
	default?: string;
}

const asList = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : []);
const attrs = (el: Record<string, unknown>) => (isObject(el['@']) ? (el['@'] as Record<string, string>) : {});

/** The text inside an element, however deep (a yEd label sits in ShapeNode › NodeLabel). */
function textIn(value: unknown, depth = 0): string | undefined {
	if (typeof value === 'string') return value;
	if (depth > 8) return undefined;
	if (Array.isArray(value)) {
		for (const v of value) {
			const t = textIn(v, depth + 1);
			if (t) return t;
		}
		return undefined;
	}
	if (!isObject(value)) return undefined;
	if (typeof value['#text'] === 'string') return value['#text'];
	for (const [k, v] of Object.entries(value)) {
		if (k === '@') continue;
		const t = textIn(v, depth + 1);
		if (t) return t;
	}
	return undefined;
}

function typed(text: string, type: string): CellValue | undefined {
	if (text.trim() === '') return undefined;
	if (type === 'boolean') return /^(true|1)$/i.test(text.trim());
	if (['int', 'long', 'float', 'double'].includes(type)) {
		const n = Number(text.trim());
		return Number.isFinite(n) ? n : text;
	}
	return text;
}

function cellsOf(el: Record<string, unknown>, keys: Map<string, Key>, domain: 'node' | 'edge', defaults: [string, Key][]): Record<string, CellValue> {
	const cells: Record<string, CellValue> = {};
	for (const [, key] of defaults) {
		const v = key.default === undefined ? undefined : typed(key.default, key.type);
		if (v !== undefined) cells[key.name] = v;
	}
	for (const d of asList(el.data)) {
		const id = attrs(d).key;
		const key = keys.get(`${domain}\u0000${id}`) ?? keys.get(`all\u0000${id}`);
		const name = key?.name ?? id;
		// A key named __proto__ would set the row's prototype rather than a cell.
		if (!name || name === '__proto__') continue;
		const text = textIn(d);
		const v = text === undefined ? undefined : typed(text, key?.type ?? 'string');
		if (v !== undefined) cells[name] = v;
	}
	return cells;
}

/** Reads GraphML text into rows; `graph` chooses among several graphs (default: the first). */
export function readGraphml(text: string, graph?: number): ForeignTable {
	const root = parseXml(text, ARRAYS).graphml;
	if (!isObject(root)) throw problem('(file)', 'not GraphML: the root element is not <graphml>');
	const keys = new Map<string, Key>();
	for (const k of asList(root.key)) {
		const a = attrs(k);
		if (!a.id) continue;
		const isYed = a['yfiles.type'] !== undefined;
		const def = typeof k.default === 'string' ? k.default : undefined;
		keys.set(`${a.for ?? 'all'}\u0000${a.id}`, { name: isYed ? '' : (a['attr.name'] ?? a.id), type: a['attr.type'] ?? 'string', ...(def !== undefined && { default: def }) });
	}
	const graphs = asList(root.graph);
	if (!graphs.length) throw problem('(file)', 'the GraphML file holds no <graph>');
	const chosen = graph ?? 0;
	if (!Number.isInteger(chosen) || chosen < 0 || chosen >= graphs.length) throw problem('graph', `choose a graph from 0 to ${graphs.length - 1}`);
	const g = graphs[chosen];
	const nodes = asList(g.node);
	const edges = asList(g.edge);
	if (nodes.length > IMPORT_CAPS.events) throw overCap('events', '(file)', nodes.length);
	if (edges.length > IMPORT_CAPS.links) throw overCap('links', '(file)', edges.length);
	const defaults = (domain: string) => [...keys].filter(([k, key]) => (k.startsWith(`${domain}\u0000`) || k.startsWith('all\u0000')) && key.default !== undefined && key.name);
	const nodeDefaults = defaults('node');
	const edgeDefaults = defaults('edge');
	const named = (k: string) => keys.get(k)?.name;

	const rows: TableRow[] = nodes.map((n, i) => {
		const id = attrs(n).id;
		const cells = cellsOf(n, keys, 'node', nodeDefaults);
		// A yEd label key has no name: its text is the label.
		for (const d of asList(n.data)) if (named(`node\u0000${attrs(d).key}`) === '' && !cells.label) cells.label = textIn(d) ?? '';
		if (cells.label === '') delete cells.label;
		return { where: id ? `node “${id}”` : `node ${i + 1}`, cells: id ? { id, ...cells } : cells };
	});
	const links: TableRow[] = edges.map((e, i) => {
		const a = attrs(e);
		const cells: Record<string, CellValue> = { ...(a.id && { id: a.id }), ...(a.source && { source: a.source }), ...(a.target && { target: a.target }), ...cellsOf(e, keys, 'edge', edgeDefaults) };
		return { where: a.id ? `edge “${a.id}”` : `edge ${i + 1} (${a.source} → ${a.target})`, cells };
	});
	const graphTitle = keys.size ? asList(g.data).map((d) => ({ name: named(`graph\u0000${attrs(d).key}`), text: textIn(d) })).find((d) => d.name && /^(title|name|label)$/i.test(d.name))?.text : undefined;
	return {
		format: 'graphml',
		title: graphTitle,
		rows,
		links,
		columns: columnsOf(rows),
		linkColumns: columnsOf(links),
		...(graphs.length > 1 && {
			graphs: graphs.map((x, index) => ({ index, id: attrs(x).id, nodes: asList(x.node).length, edges: asList(x.edge).length })),
			graph: chosen
		})
	};
}
