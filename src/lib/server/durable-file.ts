/**
 * A lowdb adapter that writes a JSON file durably. lowdb's own JSONFile (via steno) never fsyncs
 * and uses one fixed temp-file name; this one writes a uniquely named temp file, fsyncs it, renames
 * it over the target and fsyncs the folder, so an acknowledged write survives a crash or `kill -9`
 * and a reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

export class DataFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataFileError';
	}
}

export class DurableJSONFile<T> implements Adapter<T> {
	readonly #file: string;

	constructor(file: string) {
		this.#file = file;
	}

	/** The parsed file, or null when there is no file yet. A file that is not JSON is an error, never "empty". */
	async read(): Promise<T | null> {
		let text: string;
		try {
			text = await readFile(this.#file, 'utf8');
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw err;
		}
		try {
			return JSON.parse(text) as T;
		} catch (err) {
			throw new DataFileError(`${this.#file} is not valid JSON (${(err as Error).message}); it was left as it is`);
		}
	}

	async write(data: T): Promise<void> {
		await writeDurably(this.#file, JSON.stringify(data) + '\n');
	}
}

/** Writes `text` to `file` so that after it resolves the content is on disk, whole. */
export async function writeDurably(file: string, text: string): Promise<void> {
	const dir = dirname(file);
	const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
	const handle = await open(temp, 'wx', 0o644);
	try {
		await handle.writeFile(text, 'utf8');
		await handle.sync();
	} catch (err) {
		await handle.close();
		await unlink(temp).catch(() => {});
		throw err;
	}
	await handle.close();
	try {
		await rename(temp, file);
	} catch (err) {
		await unlink(temp).catch(() => {});
		throw err;
	}
	// The rename is durable only once the folder entry is.
	const folder = await open(dir, 'r');
	try {
		await folder.sync();
	} finally {
		await folder.close();
	}
}
