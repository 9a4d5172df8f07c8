/**
 * `npm run migrate -- --from SOURCE --to TARGET [--replace]`: moves the document between the
 * embedded data file and PostgreSQL, either way. SOURCE and TARGET are each a data file path or a
 * postgres:// URL. A new target (no file, or a database without the document) gets the document
 * as it is, revision included; one that already holds a document is replaced only with
 * --replace, as a replace-import (one commit, the replaced document kept as a backup).
 * Both must be free: stop the servers using them first (a data file's lock makes this refuse).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CausewayDocument } from '$lib/domain/schema';
import { writeDurably } from '$lib/server/durable-file';
import { createDocument, describeUrl, hasDocument } from '$lib/server/pg-rows';
import { PgStore } from '$lib/server/pg-store';
import { Store } from '$lib/server/store';
import type { DocumentStore } from '$lib/server/store-contract';
import { fail, UsageError, userPath } from './store-file';

const USAGE = 'usage: npm run migrate -- --from data/causeway.json|postgres://… --to postgres://…|file.json [--replace]';

const isDatabase = (where: string) => /^postgres(ql)?:\/\//i.test(where);
const describe = (where: string) => (isDatabase(where) ? describeUrl(where) : userPath(where));

async function openSource(from: string): Promise<DocumentStore> {
	if (isDatabase(from)) {
		if (!(await hasDocument(from))) throw new UsageError(`${describeUrl(from)} holds no Causeway document to move.`);
		return PgStore.open({ url: from });
	}
	const file = userPath(from);
	if (!existsSync(file)) throw new UsageError(`There is no data file at ${file}.`);
	return Store.open({ file });
}

/** Writes `doc` to a target that holds nothing yet; false when it already holds a document. */
async function createTarget(to: string, doc: CausewayDocument): Promise<boolean> {
	if (isDatabase(to)) return createDocument(to, doc);
	const file = userPath(to);
	if (existsSync(file)) return false;
	await writeDurably(file, JSON.stringify(doc) + '\n');
	return true;
}

const openTarget = (to: string): Promise<DocumentStore> => (isDatabase(to) ? PgStore.open({ url: to }) : Store.open({ file: userPath(to) }));

const counts = (doc: CausewayDocument) =>
	`${doc.events.length} events, ${doc.links.length} links, ${doc.actors.length} actors, ${doc.sources.length} sources, ${doc.claims.length} claims`;

async function main() {
	let values;
	try {
		({ values } = parseArgs({
			options: { from: { type: 'string' }, to: { type: 'string' }, replace: { type: 'boolean', default: false }, help: { type: 'boolean' } },
			strict: true
		}));
	} catch (err) {
		throw new UsageError(`${(err as Error).message}\n${USAGE}`);
	}
	if (values.help) return void console.log(USAGE);
	if (!values.from || !values.to) throw new UsageError(USAGE);
	if (describe(values.from) === describe(values.to)) throw new UsageError('--from and --to are the same place');

	const source = await openSource(values.from);
	const doc = source.document;
	await source.close();

	if (!(await createTarget(values.to, doc))) {
		if (!values.replace) {
			throw new UsageError(`${describe(values.to)} already holds a document. Add --replace to replace it (the one there now is kept as a backup).`);
		}
		const target = await openTarget(values.to);
		try {
			const { committed, backupFile } = await target.replaceDocument((current) => ({ document: { ...doc, revision: current.revision } }), { backup: true, author: 'migrate' });
			console.log(`Replaced the document in ${describe(values.to)} (now revision ${committed.revision}); the one replaced is kept in ${backupFile}.`);
		} finally {
			await target.close();
		}
	}
	// Read back through the store, as a server would.
	const check = await openTarget(values.to);
	const moved = check.document;
	await check.close();
	console.log(`Moved ${counts(moved)} (revision ${moved.revision}) from ${describe(values.from)} to ${describe(values.to)}.`);
}

main().catch(fail);
