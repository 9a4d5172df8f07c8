/**
 * The mapping step: which attribute or column of another tool's file is an event's title, start,
 * end, kind…, and which is a link's cause, effect, relation and confidence. Guessed from the names
 * (English, any case, spaces and "_" ignored; TimelineJS's template names included), shown to the
 * user, changed by them. Written `title=Headline,start=Year,kind=` on the command line and in the
 * API (an empty value: not mapped), or as a JSON object.
 */
import { problem } from './common';
import type { ForeignTable } from './table';

export const EVENT_TARGETS = ['id', 'title', 'start', 'startMonth', 'startDay', 'end', 'endMonth', 'endDay', 'approximate', 'kind', 'actors', 'tags', 'location', 'description'] as const;
export const LINK_TARGETS = ['linkId', 'source', 'target', 'relation', 'confidence', 'note'] as const;
export type EventTarget = (typeof EVENT_TARGETS)[number];
export type LinkTarget = (typeof LINK_TARGETS)[number];
export type MapTarget = EventTarget | LinkTarget;
export const MAP_TARGETS: readonly MapTarget[] = [...EVENT_TARGETS, ...LINK_TARGETS];

/** Each target's column (or attribute) name; null: not mapped. */
export type Mapping = Record<MapTarget, string | null>;

/** What each target is, for people (labels of the dialog's selects, the command line's listing). */
export const TARGET_LABELS: Record<MapTarget, string> = {
	id: 'Id in the file',
	title: 'Title',
	start: 'Start (a date, or the year)',
	startMonth: 'Start month',
	startDay: 'Start day',
	end: 'End (a date, or the year)',
	endMonth: 'End month',
	endDay: 'End day',
	approximate: 'Approximate',
	kind: 'Kind',
	actors: 'Actors',
	tags: 'Tags',
	location: 'Location',
	description: 'Description',
	linkId: 'Link id in the file',
	source: 'Cause (link source)',
	target: 'Effect (link target)',
	relation: 'Relation',
	confidence: 'Confidence',
	note: 'Link note'
};

// Names each target is known by, most telling first; compared without case, spaces, "_", "-" or ".".
const NAMES: Record<MapTarget, string[]> = {
	id: ['id', 'uniqueid', 'key', 'uid', 'identifier', 'eventid', 'nodeid'],
	title: ['title', 'headline', 'name', 'label', 'event', 'eventname', 'eventtitle', 'what'],
	start: ['start', 'startdate', 'date', 'begin', 'begins', 'when', 'year', 'startyear', 'from', 'datefrom', 'time'],
	startMonth: ['month', 'startmonth'],
	startDay: ['day', 'startday'],
	end: ['end', 'enddate', 'endyear', 'until', 'dateto', 'finish', 'ends'],
	endMonth: ['endmonth'],
	endDay: ['endday'],
	approximate: ['approximate', 'approx', 'circa', 'uncertain'],
	kind: ['kind', 'category', 'eventtype', 'eventkind', 'group', 'type', 'class'],
	actors: ['actors', 'actor', 'actorids', 'participants', 'parties', 'who', 'people', 'persons', 'organizations'],
	tags: ['tags', 'tag', 'keywords', 'labels'],
	location: ['location', 'place', 'locationname', 'where', 'city', 'country'],
	description: ['description', 'text', 'details', 'summary', 'notes', 'body', 'content', 'desc', 'comment'],
	linkId: ['id', 'key', 'edgeid', 'linkid'],
	source: ['source', 'from', 'cause', 'sourceid', 'causeid', 'fromid', 'start'],
	target: ['target', 'to', 'effect', 'targetid', 'effectid', 'toid', 'end'],
	relation: ['relation', 'relationship', 'interaction', 'linktype', 'type', 'label', 'kind'],
	confidence: ['confidence', 'certainty', 'probability', 'likelihood'],
	note: ['note', 'notes', 'description', 'comment']
};

