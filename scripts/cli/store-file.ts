/**
 * What the export and import commands share: where the data file is, opening it the way the
 * server does (so a running server's lock makes them refuse), and failing politely.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError } from '$lib/domain/errors';
import { DEFAULT_DOCUMENT, isDocumentId } from '$lib/domain/document-route';
import { dataFile, documentsFolder } from '$lib/server/config';
import { DataFileError } from '$lib/server/durable-file';
import { LockedError } from '$lib/server/lock';
import { Store } from '$lib/server/store';

/** A path the user typed, relative to where they ran `npm run` from (npm itself runs in the project folder). */
export function userPath(path: string): string {
	return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Prints the message (and the issues of a DomainError) and exits with 1. */
export function fail(err: unknown): never {
	if (err instanceof LockedError || err instanceof DataFileError || err instanceof UsageError) {
		console.error(err.message);
	} else if (err instanceof DomainError) {
		console.error(`Refused (${err.code}): ${err.message}`);
		const more = (err.issues ?? []).slice(1, 21);
		for (const issue of more) console.error(`  ${issue.path}: ${issue.message}`);
		if ((err.issues?.length ?? 0) > 21) console.error(`  … and ${err.issues!.length - 21} more`);
	} else {
		console.error(err);
	}
	process.exit(1);
}

export class UsageError extends Error {}

/**
 * Opens the store on CAUSEWAY_DATA (or data/causeway.json), or with `document` another
 * investigation's file (`<id>.json` in the documents folder, as the server keeps it). `create`: a
 * missing default file starts as an empty document; otherwise a missing file is an error (an
 * export should not create one, and a new investigation is made by the server, with its title).
 */
export async function openStoreFile({ create, document }: { create: boolean; document?: string }): Promise<Store> {
	const other = document !== undefined && document !== DEFAULT_DOCUMENT;
	if (other && !isDocumentId(document)) throw new UsageError(`--document: "${document}" is not a document id (lower-case letters, digits and "-")`);
	const file = other ? join(documentsFolder(), `${document}.json`) : dataFile();
	if (other && !existsSync(file)) {
		throw new UsageError(`There is no investigation "${document}" (no file ${file}). The ids are in GET /api/documents; CAUSEWAY_DATA or CAUSEWAY_DATA_DIR say where the files are.`);
	}
	if (!create && !existsSync(file)) {
		throw new UsageError(`There is no data file at ${file}. Start the server once (it creates it), or set CAUSEWAY_DATA.`);
	}
	try {
		return await Store.open({ file });
	} catch (err) {
		if (err instanceof LockedError) {
			throw new UsageError(`${err.message}\nWhile a server runs, use its API instead: GET /api/export, POST /api/import.`);
		}
		throw err;
	}
}
