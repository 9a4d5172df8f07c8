/**
 * The journal: the document's persistent change log, one JSON line per commit (the `Committed`
 * record, revision first), appended and fsynced before the commit is acknowledged. The snapshot
 * (the data file) is rewritten in the background from the document in memory; at start-up the
 * lines after the snapshot's revision are replayed onto it. The journal is never truncated (except
 * for a torn last line): it is also each entity's history and what a tab reconnecting after a
 * restart catches up from.
 *
 * Revisions in the journal are consecutive: line i holds revision `first + i`, so a revision's
 * line is found by its byte offset without reading what comes before it.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataFileError } from './durable-file';
import type { Committed } from './store-contract';

/** The journal that belongs to a data file. */
export const journalFile = (dataFile: string) => `${dataFile}.journal`;

const NEWLINE = 0x0a;
const CLOSE_BRACE = 0x7d;
const CHUNK = 4 << 20;
const REVISION_PREFIX = /^\{"revision":(\d+),/;

/** One commit as its journal line. Revision first, so a line's revision is read without parsing it. */
export function journalLine(c: Committed): string {
	return JSON.stringify({ revision: c.revision, at: c.at, author: c.author, title: c.title, change: c.change }) + '\n';
}

function revisionOf(line: Buffer): number | null {
	const m = REVISION_PREFIX.exec(line.subarray(0, 40).toString('latin1'));
	return m ? Number(m[1]) : null;
}

function parseLine(line: Buffer): Committed | null {
	try {
		const c = JSON.parse(line.toString('utf8')) as Committed;
		return c && typeof c === 'object' && Number.isInteger(c.revision) && c.change && typeof c.change === 'object' ? c : null;
	} catch {
		return null;
	}
}

interface Line {
	start: number;
	bytes: Buffer;
	/** False for what follows the last newline: a line whose write was cut short. */
	complete: boolean;
}

/** The lines between two byte offsets, read in large chunks (a line may span several). */
async function* readLines(handle: FileHandle, from: number, to: number): AsyncGenerator<Line> {
	let pos = from;
	let pending: Buffer[] = [];
	let pendingStart = from;
	while (pos < to) {
		const length = Math.min(CHUNK, to - pos);
		const buffer = Buffer.allocUnsafe(length);
		const { bytesRead } = await handle.read(buffer, 0, length, pos);
		if (bytesRead === 0) break;
		const chunk = buffer.subarray(0, bytesRead);
		const chunkStart = pos;
		pos += bytesRead;
		let i = 0;
		for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, i)) {
			const piece = chunk.subarray(i, nl);
			if (pending.length) {
				yield { start: pendingStart, bytes: Buffer.concat([...pending, piece]), complete: true };
				pending = [];
			} else {
				yield { start: chunkStart + i, bytes: piece, complete: true };
			}
			i = nl + 1;
		}
		if (i < chunk.length) {
			if (!pending.length) pendingStart = chunkStart + i;
			pending.push(chunk.subarray(i));
		}
	}
	if (pending.length) yield { start: pendingStart, bytes: Buffer.concat(pending), complete: false };
}

async function syncFolder(file: string): Promise<void> {
	const folder = await open(dirname(file), 'r');
	try {
		await folder.sync();
	} finally {
		await folder.close();
	}
}

export interface OpenedJournal {
	journal: Journal;
	/** The commits after the snapshot's revision, oldest first, to replay onto it. */
	replay: Committed[];
	/** Set when a torn last line (a write cut short, never acknowledged) was dropped. */
	dropped?: { line: number; bytes: number };
}

export class Journal {
	readonly file: string;
	readonly #handle: FileHandle;
	/** The revision of the first line (when empty: of the next commit). */
	readonly #first: number;
	/** Byte offset of each line. */
	readonly #starts: number[];
	/** Bytes of whole, durable lines. */
	#size: number;

	private constructor(file: string, handle: FileHandle, first: number, starts: number[], size: number) {
		this.file = file;
		this.#handle = handle;
		this.#first = first;
		this.#starts = starts;
		this.#size = size;
	}

