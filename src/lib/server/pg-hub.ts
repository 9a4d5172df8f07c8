/**
 * What the PostgreSQL stores of one process on one database share: a pool of connections, and one
 * LISTEN connection whose notifications go to the stores of the document they name. With a store
 * per document (several investigations on one server), a pool and a listener each would use up
 * the database's connections. The LISTEN connection is a dedicated client (a pooled one would be
 * handed to others and lose its LISTEN); when it drops it is opened again, and every store then
 * catches up on what it missed.
 */
import pg from 'pg';

/** The channel every server listens on; the payload names the document and its new revision, or that it was deleted. */
export const CHANNEL = 'causeway_changes';
const POOL_SIZE = 8;
const RECONNECT_MS = 500;

export interface Follower {
	/** A commit of the follower's document reached `revision`. */
	notice(revision: number): void;
	/** The LISTEN connection came back: notifications may have been missed. */
	reconnected(): void;
	/** The document was deleted (by this server or another). */
	deleted(): void;
}

const hubs = new Map<string, Hub>();

class Hub {
	readonly pool: pg.Pool;
	readonly #url: string;
	readonly #followers = new Map<string, Set<Follower>>();
	#users = 0;
	#listener: pg.Client | null = null;
	#listening: Promise<void> | null = null;
	#closed = false;

	constructor(url: string) {
		this.#url = url;
		this.pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
		// An idle client whose connection drops emits this; unhandled it would end the process.
		this.pool.on('error', (err) => console.error(`PostgreSQL: ${err.message}`));
	}

	join(document: string, follower: Follower): () => Promise<void> {
		this.#users++;
		const set = this.#followers.get(document) ?? new Set();
		set.add(follower);
		this.#followers.set(document, set);
		let left = false;
		return async () => {
			if (left) return;
			left = true;
			set.delete(follower);
			if (!set.size) this.#followers.delete(document);
			if (--this.#users === 0) await this.#close();
		};
	}

	/** Resolves once LISTEN is in place; rejects when the database cannot be reached. */
	listening(): Promise<void> {
		this.#listening ??= this.#listen().catch((err) => {
			this.#listening = null;
			throw err;
		});
		return this.#listening;
	}

	async #listen() {
		const client = new pg.Client({ connectionString: this.#url });
		client.on('notification', (n) => {
			if (n.channel !== CHANNEL || !n.payload) return;
			let notice: { document?: unknown; revision?: unknown; deleted?: unknown };
			try {
				notice = JSON.parse(n.payload);
			} catch {
				return;
			}
			if (typeof notice.document !== 'string') return;
			if (notice.deleted === true) for (const f of this.#followers.get(notice.document) ?? []) f.deleted();
			if (typeof notice.revision !== 'number') return;
			for (const f of this.#followers.get(notice.document) ?? []) f.notice(notice.revision);
		});
		client.on('error', () => this.#lost(client));
		client.on('end', () => this.#lost(client));
		try {
			await client.connect();
			await client.query(`LISTEN ${CHANNEL}`);
		} catch (err) {
			await client.end().catch(() => {});
			throw err;
		}
		if (this.#closed) return void (await client.end().catch(() => {}));
		this.#listener = client;
	}

	#lost(client: pg.Client) {
		if (this.#closed || this.#listener !== client) return;
		this.#listener = null;
		client.end().catch(() => {});
		void this.#reconnect();
	}

	async #reconnect() {
		while (!this.#closed) {
			await new Promise((r) => setTimeout(r, RECONNECT_MS));
			try {
				await this.#listen();
			} catch {
				continue;
			}
			for (const set of this.#followers.values()) for (const f of set) f.reconnected();
			return;
		}
	}

	async #close() {
		this.#closed = true;
		hubs.delete(this.#url);
		await this.#listener?.end().catch(() => {});
		await this.pool.end().catch(() => {});
	}
}

/**
 * Joins the stores sharing `url`: returns their pool and the function that leaves (the last to
 * leave closes the connections). Resolves once notifications for `document` reach `follower`.
 */
export async function joinHub(url: string, document: string, follower: Follower): Promise<{ pool: pg.Pool; leave: () => Promise<void> }> {
	let hub = hubs.get(url);
	if (!hub) hubs.set(url, (hub = new Hub(url)));
	const leave = hub.join(document, follower);
	try {
		await hub.listening();
	} catch (err) {
		await leave();
		throw err;
	}
	return { pool: hub.pool, leave };
}
