/**
 * The data file's surroundings at start-up: the seed, the folder, symlinks, temp files left by a
 * kill, and what to say when one of them is wrong.
 */
import { readdir, readFile, realpath, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { emptyDocument, parseDocument } from '$lib/domain/document';
import { DomainError } from '$lib/domain/errors';
import type { CausewayDocument } from '$lib/domain/schema';
import { DataFileError } from './durable-file';


export async function initialDocument(seedFile: string | undefined): Promise<CausewayDocument> {
	if (!seedFile) return emptyDocument();
	let raw: unknown;
	try {
		raw = JSON.parse(await readFile(seedFile, 'utf8'));
	} catch (err) {
		throw new DataFileError(`the seed ${seedFile} could not be read: ${(err as Error).message}`);
	}
	return parseDocument(raw);
}

export function describeInvalid(file: string, err: unknown): Error {
	if (!(err instanceof DomainError)) return err as Error;
	const list = (err.issues ?? []).slice(0, 10).map((i) => `  ${i.path}: ${i.message}`).join('\n');
	return new DataFileError(`${file} is not a valid Causeway document; it was left as it is:\n${list || err.message}`);
}

const PERMISSION_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'EISDIR']);

/** A start-up failure to use the data folder, said as what is wrong and how to fix it. */
export function unusableFolder(file: string, err: unknown): Error {
	const code = (err as NodeJS.ErrnoException)?.code ?? '';
	if (!PERMISSION_CODES.has(code)) return err as Error;
	const why: Record<string, string> = {
		EACCES: 'this user may not write there',
		EPERM: 'this user may not write there',
		EROFS: 'the file system is read-only',
		ENOSPC: 'the disk is full',
		EDQUOT: 'the disk quota is used up',
		ENOTDIR: 'a part of the path is a file, not a folder',
		EISDIR: 'the path is a folder, not a file'
	};
	return new DataFileError(
		`cannot use the data file ${file}: ${why[code]} (${code}). ` +
			`Make ${dirname(file)} writable by this user, free some space, or set CAUSEWAY_DATA to a file in a writable folder.`
	);
}

/** The data file's real path: symlinks to the file or its folder resolved (the file need not exist yet). */
export async function realDataPath(file: string): Promise<string> {
	try {
		return await realpath(file);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
		return join(await realpath(dirname(file)), basename(file));
	}
}

/**
 * Temp files left by writes that a kill interrupted (`.causeway.json.<pid>.<random>.tmp`, see
 * writeDurably). Only the lock holder writes this file, so once the lock is taken none is in use.
 */
export async function removeStaleTempFiles(file: string): Promise<void> {
	const prefix = `.${basename(file)}.`;
	for (const name of await readdir(dirname(file))) {
		if (name.startsWith(prefix) && name.endsWith('.tmp')) await unlink(join(dirname(file), name)).catch(() => {});
	}
}
