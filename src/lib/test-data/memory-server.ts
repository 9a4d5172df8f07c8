/**
 * For the client state's unit specs: a server in memory that commits with the same planner the
 * real one uses (planChange), on a document of its own, with a change stream per tab. A spec can
 * change the document "elsewhere" (another tab), take the network away, lose an answer after the
 * commit, or hold a tab's stream and deliver it late or out of order. The real server is covered
 * by tests/api and tests/e2e.
 */
import { applyChange, diffTouched, isEmptyChange, type Change } from '../domain/changes';
import { runImport, type ImportReport } from '../domain/formats/run-import';
import { DomainError } from '../domain/errors';
import { entityHistory, type HistoryEntry } from '../domain/history';
import { planChange, type Op } from '../domain/ops';
import { COLLECTIONS, type CausewayDocument, type CollectionName } from '../domain/schema';
import { EditError, Unreachable, type Committed, type ImportFileRequest, type StreamListener, type Transport } from '../state/transport';

const NOW = '2026-11-21T10:00:00.000Z';
const STATUS = { invalid: 400, not_found: 404, conflict: 409, stale: 412 } as const;

/** One tab's connection: its stream can be held back and let through later, in any order. */
export class MemoryTab implements Transport {
	#listener: StreamListener | null = null;
	/** While true, the stream keeps what it should deliver in `held`. */
	holdStream = false;
	readonly held: Committed[] = [];
	/** How many times the whole document was asked for. */
	loads = 0;
	signIns = 0;
	/** What `load` answers instead of the server's document (a stale copy, say). */
	loadOverride: CausewayDocument | null = null;

	constructor(private readonly server: MemoryServer) {}

	async send(ops: Op[]): Promise<Committed> {
		return this.server.receive(ops);
	}

	async history(collection: CollectionName, id: string): Promise<HistoryEntry[]> {
		if (this.server.offline) throw new Unreachable();
		return entityHistory(this.server.log, collection, id);
	}

	async load(): Promise<CausewayDocument> {
		if (this.server.offline) throw new Unreachable();
		this.loads++;
		return this.loadOverride ?? this.server.doc;
	}

	async importFile(file: Blob, request: ImportFileRequest): Promise<ImportReport> {
		return this.server.importFile(await file.text(), request);
	}

	follow(since: number, listener: StreamListener): () => void {
		this.#listener = listener;
		for (const c of this.server.log.filter((c) => c.revision > since)) this.deliver(c);
		return () => (this.#listener = null);
	}

	signIn(): void {
		this.signIns++;
	}

	deliver(committed: Committed): void {
		if (this.holdStream) this.held.push(committed);
		else queueMicrotask(() => this.#listener?.change(committed));
	}

	/** Lets held changes through, in the order given by their revisions (default: as held). */
	release(revisions = this.held.map((c) => c.revision)): void {
		for (const revision of revisions) {
			const i = this.held.findIndex((c) => c.revision === revision);
			const [committed] = this.held.splice(i, 1);
			this.#listener?.change(committed);
		}
	}
}

export class MemoryServer {
	offline = false;
	/** Commits the next n batches and then loses their answers (the client sees the network fail). */
	loseAnswers = 0;
	/** Answers the next batches with this status (401: the session ended). */
	refuseWith: number | null = null;
	/** Every batch of operations received, in order. */
	readonly received: Op[][] = [];
	readonly log: Committed[] = [];
	readonly tabs: MemoryTab[] = [];

	constructor(public doc: CausewayDocument) {}

	/** A new tab's transport. */
	tab(): MemoryTab {
		const tab = new MemoryTab(this);
		this.tabs.push(tab);
		return tab;
	}

	/** Commits operations as another client would (its stream goes to every tab). */
	elsewhere(ops: Op[]): Committed {
		return this.#commit(ops);
	}

	#commit(ops: Op[]): Committed {
		return this.#publish(planChange(this.doc, ops, { now: NOW }).change);
	}

	#publish(change: Change, title = this.doc.title): Committed {
		this.doc = { ...applyChange(this.doc, change), revision: this.doc.revision + 1, title };
		const committed = { revision: this.doc.revision, change, title };
		this.log.push(committed);
		for (const tab of this.tabs) tab.deliver(committed);
		return committed;
	}

	/** `POST /api/import`, as the real server answers it (with the same runImport). */
	async importFile(text: string, { mode, dryRun }: ImportFileRequest): Promise<ImportReport> {
		if (this.offline) throw new Unreachable();
		try {
			return await runImport(
				{
					document: this.doc,
					latest: this.doc,
					replaceDocument: async (plan) => {
						const result = plan(this.doc, NOW);
						const touched = {} as Record<CollectionName, Set<string>>;
						for (const c of COLLECTIONS) touched[c] = new Set([...this.doc[c], ...result.document[c]].map((x) => x.id));
						const change = diffTouched(this.doc, result.document, touched);
						if (isEmptyChange(change)) return { committed: { revision: this.doc.revision }, result };
						return { committed: this.#publish(change, result.document.title), result };
					}
				},
				text,
				{ mode, dryRun }
			);
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			throw new EditError(STATUS[err.code as keyof typeof STATUS] ?? 400, err.code, err.message, err.issues);
		}
	}

	/** `POST /api/changes`, as the real server answers it. */
	async receive(ops: Op[]): Promise<Committed> {
		if (this.offline) throw new Unreachable();
		if (this.refuseWith) throw new EditError(this.refuseWith, 'unauthorized', 'sign in');
		this.received.push(structuredClone(ops));
		try {
			const committed = this.#commit(ops);
			if (this.loseAnswers > 0) {
				this.loseAnswers--;
				throw new Unreachable('the answer was lost');
			}
			return committed;
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			throw new EditError(STATUS[err.code as keyof typeof STATUS] ?? 400, err.code, err.message, err.issues, err.current);
		}
	}
}