const squash = (name: string) => name.toLowerCase().replace(/[\s_.\-]+/g, '');

/** The columns whose names say they are `target`, best first (a row with the mapped one empty may have another). */
export function columnsNamedLike(target: MapTarget, columns: readonly string[]): string[] {
	return NAMES[target].flatMap((name) => columns.filter((c) => squash(c) === name));
}

/** For each target, the column whose name says it best (each column used once per table), preset names first. */
export function guessMapping(table: Pick<ForeignTable, 'columns' | 'linkColumns' | 'preset'>): Mapping {
	const mapping = Object.fromEntries(MAP_TARGETS.map((t) => [t, null])) as Mapping;
	const pick = (targets: readonly MapTarget[], columns: string[]) => {
		const used = new Set<string>();
		for (const t of targets) {
			const preset = table.preset?.[t];
			if (preset !== undefined && columns.includes(preset)) (mapping[t] = preset), used.add(preset);
		}
		for (const t of targets) {
			if (mapping[t] !== null || table.preset?.[t] !== undefined) continue;
			for (const name of NAMES[t]) {
				const found = columns.find((c) => !used.has(c) && squash(c) === name);
				if (found) {
					mapping[t] = found;
					used.add(found);
					break;
				}
			}
		}
	};
	pick(EVENT_TARGETS, table.columns);
	pick(LINK_TARGETS, table.linkColumns);
	return mapping;
}

/** The targets a mapping text names, checked: known targets, given once each. */
export function parseMapping(text: string | Record<string, unknown>): Partial<Mapping> {
	let pairs: [string, unknown][];
	if (typeof text === 'string' && text.trim().startsWith('{')) {
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (err) {
			throw problem('map', `not valid JSON: ${(err as Error).message}`);
		}
		if (!value || typeof value !== 'object' || Array.isArray(value)) throw problem('map', 'expected an object of target: column');
		pairs = Object.entries(value);
	} else if (typeof text === 'string') {
		pairs = text
			.split(',')
			.filter((p) => p.trim())
			.map((p) => {
				const eq = p.indexOf('=');
				if (eq < 0) throw problem('map', `"${p.trim()}": write target=column, e.g. title=Headline`);
				return [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
			});
	} else pairs = Object.entries(text);
	const out: Partial<Mapping> = {};
	for (const [target, column] of pairs) {
		if (!(MAP_TARGETS as readonly string[]).includes(target)) throw problem('map', `unknown target "${target}"; the targets are ${MAP_TARGETS.join(', ')}`);
		if (target in out) throw problem('map', `"${target}" is given more than once`);
		if (column !== null && typeof column !== 'string') throw problem('map', `"${target}": the column is a name (text)`);
		out[target as MapTarget] = column === '' || column === null ? null : column;
	}
	return out;
}

/** The mapping written as `title=Headline,start=Year` (the targets that are mapped). */
export function formatMapping(mapping: Partial<Mapping>): string {
	return MAP_TARGETS.filter((t) => mapping[t]).map((t) => `${t}=${mapping[t]}`).join(',');
}

/** The guess, with what the user chose over it; a chosen column must be one the file has. */
export function chosenMapping(table: ForeignTable, chosen: Partial<Mapping> = {}): Mapping {
	const mapping = { ...guessMapping(table), ...chosen };
	for (const t of MAP_TARGETS) {
		const column = chosen[t];
		if (!column) continue;
		const columns = (LINK_TARGETS as readonly string[]).includes(t) ? table.linkColumns : table.columns;
		if (!columns.includes(column)) {
			const known = columns.length ? columns.map((c) => JSON.stringify(c)).join(', ') : 'none';
			throw problem('map', `${t}=${column}: the file has no such ${(LINK_TARGETS as readonly string[]).includes(t) ? 'link ' : ''}column (it has ${known})`);
		}
	}
	return mapping;
}
