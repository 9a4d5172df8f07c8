/**
 * A table of another tool's rows turned into Causeway events and links by a mapping, visibly:
 * what was defaulted or read loosely is said ("kind “meeting” → other"), and rows that cannot be
 * imported (no date, a link to a missing node) are listed by name with the reason instead of
 * failing the whole file. Foreign ids that are not valid ids become valid ones, the original kept
 * as `externalId`, and the same file imported again gives the same ids, so it updates instead of
 * duplicating.
 */
import { formatPath } from '../errors';
import { slugify } from '../ids';
import { isCertainlyBefore } from '../partial-date';
import { isId, SCHEMA_VERSION, schemas, type Actor, type CausewayDocument, type Event, type Link } from '../schema';
import { runAtOnce, STEP, type Steps } from '../steps';
import { checkedTitle } from './common';
import { IMPORT_CAPS, overCap } from './limits';
import { confidenceOf, dateOfParts, kindOf, looseDate, monthOf, relationOf } from './loose-values';
import { columnsNamedLike, type Mapping, type MapTarget } from './mapping';
import { cellText, type CellValue, type ForeignTable, type GraphChoice, type TableRow } from './table';
import type { ImportedDocument } from './types';

/** A row that is not imported, named as a person knows it. */
export interface SkippedRow {
	collection: 'events' | 'links';
	name: string;
	where: string;
	reason: string;
}

/** An event or a link as it would be imported, in words. */
export interface SampleRow {
	[field: string]: string;
}

/** What the mapping step shows: the mapping used, the file's columns, the first rows, what was defaulted and what is left out. */
export interface MappedImport {
	mapping: Mapping;
	columns: string[];
	linkColumns: string[];
	sample: { events: SampleRow[]; links: SampleRow[] };
	/** Values mapped or defaulted, one line each, e.g. `kind “meeting” → other (3 events)`. */
	defaulted: string[];
	skipped: SkippedRow[];
	graphs?: GraphChoice[];
	graph?: number;
}

const SAMPLE = 5;

/** A short stable hash (FNV-1a, base 36): the same text always gives the same id suffix. */
function hash(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return (h >>> 0).toString(36).padStart(7, '0').slice(-6);
}

const yes = (v: CellValue | undefined) => (typeof v === 'boolean' ? v : /^(true|yes|y|1|x|c\.?|circa|approximate)$/i.test(cellText(v).trim()));
const listOf = (v: CellValue | undefined): string[] =>
	v === undefined ? [] : Array.isArray(v) ? v.map((s) => s.trim()).filter(Boolean) : String(v).split(/[;|,\n]/).map((s) => s.trim()).filter(Boolean);

