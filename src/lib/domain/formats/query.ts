/**
 * The query strings of GET /api/export and POST /api/import, read strictly: an unknown parameter
 * is refused rather than ignored, so that a typo like `dryrun=true` cannot turn a dry run into a
 * real import.
 */
import { isDay } from '../filter';
import { ID_PATTERN } from '../schema';
import { problem } from './common';
import { isExportFormat, isImportFormat } from './index';
import { EXPORT_FORMATS, IMPORT_FORMATS, type ExportFormat, type ImportFormat } from './types';
import { parseMapping, type Mapping } from './mapping';
import { IMPORT_MODES, type ImportMode } from './plan';

function only(params: URLSearchParams, allowed: string[]) {
	for (const key of params.keys()) {
		if (!allowed.includes(key)) throw problem(key, `unknown query parameter; use ${allowed.join(', ')}`);
	}
}

function single(params: URLSearchParams, key: string): string | undefined {
	const values = params.getAll(key);
	if (values.length > 1) throw problem(key, 'given more than once');
	return values[0];
}

/**
 * `?format=…&ids=a,b,c&asOf=YYYY-MM-DD`: the format (default causeway), for "what is shown" the
 * event ids, and for "what was known then" the day.
 */
export function exportQuery(params: URLSearchParams): { format: ExportFormat; ids?: string[]; asOf?: string } {
	only(params, ['format', 'ids', 'asOf']);
	const format = single(params, 'format') ?? 'causeway';
	if (!isExportFormat(format)) throw problem('format', `unknown format "${format}"; use one of ${EXPORT_FORMATS.join(', ')}`);
	const asOf = single(params, 'asOf');
	if (asOf !== undefined && !isDay(asOf)) throw problem('asOf', `use a day, YYYY-MM-DD, not ${JSON.stringify(asOf)}`);
	const list = params.getAll('ids');
	if (!list.length) return { format, ...(asOf !== undefined && { asOf }) };
	const ids = list.flatMap((v) => v.split(',')).map((id) => id.trim()).filter(Boolean);
	const bad = ids.find((id) => !ID_PATTERN.test(id));
	if (bad !== undefined) throw problem('ids', `not an id: ${JSON.stringify(bad)}`);
	return { format, ids, ...(asOf !== undefined && { asOf }) };
}

const BOOLEAN: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };

export interface ImportQuery {
	mode: ImportMode;
	dryRun: boolean;
	format?: ImportFormat;
	map?: Partial<Mapping>;
	graph?: number;
	skipInvalid?: boolean;
}

/**
 * `?mode=merge|replace&dryRun=true&format=…&map=title=Headline,start=Year&graph=1&skipInvalid=true`:
 * mode defaults to merge, dryRun to false, format to what the content shows; for another tool's
 * file, `map` changes the guessed mapping (mapping.ts), `graph` chooses one of several graphs, and
 * `skipInvalid` agrees to import the rest when some rows cannot be imported.
 */
export function importQuery(params: URLSearchParams): ImportQuery {
	only(params, ['mode', 'dryRun', 'format', 'map', 'graph', 'skipInvalid']);
	const mode = single(params, 'mode') ?? 'merge';
	if (!(IMPORT_MODES as readonly string[]).includes(mode)) throw problem('mode', `use merge or replace, not "${mode}"`);
	const dryRun = single(params, 'dryRun') ?? 'false';
	if (!(dryRun in BOOLEAN)) throw problem('dryRun', `use true or false, not "${dryRun}"`);
	const format = single(params, 'format');
	if (format !== undefined && !isImportFormat(format)) throw problem('format', `cannot import "${format}"; use one of ${IMPORT_FORMATS.join(', ')}`);
	const map = single(params, 'map');
	const graph = single(params, 'graph');
	if (graph !== undefined && !/^\d{1,4}$/.test(graph)) throw problem('graph', `the number of a graph in the file, from 0, not "${graph}"`);
	const skipInvalid = single(params, 'skipInvalid');
	if (skipInvalid !== undefined && !(skipInvalid in BOOLEAN)) throw problem('skipInvalid', `use true or false, not "${skipInvalid}"`);
	return {
		mode: mode as ImportMode,
		dryRun: BOOLEAN[dryRun],
		...(format !== undefined && { format }),
		...(map !== undefined && { map: parseMapping(map) }),
		...(graph !== undefined && { graph: Number(graph) }),
		...(skipInvalid !== undefined && { skipInvalid: BOOLEAN[skipInvalid] })
	};
}
