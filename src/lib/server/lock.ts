/**
 * One writer per data file: a lock file beside it (`causeway.json.lock`) names the process that
 * holds it. A second server on the same file refuses to start; a lock left by a process that no
 * longer runs (killed with -9, a crash) is taken over, so a restart is never blocked.
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export class LockedError extends Error {
	constructor(
		readonly file: string,
		readonly holder: LockInfo
	) {
		super(
			`${file} is in use by another Causeway server (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}). ` +
				`Stop that server, or set CAUSEWAY_DATA to another file.`
		);
		this.name = 'LockedError';
	}
}

export interface LockInfo {
	pid: number;
	host: string;
	startedAt: string;
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		// EPERM: it runs, as another user.
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readLock(path: string): LockInfo | null {
	try {
		const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
		return typeof info.pid === 'number' ? info : null;
	} catch {
		return null;
	}
}

/** Locks this process holds, so that a second store on the same file in one process is refused too. */
const held = new Set<string>();

export interface FileLock {
	readonly path: string;
	release(): void;
}

/** Takes the lock on `file`, or throws LockedError naming the process that holds it. */
export function lockFile(file: string): FileLock {
	const path = `${file}.lock`;
	const mine: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const fd = openSync(path, 'wx', 0o644);
			writeSync(fd, JSON.stringify(mine));
			closeSync(fd);
			held.add(path);
			let released = false;
			return {
				path,
				release() {
					if (released) return;
					released = true;
					held.delete(path);
					const holder = readLock(path);
					if (holder?.pid !== mine.pid || holder.startedAt !== mine.startedAt) return;
					try {
						unlinkSync(path);
					} catch (err) {
						// Runs at exit, where a throw would be an uncaught exception: a folder made read-only
						// since the start leaves the lock behind, and the next start takes it over as stale.
						console.warn(`Causeway: could not remove the lock ${path} (${(err as NodeJS.ErrnoException).code}); the next start will take it over.`);
					}
				}
			};
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		}
		const holder = readLock(path);
		// A lock from another machine sharing the folder cannot be checked; it is respected. Our own
		// pid in a lock we do not hold is a previous life (a container restarts at the same pid).
		const alive = holder && (holder.pid === process.pid ? held.has(path) : isRunning(holder.pid));
		if (holder && (holder.host !== mine.host || alive)) {
			throw new LockedError(file, holder);
		}
		// Stale (or unreadable, from a crash mid-write): move it aside rather than unlink, so two
		// servers breaking the same stale lock cannot both remove a fresh one.
		try {
			renameSync(path, `${path}.stale-${process.pid}`);
			unlinkSync(`${path}.stale-${process.pid}`);
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
		}
	}
	throw new Error(`could not take the lock ${path}`);
}
