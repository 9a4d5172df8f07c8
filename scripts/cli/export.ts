/**
 * `npm run export -- --format jgf --out file.json [--ids a,b,c] [--document ID]`: the data file
 * (CAUSEWAY_DATA or data/causeway.json; with --document, that investigation's) in any export format, without a server (a running server holds the lock:
 * then use GET /api/export). `--out -` writes to standard output (use `npm run -s`); without
 * --out the file gets its usual name in the current folder.
 */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, exportDocument, isExportFormat } from '$lib/domain/formats';
import { fail, openStoreFile, UsageError, userPath } from './store-file';

const USAGE = `usage: npm run export -- [--format ${EXPORT_FORMATS.join('|')}] [--out FILE|-] [--ids id1,id2,…] [--document ID]`;

async function main() {
	const { values } = parseArgs({
		options: { format: { type: 'string', default: 'causeway' }, out: { type: 'string' }, ids: { type: 'string' }, document: { type: 'string' }, help: { type: 'boolean' } },
		strict: true
	});
	if (values.help) return void console.log(USAGE);
	if (!isExportFormat(values.format)) throw new UsageError(`unknown format "${values.format}"\n${USAGE}`);
	const ids = values.ids?.split(',').map((id) => id.trim()).filter(Boolean);

	const store = await openStoreFile({ create: false, document: values.document });
	try {
		const file = exportDocument(store.document, values.format, { ids });
		if (values.out === '-') {
			process.stdout.write(file.body);
			return;
		}
		const out = userPath(values.out ?? file.filename);
		if (out === store.file) throw new UsageError(`${out} is the data file itself; choose another --out`);
		await writeFile(out, file.body);
		const doc = ids ? `${ids.length} selected events` : `${store.document.events.length} events, ${store.document.links.length} links`;
		console.error(`wrote ${relative(process.cwd(), out) || out} (${values.format}, ${doc})`);
	} finally {
		await store.close();
	}
}

main().catch(fail);
