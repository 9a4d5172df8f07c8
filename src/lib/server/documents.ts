/**
 * The server's documents: the default one (what `/api/…` serves) and the others, each with its own
 * store — its own lock and commit queue — opened on first use and kept open. Where they are kept
 * is a DocumentPlace (document-files.ts: lowdb files). Ids never come from a path as they are: a
 * route's id is checked against the id pattern (documentIdOf) before anything looks it up.
 */
import { DEFAULT_DOCUMENT, documentIdOf, documentSegment, isDocumentId } from '$lib/domain/document-route';
import { emptyDocument } from '$lib/domain/document';
import { DomainError } from '$lib/domain/errors';
import { newId } from '$lib/domain/ids';
import { COLLECTIONS, type CausewayDocument, type CollectionName } from '$lib/domain/schema';
import { databaseUrl, seedFile } from './config';
import { documentFiles, type DocumentPlace } from './document-files';
import { pgDocuments } from './pg-documents';
import { DataFileError } from './durable-file';
import { HttpError } from './http';
import { LockedError } from './lock';
import type { DocumentStore } from './store-contract';

/** A document as the documents list shows it. */
export interface DocumentInfo {
	id: string;
	title: string;
	revision: number;
	counts: Record<CollectionName, number>;
	/** The last committed change, when the store still knows it. */
	lastChange: { revision: number; at?: string; author?: string } | null;
}

/** A document that is there but cannot be opened, as the list shows it. */
export interface UnavailableDocument {
	id: string;
	problem: string;
}

let chosen: DocumentPlace | undefined;
/** Where the documents are kept: PostgreSQL with CAUSEWAY_DATABASE_URL, else the lowdb files. Read on first use, after the environment is set. */
function where(): DocumentPlace {
	const url = databaseUrl();
	return (chosen ??= url ? pgDocuments(url, seedFile()) : documentFiles);
}

/**
 * The one place a document's store is made: `id`'s store, created from `initial` when given (it
 * must not exist yet); the default document starts from the bundled dataset.
 */
export function openDocumentStore(id: string, initial?: CausewayDocument): Promise<DocumentStore> {
	return where().open(id, initial);
}

/** The open stores by id; a promise, so that two requests opening one document open it once. */
const open = new Map<string, Promise<DocumentStore>>();
/** Creations and deletions, one at a time: a new id is checked free and taken in one step. */
let registryTurn: Promise<unknown> = Promise.resolve();
function inTurn<T>(run: () => Promise<T>): Promise<T> {
	const next = registryTurn.then(run, run);
	registryTurn = next.catch(() => {});
	return next;
}

let shutdownHooked = false;
function hookShutdown() {
	if (shutdownHooked) return;
	shutdownHooked = true;
	const all = () => [...open.values()].map((p) => p.then((s) => s, () => null));
	// adapter-node emits this after it stops accepting requests (SIGINT/SIGTERM).
	process.once('sveltekit:shutdown' as 'exit', () => void Promise.all(all()).then((stores) => Promise.all(stores.map((s) => s?.close()))));
	process.once('exit', () => {
		for (const s of loaded.values()) s.releaseLock();
	});
}
/** Documents being deleted. */
const deleting = new Set<string>();
/** The stores that finished opening, for process exit (where nothing can be awaited). */
const loaded = new Map<string, DocumentStore>();

function remember(id: string, opening: Promise<DocumentStore>): Promise<DocumentStore> {
	hookShutdown();
	open.set(id, opening);
	opening.then(
		(s) => loaded.set(id, s),
		() => open.delete(id)
	);
	return opening;
}

/** The store of document `id` (a valid id), opened on first use; a DomainError 'not_found' when there is no such document. */
export async function documentStore(id: string): Promise<DocumentStore> {
	const opened = open.get(id);
	if (opened) {
		const store = loaded.get(id);
		if (!store?.deleted) return opened;
		// Deleted by another server on the same database: forgotten here, then looked up again (it may have been made anew).
		if (open.get(id) === opened) {
			open.delete(id);
			loaded.delete(id);
			void store.close().catch(() => {});
		}
	}
	if (deleting.has(id)) throw new DomainError('not_found', `there is no document "${id}"`);
	if (id !== DEFAULT_DOCUMENT && !(await where().exists(id))) throw new DomainError('not_found', `there is no document "${id}"`);
	return open.get(id) ?? remember(id, openDocumentStore(id).catch(unavailable));
}

