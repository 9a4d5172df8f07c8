/**
 * A lowdb adapter that writes a JSON file durably. lowdb's own JSONFile (via steno) never fsyncs
 * and uses one fixed temp-file name; this one writes a uniquely named temp file, fsyncs it, renames
 * it over the target and fsyncs the folder, so an acknowledged write survives a crash or `kill -9`
 * and a reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

export class DataFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataFileError';
	}
}

/**
 * Encodes a document as JSON bytes, identical to `JSON.stringify(data) + "\n"`, but re-encoding
 * only the records it has not seen. Records are immutable (an edit makes new objects for what it
 * changes), so a record's bytes can be kept by identity: at 10,000 events an edit re-encodes a
 * few records instead of 15 MB, which is most of what a write used to cost (see scripts/bench).
 */
export class RecordEncoder {
	readonly #cache = new WeakMap<object, Buffer>();

	#record(item: unknown): Buffer {
		if (!item || typeof item !== 'object') return Buffer.from(JSON.stringify(item) ?? 'null');
		let bytes = this.#cache.get(item);
		if (!bytes) this.#cache.set(item, (bytes = Buffer.from(JSON.stringify(item))));
		return bytes;
	}

	/** The document's bytes as a list of pieces, most of them cached; written as is with writev. */
	encode(data: object): Buffer[] {
		const parts: Buffer[] = [OPEN];
		let first = true;
		for (const [key, value] of Object.entries(data)) {
			if (value === undefined || typeof value === 'function') continue;
			parts.push(Buffer.from(`${first ? '' : ','}${JSON.stringify(key)}:`));
			first = false;
			if (Array.isArray(value)) {
				parts.push(OPEN_ARRAY);
				value.forEach((item, i) => {
					if (i > 0) parts.push(COMMA);
					parts.push(this.#record(item));
				});
				parts.push(CLOSE_ARRAY);
			} else {
				parts.push(Buffer.from(JSON.stringify(value)));
			}
		}
		parts.push(CLOSE);
		return parts;
	}
}

const OPEN = Buffer.from('{');
const CLOSE = Buffer.from('}\n');
const OPEN_ARRAY = Buffer.from('[');
const CLOSE_ARRAY = Buffer.from(']');
const COMMA = Buffer.from(',');

/** How much of a snapshot is written between flushes. */
const SNAPSHOT_SLICE = 1024 * 1024;

export class DurableJSONFile<T> implements Adapter<T> {
	readonly #file: string;
	readonly #encoder = new RecordEncoder();
	#lastWritten: Buffer[] | null = null;
	#joined: Buffer | null = null;
	#lastData: T | null = null;

	constructor(file: string) {
		this.#file = file;
	}

	/** The bytes of the last write (what is on disk), to serve without encoding again. */
	get lastWritten(): Buffer | null {
		if (!this.#lastWritten) return null;
		// Joined only when asked for, so the copy stays off the write path.
		return (this.#joined ??= Buffer.concat(this.#lastWritten));
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

	/** `data` as JSON bytes, through the same per-record cache as the writes. */
	encode(data: T): Buffer {
		if (this.#lastWritten && this.#lastData === data) return this.lastWritten!;
		return Buffer.concat(this.#encoder.encode(data as object));
	}

	/** Takes `data` as what is on disk (just read and validated), encoding it once. */
	remember(data: T): void {
		this.#lastWritten = this.#encoder.encode(data as object);
		this.#lastData = data;
		this.#joined = null;
	}

	async write(data: T): Promise<void> {
		const parts = this.#encoder.encode(data as object);
		await writeDurably(this.#file, parts, { slice: SNAPSHOT_SLICE });
		this.#lastWritten = parts;
		this.#lastData = data;
		this.#joined = null;
	}
}

/**
 * Writes the parts in slices of about `slice` bytes, each flushed before the next: a 15–75 MB
 * snapshot then never puts one large flush in front of the journal's small fsync (on ext4 an
 * fsync can wait for other files' dirty data), so edits acknowledged meanwhile wait for a slice at most.
 */
async function writeInSlices(handle: FileHandle, parts: Uint8Array[], slice: number): Promise<void> {
	let batch: Uint8Array[] = [];
	let size = 0;
	let position = 0;
	const flush = async () => {
		const bytes = batch.length === 1 ? batch[0] : Buffer.concat(batch);
		for (let done = 0; done < bytes.byteLength; ) done += (await handle.write(bytes, done, bytes.byteLength - done, position + done)).bytesWritten;
		position += bytes.byteLength;
		await handle.datasync();
		batch = [];
		size = 0;
	};
	for (const part of parts) {
		batch.push(part);
		size += part.byteLength;
		if (size >= slice) await flush();
	}
	if (size) await flush();
}

async function writeAll(handle: FileHandle, parts: Uint8Array[]): Promise<void> {
	const total = parts.reduce((n, p) => n + p.byteLength, 0);
	const { bytesWritten } = await handle.writev(parts);
	// writev may stop short, as write may; finish the rest in one piece.
	if (bytesWritten < total) await handle.write(Buffer.concat(parts).subarray(bytesWritten), 0, total - bytesWritten, bytesWritten);
}

/**
 * Writes `content` to `file` so that after it resolves the content is on disk, whole. With
 * `slice`, a list of parts is written and flushed that many bytes at a time (see writeInSlices).
 */
export async function writeDurably(file: string, content: string | Uint8Array | Uint8Array[], options: { slice?: number } = {}): Promise<void> {
	const dir = dirname(file);
	const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
	const handle = await open(temp, 'wx', 0o644);
	try {
		if (Array.isArray(content) && options.slice) await writeInSlices(handle, content, options.slice);
		else if (Array.isArray(content)) await writeAll(handle, content);
		else await handle.writeFile(content);
		// Data and the size the file needs to be read back; the rename and the folder fsync below
		// make the name durable.
		await handle.datasync();
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