class Notes {
	#counts = new Map<string, number>();
	add(line: string) {
		this.#counts.set(line, (this.#counts.get(line) ?? 0) + 1);
	}
	lines(unit: (n: number) => string): string[] {
		return [...this.#counts].map(([line, n]) => (n > 1 ? `${line} (${unit(n)})` : line));
	}
}

/** A date from one column, or from year, month and day columns. */
function dateFrom(row: TableRow, mapping: Mapping, which: 'start' | 'end', notes: Notes, dayFirst = false): { date: string; approximate: boolean } | { error: string } | null {
	const cell = (t: MapTarget) => (mapping[t] ? row.cells[mapping[t]!] : undefined);
	const main = cell(which);
	const monthCell = cell(which === 'start' ? 'startMonth' : 'endMonth');
	const dayCell = cell(which === 'start' ? 'startDay' : 'endDay');
	if (main === undefined) return null;
	const text = cellText(main).trim();
	if (monthCell !== undefined && /^\d{1,4}$/.test(text)) {
		const month = monthOf(cellText(monthCell));
		const day = dayCell === undefined ? undefined : Number(cellText(dayCell).trim());
		if (month === undefined) return { error: `${which} month “${cellText(monthCell)}” is not a month` };
		const date = dateOfParts(Number(text), month, day);
		return date ? { date, approximate: false } : { error: `${which} ${text}-${cellText(monthCell)}-${cellText(dayCell)} is not a date` };
	}
	const read = looseDate(typeof main === 'number' ? main : text, { dayFirst });
	if (!read) return { error: `${which} “${text}” is not a date` };
	if (read.note) notes.add(`${which} “${text}”: ${read.note}`);
	return read;
}

interface Context {
	current?: CausewayDocument;
	now: string;
}

/** The events of the table, keyed by the file's id and by title, for links to find. */
interface EventIndex {
	byKey: Map<string, string>;
	byTitle: Map<string, string>;
}

function* mapEvents(table: ForeignTable, mapping: Mapping, { current, now }: Context, skipped: SkippedRow[], notes: Notes, actors: Map<string, Actor>): Steps<{ events: Event[]; index: EventIndex }> {
	const events: Event[] = [];
	const index: EventIndex = { byKey: new Map(), byTitle: new Map() };
	const ids = new Set<string>();
	const byExternal = new Map<string, string>();
	for (const e of current?.events ?? []) if (e.externalId !== undefined) byExternal.set(e.externalId, e.id);
	const existing = new Map((current?.events ?? []).map((e) => [e.id, e]));
	const actorByName = new Map<string, string>();
	for (const a of current?.actors ?? []) (actorByName.set(a.name.toLowerCase(), a.id), actorByName.set(a.id, a.id));
	const text = (row: TableRow, t: MapTarget) => (mapping[t] ? cellText(row.cells[mapping[t]!]).trim() : '');
	if (!mapping.kind) notes.add('no kind column: every event is “other”');
	// Tools label nodes by `name` or by `label`, some rows one and some the other.
	const otherTitles = columnsNamedLike('title', table.columns).filter((c) => c !== mapping.title);

	for (const [i, row] of table.rows.entries()) {
		if (i % STEP === 0) yield;
		const original = text(row, 'id') || undefined;
		let title = text(row, 'title') || otherTitles.map((c) => cellText(row.cells[c]).trim()).find(Boolean) || original || '';
		const name = title || row.where;
		const skip = (reason: string) => void skipped.push({ collection: 'events', name, where: row.where, reason });
		if (!title) {
			skip('no title');
			continue;
		}
		if (title.length > 200) (title = title.slice(0, 199) + '…'), notes.add('titles over 200 characters shortened');
		const start = dateFrom(row, mapping, 'start', notes, table.dayFirst);
		if (!start) {
			skip('no date');
			continue;
		}
		if ('error' in start) {
			skip(start.error);
			continue;
		}
		let end = dateFrom(row, mapping, 'end', notes, table.dayFirst);
		if (end && 'error' in end) (notes.add(`${end.error}: end left out`), (end = null));
		if (end && isCertainlyBefore(end.date, start.date)) (notes.add(`“${name}”: end ${end.date} is before start ${start.date}: end left out`), (end = null));

		const kindText = text(row, 'kind');
		const kind = kindText ? kindOf(kindText) : null;
		if (kindText && !kind) notes.add(`kind “${kindText}” → other`);

		const actorIds: string[] = [];
		for (const actorName of listOf(mapping.actors ? row.cells[mapping.actors] : undefined)) {
			let id = actorByName.get(actorName.toLowerCase()) ?? actorByName.get(actorName);
			if (!id) {
				id = isId(actorName) ? actorName : `${slugify(actorName)}-${hash(actorName.toLowerCase())}`;
				actorByName.set(actorName.toLowerCase(), id);
				actors.set(id, { id, name: actorName.slice(0, 200), kind: 'other', description: '', revision: 1, createdAt: now, updatedAt: now });
				notes.add(`actor “${actorName}” is new: added as kind “other”`);
			}
			if (!actorIds.includes(id)) actorIds.push(id);
		}
		const tags = [...new Set(listOf(mapping.tags ? row.cells[mapping.tags] : undefined).map((t) => t.slice(0, 100)))].slice(0, 100);
		let description = text(row, 'description');
		if (description.length > 20_000) (description = description.slice(0, 19_999) + '…'), notes.add('descriptions over 20,000 characters shortened');
		const location = text(row, 'location');

		let id = original !== undefined ? byExternal.get(original) : undefined;
		id ??= original !== undefined && isId(original) && !/^\d+$/.test(original) ? original : `${slugify(title)}-${hash(original ?? `${title}\u0000${start.date}`)}`;
		if (ids.has(id)) {
			skip(original !== undefined ? `the id “${original}” is used twice in the file` : 'the same title and start as another row');
			continue;
		}
		// An event already in the document keeps what the file does not map (its sources, its
		// actors when no column names them): importing a file again must not wipe later edits.
		const was = existing.get(id);
		const { revision: _r, createdAt: _c, updatedAt: _u, ...kept } = was ?? ({} as Partial<Event>);
		const input = {
			...kept,
			id,
			title,
			start: start.date,
			...((mapping.end || !was) && { end: end?.date }),
			approximate: start.approximate || yes(mapping.approximate ? row.cells[mapping.approximate] : undefined) || (!mapping.approximate && !!was?.approximate && start.date === was.start),
			kind: kind ?? (mapping.kind || !was ? 'other' : was.kind),
			...((mapping.actors || !was) && { actorIds }),
			...((mapping.tags || !was) && { tags }),
			...((mapping.description || !was) && { description }),
			...(location && was?.location?.name !== location && { location: { name: location.slice(0, 200) } }),
			// An id kept as it was needs no record of the original.
			...(original !== undefined && original !== id && { externalId: original.slice(0, 500) })
		};
		if (input.end === undefined) delete input.end;
		const parsed = schemas.events.input.safeParse(input);
		if (!parsed.success) {
			skip(parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; '));
			continue;
		}
		ids.add(id);
		events.push({ ...parsed.data, id, revision: 1, createdAt: now, updatedAt: now } as Event);
		if (original !== undefined) index.byKey.set(original, id);
		if (!index.byTitle.has(title.toLowerCase())) index.byTitle.set(title.toLowerCase(), id);
	}
	return { events, index };
}

function* mapLinks(table: ForeignTable, mapping: Mapping, { current, now }: Context, index: EventIndex, skipped: SkippedRow[], notes: Notes): Steps<Link[]> {
	const links: Link[] = [];
	const byId = new Map((current?.events ?? []).map((e) => [e.id, e.id]));
	const byExternal = new Map<string, string>();
	const byTitle = new Map<string, string>();
	for (const e of current?.events ?? []) {
		if (e.externalId !== undefined) byExternal.set(e.externalId, e.id);
		byTitle.set(e.title.toLowerCase(), e.id);
	}
	const existing = new Map((current?.links ?? []).map((l) => [`${l.from}\u0000${l.to}\u0000${l.relation}`, l.id]));
	const linkById = new Map((current?.links ?? []).map((l) => [l.id, l]));
	const seen = new Set<string>();
	const ids = new Set<string>();
	const find = (name: string) => index.byKey.get(name) ?? index.byTitle.get(name.toLowerCase()) ?? byExternal.get(name) ?? byId.get(name) ?? byTitle.get(name.toLowerCase());
	const text = (row: TableRow, t: MapTarget) => (mapping[t] ? cellText(row.cells[mapping[t]!]).trim() : '');
	if (table.links.length && !mapping.relation) notes.add('no relation column: every link “causes”');

	for (const [i, row] of table.links.entries()) {
		if (i % STEP === 0) yield;
		const source = text(row, 'source');
		const target = text(row, 'target');
		const name = `${source || '?'} → ${target || '?'}`;
		const skip = (reason: string) => void skipped.push({ collection: 'links', name, where: row.where, reason });
		if (!source || !target) {
			skip(!source ? 'no cause (source)' : 'no effect (target)');
			continue;
		}
		const from = find(source);
		const to = find(target);
		if (!from || !to) {
			skip(`no event “${!from ? source : target}” to link ${!from ? 'from' : 'to'}`);
			continue;
		}
		if (from === to) {
			skip('a link from an event to itself');
			continue;
		}
		const relationText = text(row, 'relation');
		const relation = relationText ? relationOf(relationText) : 'causes';
		if (relationText && !relation) notes.add(`relation “${relationText}” → causes`);
		const confidenceText = text(row, 'confidence');
		const confidence = confidenceText ? confidenceOf(mapping.confidence && typeof row.cells[mapping.confidence] === 'number' ? (row.cells[mapping.confidence] as number) : confidenceText) : 'medium';
		if (confidenceText && !confidence) notes.add(`confidence “${confidenceText}” → medium`);
		const key = `${from}\u0000${to}\u0000${relation ?? 'causes'}`;
		if (seen.has(key)) {
			skip('the same cause, effect and relation as another link');
			continue;
		}
		const original = text(row, 'linkId') || undefined;
		let id = existing.get(key);
		id ??= original !== undefined && isId(original) && !/^\d+$/.test(original) ? original : `${slugify(`${from}-${to}`).slice(0, 40)}-${hash(original ?? key)}`;
		if (ids.has(id)) {
			skip(`the id “${original ?? id}” is used twice in the file`);
			continue;
		}
		const was = linkById.get(id);
		const { revision: _r, createdAt: _c, updatedAt: _u, ...kept } = was ?? ({} as Partial<Link>);
		const parsed = schemas.links.input.safeParse({
			...kept,
			id,
			from,
			to,
			relation: relation ?? 'causes',
			confidence: confidence ?? (mapping.confidence || !was ? 'medium' : was.confidence),
			note: mapping.note || !was ? text(row, 'note').slice(0, 20_000) : was.note,
			...(original !== undefined && original !== id && { externalId: original.slice(0, 500) })
		});
		if (!parsed.success) {
			skip(parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; '));
			continue;
		}
		seen.add(key);
		ids.add(id);
		links.push({ ...parsed.data, id, revision: 1, createdAt: now, updatedAt: now } as Link);
	}
	return links;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const short = (s: string, n = 80) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * The table's rows as an imported document by `mapping`. `current` (the document it goes into)
 * lets actors be found by name, re-imported events by their externalId, and links end at events
 * already there. New actors come along (`alongside`): added when missing, never replacing others.
 */
export function applyMapping(table: ForeignTable, mapping: Mapping, context: Context): ImportedDocument & { mapped: MappedImport } {
	return runAtOnce(applyMappingSteps(table, mapping, context));
}

/** applyMapping in steps (see steps.ts): a sheet of 20,000 rows takes about a second to map, and the server answers others meanwhile. */
export function* applyMappingSteps(table: ForeignTable, mapping: Mapping, context: Context): Steps<ImportedDocument & { mapped: MappedImport }> {
	if (table.rows.length > IMPORT_CAPS.events) throw overCap('events', '(file)', table.rows.length);
	if (table.links.length > IMPORT_CAPS.links) throw overCap('links', '(file)', table.links.length);
	const skipped: SkippedRow[] = (table.notEvents ?? []).map((x) => ({ collection: 'events', ...x }));
	const eventNotes = new Notes();
	const linkNotes = new Notes();
	const actors = new Map<string, Actor>();
	const { events, index } = yield* mapEvents(table, mapping, context, skipped, eventNotes, actors);
	const links = yield* mapLinks(table, mapping, context, index, skipped, linkNotes);
	const title = checkedTitle(table.title?.slice(0, 300), '(title)');
	const where = new Map<string, string>();
	table.rows.forEach((row) => {
		const original = mapping.id ? cellText(row.cells[mapping.id]) : '';
		if (original) where.set(`events\u0000${index.byKey.get(original)}`, row.where);
	});
	const titleOf = new Map([...(context.current?.events ?? []), ...events].map((e) => [e.id, e.title]));
	const actorName = new Map([...(context.current?.actors ?? []), ...actors.values()].map((a) => [a.id, a.name]));
	const document: CausewayDocument = {
		schemaVersion: SCHEMA_VERSION,
		revision: 0,
		title: title ?? '',
		events: [...events].sort(byId),
		actors: [...actors.values()].sort(byId),
		links: [...links].sort(byId),
		sources: [],
		claims: []
	};
	const plural = (word: string) => (n: number) => `${n} ${word}${n === 1 ? '' : 's'}`;
	return {
		format: table.format,
		title,
		// Links always: a replace by a list of events must not leave links to events it removed.
		collections: ['events', 'links'],
		document,
		alongside: ['actors'],
		locate: (collection, id, path = []) => formatPath(path, where.get(`${collection}\u0000${id}`) ?? `${collection}.${id}`),
		mapped: {
			mapping,
			columns: table.columns,
			linkColumns: table.linkColumns,
			sample: {
				events: events.slice(0, SAMPLE).map((e) => ({
					title: e.title,
					start: e.start,
					end: e.end ?? '',
					kind: e.kind,
					actors: e.actorIds.map((id) => actorName.get(id) ?? id).join(', '),
					description: short(e.description)
				})),
				links: links.slice(0, SAMPLE).map((l) => ({ cause: titleOf.get(l.from) ?? l.from, effect: titleOf.get(l.to) ?? l.to, relation: l.relation, confidence: l.confidence }))
			},
			defaulted: [...eventNotes.lines(plural('event')), ...linkNotes.lines(plural('link'))],
			skipped,
			...(table.graphs && { graphs: table.graphs, graph: table.graph })
		}
	};
}
