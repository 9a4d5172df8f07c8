/**
 * Cytoscape JSON (`.cyjs`): what `cy.json()` loads and Cytoscape desktop opens (File → Import →
 * Network from File). Events are nodes, links are edges. Data values are kept to strings, numbers,
 * booleans and lists of strings, because Cytoscape desktop guesses a column's type from the first
 * value it meets and turns objects into empty text: a location becomes `locationName`/`lat`/`lon`,
 * citations become the aligned lists `sourceIds`/`sourceQuotes`. Desktop also needs the top-level
 * `data` object and both element lists, even when empty.
 *
 * The file carries events and links only; actors and sources stay as they are on import.
 */
import { formatPath, type Issue } from '../errors';
import type { CausewayDocument, Citation, Event, Link } from '../schema';
import { assemble, checkedTitle, isObject, problem, problems, validateEntities, type LocatedCollections } from './common';
import type { Steps } from '../steps';
import { checkCap, count, enough, IMPORT_CAPS } from './limits';
import type { ImportedDocument, Locator, Position } from './types';

type Data = Record<string, unknown>;

function citationLists(sources: Citation[]) {
	return { sourceIds: sources.map((s) => s.sourceId), sourceQuotes: sources.map((s) => s.quote ?? '') };
}

function nodeData(e: Event): Data {
	return {
		id: e.id,
		// `name` is what Cytoscape desktop labels nodes with; `label` is the usual choice in Cytoscape.js styles.
		name: e.title,
		label: e.title,
		start: e.start,
		...(e.end && { end: e.end }),
		approximate: e.approximate,
		kind: e.kind,
		actorIds: e.actorIds,
		tags: e.tags,
		description: e.description,
		...(e.location && { locationName: e.location.name }),
		...(e.location?.lat !== undefined && { lat: e.location.lat }),
		...(e.location?.lon !== undefined && { lon: e.location.lon }),
		...citationLists(e.sources),
		...(e.externalId !== undefined && { externalId: e.externalId }),
		revision: e.revision,
		createdAt: e.createdAt,
		updatedAt: e.updatedAt
	};
}

function edgeData(l: Link): Data {
	return {
		id: l.id,
		source: l.from,
		target: l.to,
		relation: l.relation,
		// Cytoscape desktop names edges "source (interaction) target".
		interaction: l.relation,
		confidence: l.confidence,
		note: l.note,
		...citationLists(l.sources),
		...(l.externalId !== undefined && { externalId: l.externalId }),
		revision: l.revision,
		createdAt: l.createdAt,
		updatedAt: l.updatedAt
	};
}

/** The document as Cytoscape JSON; nodes get a `position` where `positions` has one. */
export function exportCytoscape(doc: CausewayDocument, now: Date, positions?: ReadonlyMap<string, Position>): string {
	const nodes = doc.events.map((e) => {
		const at = positions?.get(e.id);
		return at ? { data: nodeData(e), position: { x: at.x, y: at.y } } : { data: nodeData(e) };
	});
	const file = {
		format_version: '1.0',
		generated_by: 'causeway',
		target_cytoscapejs_version: '~3.34',
		data: { name: doc.title, format: 'causeway', schemaVersion: doc.schemaVersion, exportedAt: now.toISOString() },
		elements: { nodes, edges: doc.links.map((l) => ({ data: edgeData(l) })) }
	};
	return JSON.stringify(file, null, 2) + '\n';
}

/** True for something shaped like Cytoscape JSON. */
export function looksLikeCytoscape(value: Record<string, unknown>): boolean {
	return 'elements' in value;
}

// Tools write null for an empty cell (Cytoscape desktop does).
const present = (v: unknown) => (v === null ? undefined : v);

function citations(ids: unknown, quotes: unknown): unknown {
	if (!Array.isArray(ids)) return present(ids);
	return ids.map((sourceId, i) => {
		const quote = Array.isArray(quotes) ? quotes[i] : undefined;
		return quote === '' || quote === null || quote === undefined ? { sourceId } : { sourceId, quote };
	});
}

function nodeLocator(base: string, titleKey: string): Locator {
	return (path) => {
		const [head, second, third] = path;
		if (head === 'title') return `${base}.${titleKey}`;
		if (head === 'location') return `${base}.${second === 'lat' || second === 'lon' ? second : 'locationName'}`;
		if (head === 'sources') return typeof second === 'number' ? `${base}.${third === 'quote' ? 'sourceQuotes' : 'sourceIds'}[${second}]` : `${base}.sourceIds`;
		return formatPath(path, base);
	};
}

