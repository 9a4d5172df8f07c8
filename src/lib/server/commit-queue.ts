/**
 * Group commit. Each edit asks for the latest document to be persisted and waits; while a write
 * is on its way to disk, newer requests pile up and are all satisfied by the next single write.
 * One write for many edits is what keeps p99 low at 200 edits/s on a 7 MB file (STACK.md §4).
 */
export class CommitQueue<T> {
	readonly #write: (data: T) => Promise<void>;
	#pending: { data: T; waiters: { resolve: () => void; reject: (e: unknown) => void }[] } | null = null;
	#running = false;
	/** How many writes reached the disk; for tests and the benchmark. */
	writes = 0;

	constructor(write: (data: T) => Promise<void>) {
		this.#write = write;
	}

	/**
	 * Resolves once `data`, or a later document that contains it, is on disk. When a write fails,
	 * it and every request queued behind it (they were built on top of it) are rejected.
	 */
	persist(data: T): Promise<void> {
		return new Promise((resolve, reject) => {
			if (this.#pending) {
				this.#pending.data = data;
				this.#pending.waiters.push({ resolve, reject });
			} else {
				this.#pending = { data, waiters: [{ resolve, reject }] };
			}
			if (!this.#running) void this.#drain();
		});
	}

	async #drain() {
		this.#running = true;
		while (this.#pending) {
			const batch = this.#pending;
			this.#pending = null;
			try {
				await this.#write(batch.data);
				this.writes++;
				for (const w of batch.waiters) w.resolve();
			} catch (err) {
				const queued = this.#pending as typeof batch | null;
				this.#pending = null;
				for (const w of [...batch.waiters, ...(queued?.waiters ?? [])]) w.reject(err);
			}
		}
		this.#running = false;
	}

	/** Resolves when nothing is waiting to be written. */
	async idle(): Promise<void> {
		while (this.#running) await new Promise((r) => setTimeout(r, 5));
	}
}
