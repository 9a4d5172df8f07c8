/**
 * `npm run import -- FILE [--links LINKS.csv] [--map title=Headline,start=Year…] [--graph N]
 * [--skip-invalid] [--mode merge|replace] [--dry-run] [--format …] [--document ID]`:
 * loads a file into the data file (CAUSEWAY_DATA or data/causeway.json; with --document, that
 * investigation's) as POST /api/import does —
 * validated whole first, one commit, a backup before a replace — without a server (a running
 * server holds the lock: then use the API). A missing data file starts as an empty document (it
 * is created only when the import goes ahead). Another tool's file goes through the same mapping
 * step as in the Import dialog: the mapping used is printed, with what was defaulted and what is
 * left out; `--map` changes the guess, `--skip-invalid` imports the rest.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyDocument } from '$lib/domain/document';
import { IMPORT_FORMATS, IMPORT_MODES, isImportFormat, type ImportMode } from '$lib/domain/formats';
import type { MappedImport } from '$lib/domain/formats/apply-mapping';
import { formatMapping, MAP_TARGETS, parseMapping, TARGET_LABELS, type Mapping } from '$lib/domain/formats/mapping';
import { runImport, type ImportReport, type ImportTarget } from '$lib/domain/formats/run-import';
import { zipFiles } from '$lib/domain/formats/zip';
import { dataFile } from '$lib/server/config';
import { COLLECTIONS } from '$lib/domain/schema';
import { fail, openStoreFile, UsageError, userPath } from './store-file';

const USAGE = `usage: npm run import -- FILE [--links LINKS.csv] [--map target=column,…] [--graph N] [--skip-invalid] [--mode ${IMPORT_MODES.join('|')}] [--dry-run] [--format ${IMPORT_FORMATS.join('|')}] [--document ID]
  targets of --map: ${MAP_TARGETS.join(', ')} (an empty column: not mapped)`;

function printMapping(mapped: MappedImport) {
	if (mapped.graphs) {
		console.log('Graphs in the file (choose with --graph N):');
		for (const g of mapped.graphs) console.log(`  ${g.index === mapped.graph ? '*' : ' '} ${g.index}: ${g.label ?? g.id ?? '(no name)'} (${g.nodes} nodes, ${g.edges} edges)`);
	}
	console.log(`Mapping used: --map ${formatMapping(mapped.mapping) || '(none)'}`);
	for (const t of MAP_TARGETS) if (mapped.mapping[t]) console.log(`  ${TARGET_LABELS[t].padEnd(28)} ← ${mapped.mapping[t]}`);
	const unused = [...mapped.columns, ...mapped.linkColumns].filter((c) => !Object.values(mapped.mapping).includes(c));
	if (unused.length) console.log(`  not imported: ${[...new Set(unused)].join(', ')}`);
	for (const [c, rows] of Object.entries(mapped.sample)) {
		for (const row of rows) console.log(`  first ${c}: ${Object.entries(row).filter(([, v]) => v).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ')}`);
	}
	for (const line of mapped.defaulted) console.log(`  defaulted: ${line}`);
	for (const s of mapped.skipped) console.log(`  left out: “${s.name}” (${s.where}): ${s.reason}`);
	if (mapped.skipped.length) console.log(`  ${mapped.skipped.length} left out: add --skip-invalid to import the rest`);
}

function print(report: ImportReport, file: string, asked: { dryRun: boolean }) {
	if (report.mapped) printMapping(report.mapped);
	for (const line of report.placeholders) console.log(`  added: ${line}`);
	const what = !report.dryRun ? `Imported into ${file} (revision ${report.revision}).` : asked.dryRun ? 'Dry run: nothing was written.' : 'Not imported: nothing was written.';
	console.log(`${what} Format ${report.format ?? 'unknown'}, mode ${report.mode}.`);
	for (const c of COLLECTIONS) {
		const s = report.summary[c];
		console.log(`  ${c.padEnd(8)} ${s.added} added, ${s.updated} updated, ${s.removed} removed, ${s.unchanged} unchanged`);
	}
	for (const [c, ids] of Object.entries(report.overwritten)) console.log(`  overwritten ${c}: ${ids.join(', ')}`);
	if (report.backup) console.log(`  the replaced document was saved to ${report.backup}`);
	for (const p of report.problems.slice(0, 20)) console.log(`  problem: ${p.path}: ${p.message}`);
	if (report.problems.length > 20) console.log(`  … and ${report.problems.length - 20} more problems`);
}

async function main() {
	const { values, positionals } = parseArgs({
		options: {
			mode: { type: 'string', default: 'merge' },
			'dry-run': { type: 'boolean', default: false },
			format: { type: 'string' },
			map: { type: 'string' },
			graph: { type: 'string' },
			links: { type: 'string' },
			'skip-invalid': { type: 'boolean', default: false },
			document: { type: 'string' },
			help: { type: 'boolean' }
		},
		allowPositionals: true,
		strict: true
	});
	if (values.help) return void console.log(USAGE);
	if (positionals.length !== 1) throw new UsageError(`name one file to import\n${USAGE}`);
	if (!(IMPORT_MODES as readonly string[]).includes(values.mode)) throw new UsageError(`--mode is merge or replace, not "${values.mode}"`);
	if (values.format !== undefined && !isImportFormat(values.format)) throw new UsageError(`cannot import "${values.format}"\n${USAGE}`);

	if (values.graph !== undefined && !/^\d+$/.test(values.graph)) throw new UsageError(`--graph is the number of a graph in the file, from 0, not "${values.graph}"`);
	let map: Partial<Mapping> | undefined;
	try {
		map = values.map === undefined ? undefined : parseMapping(values.map);
	} catch (err) {
		throw new UsageError(`--map: ${(err as Error).message.replace(/^map: /, '')}`);
	}

	const read = async (name: string) => {
		const path = userPath(name);
		return new Uint8Array(
			await readFile(path).catch((err: NodeJS.ErrnoException) => {
				throw new UsageError(`cannot read ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
			})
		);
	};
	let bytes = await read(positionals[0]);
	if (values.links !== undefined) {
		// Two sheets travel as one zip, as they do from the page and over the API.
		const text = (b: Uint8Array) => new TextDecoder().decode(b);
		bytes = zipFiles({ [basename(positionals[0])]: text(bytes), [`links-${basename(values.links)}`]: text(await read(values.links)) }, new Date());
	}
	const request = {
		mode: values.mode as ImportMode,
		dryRun: values['dry-run'],
		format: values.format,
		map,
		...(values.graph !== undefined && { graph: Number(values.graph) }),
		skipInvalid: values['skip-invalid']
	};

	if (!existsSync(dataFile())) {
		// Nothing to create the data file for unless the import will go ahead.
		const check = await runImport(emptyTarget, bytes, { ...request, dryRun: true });
		if (request.dryRun || !check.wouldApply) return finish(check, dataFile(), request);
	}
	const store = await openStoreFile({ create: true, document: values.document });
	try {
		// A check first, so that a refusal still shows the mapping and what it would leave out.
		const check = await runImport(store, bytes, { ...request, dryRun: true });
		finish(request.dryRun || !check.wouldApply ? check : await runImport(store, bytes, request), store.file, request);
	} finally {
		await store.close();
	}
}

/** A missing data file, for a dry run: an empty document that is never written. */
const empty = emptyDocument();
const emptyTarget: ImportTarget = {
	document: empty,
	latest: empty,
	replaceDocument: () => Promise.reject(new Error('a dry run does not write'))
};

function finish(report: ImportReport, file: string, asked: { dryRun: boolean }) {
	print(report, file, asked);
	if (!report.wouldApply) process.exitCode = 1;
}

main().catch(fail);
