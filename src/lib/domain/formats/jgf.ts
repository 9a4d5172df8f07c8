/**
 * JSON Graph Format v2 (jsongraphformat.info): `{"graph": {"directed": true, "nodes": {id: …},
 * "edges": [...]}}`, valid against the published schema. Events are nodes keyed by id, links are
 * edges; everything JGF has no field for sits in `metadata` under our own field names — the other
 * event fields on nodes, confidence, note and citations on edges, actors and sources on the graph —
 * so nothing is lost and the file reads back whole.
 */
import { formatPath, type Issue } from '../errors';
import type { CausewayDocument, Event, Link } from '../schema';
import { assemble, checkedTitle, inSchemaOrder, isObject, problem, problems, validateEntities, type LocatedCollections } from './common';
import type { Steps } from '../steps';
import { checkCap } from './limits';
import type { ImportedDocument, Locator } from './types';

function nodeOf(e: Event) {
	const { id: _id, title, ...metadata } = inSchemaOrder('events', e);
	return { label: title, metadata };
}

function edgeOf(l: Link) {
	const { id, from, to, relation, ...metadata } = inSchemaOrder('links', l);
	return { id, source: from, target: to, relation, directed: true, label: relation, metadata };
}

/** The document as a JGF v2 file. */
export function exportJgf(doc: CausewayDocument, now: Date): string {
	const nodes: Record<string, ReturnType<typeof nodeOf>> = {};
	for (const e of doc.events) nodes[e.id] = nodeOf(e);
	const file = {
		graph: {
			id: 'causeway',
			type: 'causeway',
			label: doc.title,
			directed: true,
			metadata: {
				format: 'causeway',
				schemaVersion: doc.schemaVersion,
				exportedAt: now.toISOString(),
				actors: doc.actors.map((a) => inSchemaOrder('actors', a)),
				sources: doc.sources.map((s) => inSchemaOrder('sources', s)),
				claims: doc.claims.map((c) => inSchemaOrder('claims', c))
			},
			nodes,
			edges: doc.links.map(edgeOf)
		}
	};
	return JSON.stringify(file, null, 2) + '\n';
}

/** True for something shaped like JGF. */
export function looksLikeJgf(value: Record<string, unknown>): boolean {
	return 'graph' in value || 'graphs' in value;
}

const EVENT_FIELDS = ['description', 'start', 'end', 'approximate', 'kind', 'actorIds', 'tags', 'location', 'sources', 'externalId', 'revision', 'createdAt', 'updatedAt'];
const LINK_FIELDS = ['confidence', 'note', 'sources', 'externalId', 'revision', 'createdAt', 'updatedAt'];

// Other tools put their own keys in metadata; only ours are read.
const pick = (from: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));

function nodeLocator(base: string): Locator {
	return (path) => {
		const [head, ...rest] = path;
		if (head === 'id') return base;
		if (head === 'title') return `${base}.label`;
		return formatPath(rest, `${base}.metadata.${String(head)}`);
	};
}

function edgeLocator(base: string): Locator {
	const own: Record<string, string> = { id: 'id', from: 'source', to: 'target', relation: 'relation' };
	return (path) => {
		const [head, ...rest] = path;
		if (head === undefined) return base;
		const name = own[String(head)];
		return name ? formatPath(rest, `${base}.${name}`) : formatPath(rest, `${base}.metadata.${String(head)}`);
	};
}

function graphOf(value: Record<string, unknown>): [Record<string, unknown>, string] {
	if (value.graph !== undefined) {
		if (!isObject(value.graph)) throw problem('graph', 'expected an object');
		return [value.graph, 'graph'];
	}
	if (!Array.isArray(value.graphs) || value.graphs.length !== 1 || !isObject(value.graphs[0])) {
		throw problem('graphs', 'expected exactly one graph');
	}
	return [value.graphs[0], 'graphs[0]'];
}

/** Reads a JGF v2 file with one graph: nodes as events, edges as links, actors and sources from the graph metadata. */
export function* readJgf(value: Record<string, unknown>, now: string): Steps<ImportedDocument> {
	const [graph, at] = graphOf(value);
	const nodes = graph.nodes ?? {};
	const edges = graph.edges ?? [];
	if (!isObject(nodes)) throw problem(`${at}.nodes`, 'expected an object of nodes by id');
	if (!Array.isArray(edges)) throw problem(`${at}.edges`, 'expected an array');
	const metadata = isObject(graph.metadata) ? graph.metadata : {};
	checkCap('events', Object.keys(nodes), `${at}.nodes`);
	checkCap('links', edges, `${at}.edges`);
	for (const key of ['actors', 'sources', 'claims'] as const) checkCap(key, metadata[key], `${at}.metadata.${key}`);
	const issues: Issue[] = [];

	const rawEvents = Object.entries(nodes).map(([id, node]) => {
		const base = `${at}.nodes.${id}`;
		const n = isObject(node) ? node : {};
		const meta = isObject(n.metadata) ? n.metadata : {};
		return { value: { id, title: n.label ?? meta.title, ...pick(meta, EVENT_FIELDS) }, at: nodeLocator(base) };
	});
	const rawLinks = edges.map((edge, i) => {
		const base = `${at}.edges[${i}]`;
		const e = isObject(edge) ? edge : {};
		const meta = isObject(e.metadata) ? e.metadata : {};
		return { value: { id: e.id, from: e.source, to: e.target, relation: e.relation, ...pick(meta, LINK_FIELDS) }, at: edgeLocator(base) };
	});
	const listed = (key: 'actors' | 'sources' | 'claims') => {
		const list = metadata[key];
		if (list === undefined) return undefined;
		if (!Array.isArray(list)) throw problem(`${at}.metadata.${key}`, 'expected an array');
		return list.map((item, i) => ({ value: isObject(item) ? item : { id: item }, at: (path: readonly PropertyKey[]) => formatPath(path, `${at}.metadata.${key}[${i}]`) }));
	};
	const rawActors = listed('actors');
	const rawSources = listed('sources');
	const rawClaims = listed('claims');

	const located: LocatedCollections = {
		events: yield* validateEntities('events', rawEvents, now, issues),
		links: yield* validateEntities('links', rawLinks, now, issues),
		actors: rawActors ? yield* validateEntities('actors', rawActors, now, issues) : [],
		sources: rawSources ? yield* validateEntities('sources', rawSources, now, issues) : [],
		claims: rawClaims ? yield* validateEntities('claims', rawClaims, now, issues) : []
	};
	if (issues.length) throw problems('invalid', issues);
	const title = checkedTitle(graph.label, `${at}.label`);
	const { document, locate } = assemble(located, { title: title ?? '' });
	const collections = (['events', 'actors', 'links', 'sources', 'claims'] as const).filter(
		(c) => (c !== 'actors' || rawActors) && (c !== 'sources' || rawSources) && (c !== 'claims' || rawClaims)
	);
	return { format: 'jgf', title, collections, document, locate };
}