function edgeLocator(base: string): Locator {
	const rename: Record<string, string> = { from: 'source', to: 'target' };
	return (path) => {
		const [head, second, third] = path;
		if (typeof head === 'string' && rename[head]) return `${base}.${rename[head]}`;
		if (head === 'sources') return typeof second === 'number' ? `${base}.${third === 'quote' ? 'sourceQuotes' : 'sourceIds'}[${second}]` : `${base}.sourceIds`;
		return formatPath(path, base);
	};
}

function eventFrom(d: Data, base: string) {
	const titleKey = ['title', 'label', 'name'].find((k) => typeof d[k] === 'string') ?? 'label';
	const locationName = present(d.locationName);
	const value: Data = {
		id: present(d.id),
		title: present(d[titleKey]),
		description: present(d.description),
		start: present(d.start),
		end: present(d.end),
		approximate: present(d.approximate),
		kind: present(d.kind),
		actorIds: present(d.actorIds),
		tags: present(d.tags),
		location: locationName === undefined ? undefined : { name: locationName, lat: present(d.lat), lon: present(d.lon) },
		sources: citations(d.sourceIds, d.sourceQuotes),
		externalId: present(d.externalId),
		revision: present(d.revision),
		createdAt: present(d.createdAt),
		updatedAt: present(d.updatedAt)
	};
	if (value.location) value.location = Object.fromEntries(Object.entries(value.location).filter(([, v]) => v !== undefined));
	return { value, at: nodeLocator(base, titleKey) };
}

function linkFrom(d: Data, base: string) {
	const value: Data = {
		id: present(d.id),
		from: present(d.source),
		to: present(d.target),
		relation: present(d.relation),
		confidence: present(d.confidence),
		note: present(d.note),
		sources: citations(d.sourceIds, d.sourceQuotes),
		externalId: present(d.externalId),
		revision: present(d.revision),
		createdAt: present(d.createdAt),
		updatedAt: present(d.updatedAt)
	};
	return { value, at: edgeLocator(base) };
}

/** The elements as [group, element, path] whichever of the two forms `cy.json()` takes they come in. */
function elementsOf(elements: unknown): ['nodes' | 'edges', unknown, string][] {
	if (Array.isArray(elements)) {
		if (elements.length > IMPORT_CAPS.events + IMPORT_CAPS.links) {
			throw problem('elements', `the file holds ${count(elements.length)} elements; an import takes at most ${count(IMPORT_CAPS.events)} events and ${count(IMPORT_CAPS.links)} links`);
		}
		return elements.map((el, i) => {
			const group = isObject(el) && (el.group === 'edges' || (el.group === undefined && isObject(el.data) && 'source' in el.data)) ? 'edges' : 'nodes';
			return [group, el, `elements[${i}]`];
		});
	}
	if (!isObject(elements)) throw problem('elements', 'expected {"nodes": [...], "edges": [...]} or an array of elements');
	const out: ['nodes' | 'edges', unknown, string][] = [];
	for (const group of ['nodes', 'edges'] as const) {
		const list = present(elements[group]) ?? [];
		if (!Array.isArray(list)) throw problem(`elements.${group}`, 'expected an array');
		checkCap(group === 'nodes' ? 'events' : 'links', list, `elements.${group}`);
		list.forEach((el, i) => out.push([group, el, `elements.${group}[${i}]`]));
	}
	return out;
}

/** Reads Cytoscape JSON: nodes as events, edges as links, each validated with its place in the file. */
export function* readCytoscape(value: Record<string, unknown>, now: string): Steps<ImportedDocument> {
	const issues: Issue[] = [];
	const rawEvents: ReturnType<typeof eventFrom>[] = [];
	const rawLinks: ReturnType<typeof linkFrom>[] = [];
	for (const [group, el, path] of elementsOf(value.elements)) {
		if (enough(issues)) break;
		if (!isObject(el) || !isObject(el.data)) {
			issues.push({ path: `${path}.data`, message: 'expected an object' });
			continue;
		}
		if (group === 'nodes') rawEvents.push(eventFrom(el.data, `${path}.data`));
		else rawLinks.push(linkFrom(el.data, `${path}.data`));
	}
	checkCap('events', rawEvents, 'elements');
	checkCap('links', rawLinks, 'elements');
	const located: LocatedCollections = {
		events: yield* validateEntities('events', rawEvents, now, issues),
		links: yield* validateEntities('links', rawLinks, now, issues),
		actors: [],
		claims: [],
		sources: []
	};
	if (issues.length) throw problems('invalid', issues);
	const title = isObject(value.data) ? checkedTitle(value.data.name, 'data.name') : undefined;
	const { document, locate } = assemble(located, { title: title ?? '' });
	return { format: 'cytoscape', title, collections: ['events', 'links'], document, locate };
}
