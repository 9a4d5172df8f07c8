/**
 * `npm run import -- file.json [--mode merge|replace] [--dry-run] [--format causeway|cytoscape|jgf|csv]`:
 * loads a file into the data file (CAUSEWAY_DATA or data/causeway.json) as POST /api/import does —
 * validated whole first, one commit, a backup before a replace — without a server (a running
 * server holds the lock: then use the API). A missing data file starts as an empty document (it
 * is created only when the import goes ahead).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { emptyDocument } from '$lib/domain/document';
import { IMPORT_FORMATS, IMPORT_MODES, isImportFormat, parseImport, type ImportMode } from '$lib/domain/formats';
import { runImport, type ImportReport, type ImportTarget } from '$lib/domain/formats/run-import';
import { dataFile } from '$lib/server/config';
import { COLLECTIONS } from '$lib/domain/schema';
import { fail, openStoreFile, UsageError, userPath } from './store-file';

const USAGE = `usage: npm run import -- FILE [--mode ${IMPORT_MODES.join('|')}] [--dry-run] [--format ${IMPORT_FORMATS.join('|')}]`;

function print(report: ImportReport, file: string) {
	const what = report.dryRun ? 'Dry run: nothing was written.' : `Imported into ${file} (revision ${report.revision}).`;
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
		options: { mode: { type: 'string', default: 'merge' }, 'dry-run': { type: 'boolean', default: false }, format: { type: 'string' }, help: { type: 'boolean' } },
		allowPositionals: true,
		strict: true
	});
	if (values.help) return void console.log(USAGE);
	if (positionals.length !== 1) throw new UsageError(`name one file to import\n${USAGE}`);
	if (!(IMPORT_MODES as readonly string[]).includes(values.mode)) throw new UsageError(`--mode is merge or replace, not "${values.mode}"`);
	if (values.format !== undefined && !isImportFormat(values.format)) throw new UsageError(`cannot import "${values.format}"\n${USAGE}`);

	const path = userPath(positionals[0]);
	const bytes = new Uint8Array(
		await readFile(path).catch((err: NodeJS.ErrnoException) => {
			throw new UsageError(`cannot read ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
		})
	);
	const request = { mode: values.mode as ImportMode, dryRun: values['dry-run'], format: values.format };

	if (!existsSync(dataFile())) {
		// Nothing to create the data file for unless the import will go ahead.
		if (request.dryRun) return finish(await runImport(emptyTarget, bytes, request), dataFile());
		parseImport(bytes, { format: request.format });
	}
	const store = await openStoreFile({ create: true });
	try {
		finish(await runImport(store, bytes, request), store.file);
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

function finish(report: ImportReport, file: string) {
	print(report, file);
	if (!report.wouldApply) process.exitCode = 1;
}

main().catch(fail);