/** A document that cannot be opened (held by another server, not a valid document) is said as such, not as a crash. */
function unavailable(err: unknown): never {
	if (err instanceof LockedError || err instanceof DataFileError) throw new HttpError(503, 'document_unavailable', err.message);
	throw err;
}

/** The default document's store, opened at start-up so that a locked or broken file stops the server before it listens. */
export function defaultStore(): Promise<DocumentStore> {
	// Its errors as they are: start-up says them in the server's words (hooks.server.ts).
	return open.get(DEFAULT_DOCUMENT) ?? remember(DEFAULT_DOCUMENT, openDocumentStore(DEFAULT_DOCUMENT));
}

/**
 * The store a request is about: the document in its URL as it was sent (`/api/d/{id}/…`, `/d/{id}`),
 * else the default document. 400 for a segment that is not an id, 404 for an unknown document.
 */
export async function storeFor(event: { url: URL }): Promise<DocumentStore> {
	return documentStore(documentIdFor(event));
}

/** The id of the document a request is about (see storeFor). */
export function documentIdFor(event: { url: URL }): string {
	const segment = documentSegment(event.url.pathname);
	if (segment === null) return DEFAULT_DOCUMENT;
	const id = documentIdOf(segment);
	if (id === null) {
		throw new HttpError(400, 'invalid_document_id', 'a document id is lower-case letters, digits and "-" (at most 64), starting with a letter or digit');
	}
	return id;
}

/** The ids of every document, the default one first. */
async function documentIds(): Promise<string[]> {
	return [DEFAULT_DOCUMENT, ...(await where().ids()).sort()];
}

/** What the documents list says of one document. */
export async function documentInfo(id: string, store: DocumentStore): Promise<DocumentInfo> {
	const doc = store.document;
	const counts = Object.fromEntries(COLLECTIONS.map((c) => [c, doc[c].length])) as Record<CollectionName, number>;
	const last = doc.revision > 0 ? ((await store.changesSince(doc.revision - 1))?.at(-1) ?? null) : null;
	const lastChange = last ? { revision: last.revision, ...(last.at && { at: last.at }), ...(last.author && { author: last.author }) } : null;
	return { id, title: doc.title, revision: doc.revision, counts, lastChange };
}

/** Every document, the default one first. */
export async function listDocuments(): Promise<(DocumentInfo | UnavailableDocument)[]> {
	const out: (DocumentInfo | UnavailableDocument)[] = [];
	for (const id of await documentIds()) {
		try {
			out.push(await documentInfo(id, await documentStore(id)));
		} catch (err) {
			if (err instanceof HttpError && err.code === 'document_unavailable') out.push({ id, problem: err.message });
			// Otherwise deleted meanwhile.
			else if (!(err instanceof DomainError && err.code === 'not_found')) throw err;
		}
	}
	return out;
}

/** A new document titled `title`: empty, or `from` (an imported file's document). Its id is made from the title. */
export function createDocument(title: string, from?: CausewayDocument): Promise<{ id: string; store: DocumentStore }> {
	return inTurn(async () => {
		const taken = new Set(await documentIds());
		const id = newId(title, (candidate) => taken.has(candidate) || !isDocumentId(candidate));
		const initial = { ...(from ?? emptyDocument(title)), title };
		const store = await remember(id, openDocumentStore(id, initial));
		return { id, store };
	});
}

/** Renames document `id`: one commit, recorded with its author. */
export async function renameDocument(id: string, title: string, author?: string): Promise<DocumentStore> {
	const store = await documentStore(id);
	await store.replaceDocument((current) => ({ document: { ...current, title } }), { author });
	return store;
}

/**
 * Deletes document `id`: its store is closed and the document put away with a copy kept (for the
 * files: moved into the backups folder). The default document cannot be deleted.
 */
export function deleteDocument(id: string): Promise<{ backup: string }> {
	return inTurn(async () => {
		if (id === DEFAULT_DOCUMENT) throw new DomainError('conflict', 'the default document cannot be deleted');
		const store = await documentStore(id);
		// Not opened again while it is put away.
		deleting.add(id);
		try {
			open.delete(id);
			loaded.delete(id);
			await store.close();
			return await where().remove(id, store);
		} finally {
			deleting.delete(id);
		}
	});
}