	/**
	 * Opens (or creates) the journal of a snapshot at revision `after`: indexes its lines, parses
	 * those after `after`, drops a torn last line. A bad line anywhere else, a gap in the revisions,
	 * or a journal that does not reach the snapshot's revision is a DataFileError: nothing is changed.
	 */
	static async open(file: string, after: number): Promise<OpenedJournal> {
		const handle = await open(file, 'a+', 0o644);
		try {
			await syncFolder(file);
			const { size } = await handle.stat();
			const starts: number[] = [];
			const replay: Committed[] = [];
			let first: number | null = null;
			let dropped: OpenedJournal['dropped'];
			let end = 0;
			for await (const line of readLines(handle, 0, size)) {
				const number = starts.length + 1;
				const last = !line.complete || line.start + line.bytes.length + 1 >= size;
				const revision = line.complete && line.bytes.at(-1) === CLOSE_BRACE ? revisionOf(line.bytes) : null;
				const record = revision !== null && revision > after ? parseLine(line.bytes) : null;
				const readable = revision !== null && (revision <= after || record !== null);
				if (!readable) {
					if (last) {
						dropped = { line: number, bytes: size - line.start };
						break;
					}
					throw new DataFileError(
						`the journal ${file} is damaged at line ${number} (byte ${line.start}): it is not a whole commit record. ` +
							`Nothing was changed. Lines 1–${number - 1} are intact; restore the journal from a backup, or move it aside to start from the data file alone (losing the commits after its revision ${after}).`
					);
				}
				const expected: number = first === null ? revision : first + starts.length;
				if (revision !== expected) {
					throw new DataFileError(
						`the journal ${file} is damaged at line ${number}: revision ${revision} where ${expected} was expected. Nothing was changed; restore the journal from a backup, or move it aside.`
					);
				}
				first ??= revision;
				starts.push(line.start);
				if (record) replay.push(record);
				end = line.start + line.bytes.length + 1;
			}
			if (dropped) {
				await handle.truncate(end);
				await handle.datasync();
			}
			if (first !== null && first > after + 1) {
				throw new DataFileError(
					`the journal ${file} starts at revision ${first} but the data file is at revision ${after}: the commits in between are missing. Nothing was changed.`
				);
			}
			const lastRevision = first === null ? after : first + starts.length - 1;
			if (lastRevision < after) {
				throw new DataFileError(
					`the journal ${file} ends at revision ${lastRevision} but the data file is at revision ${after}: they do not belong together. Nothing was changed; move the journal aside to start a new one.`
				);
			}
			return { journal: new Journal(file, handle, first ?? after + 1, starts, end), replay, dropped };
		} catch (err) {
			await handle.close();
			throw err;
		}
	}

	/** The revision of the first commit the journal holds. */
	get first(): number {
		return this.#first;
	}

	/** The revision of the last commit on disk (first - 1 when empty). */
	get last(): number {
		return this.#first + this.#starts.length - 1;
	}

	/**
	 * Appends commits (consecutive revisions following the last) in one write and one fsync; resolves
	 * once they are on disk. On failure the file is cut back to what it was, so a later append does
	 * not follow half a line.
	 */
	async append(commits: Committed[]): Promise<void> {
		if (!commits.length) return;
		if (commits[0].revision !== this.last + 1) throw new Error(`journal: revision ${commits[0].revision} appended after ${this.last}`);
		const lines = commits.map((c) => Buffer.from(journalLine(c)));
		const bytes = Buffer.concat(lines);
		try {
			let written = 0;
			while (written < bytes.length) written += (await this.#handle.write(bytes, written, bytes.length - written)).bytesWritten;
			await this.#handle.datasync();
		} catch (err) {
			await this.#handle.truncate(this.#size).catch(() => {});
			throw err;
		}
		let offset = this.#size;
		for (const line of lines) {
			this.#starts.push(offset);
			offset += line.length;
		}
		this.#size = offset;
	}

	/** Where the line of `revision` ends (the whole journal when it is the last). */
	#endOf(revision: number): number {
		return this.#starts[revision - this.#first + 1] ?? this.#size;
	}

	/** The commits after `revision` up to `upTo`, oldest first; null when the journal does not reach back that far. */
	async since(revision: number, upTo = this.last): Promise<Committed[] | null> {
		if (revision < this.#first - 1) return null;
		if (revision >= upTo) return [];
		const out: Committed[] = [];
		for await (const line of readLines(this.#handle, this.#starts[revision + 1 - this.#first], this.#endOf(upTo))) {
			const c = parseLine(line.bytes);
			if (!c) throw new DataFileError(`the journal ${this.file} is damaged at byte ${line.start}`);
			out.push(c);
		}
		return out;
	}

	/** The commits up to `upTo` whose line contains `needle`, oldest first (read from disk). */
	async scan(needle: string, upTo = this.last): Promise<Committed[]> {
		const out: Committed[] = [];
		if (upTo < this.#first) return out;
		const probe = Buffer.from(needle);
		for await (const line of readLines(this.#handle, 0, this.#endOf(upTo))) {
			if (line.bytes.indexOf(probe) < 0) continue;
			const c = parseLine(line.bytes);
			if (c) out.push(c);
		}
		return out;
	}

	async close(): Promise<void> {
		await this.#handle.close();
	}
}
