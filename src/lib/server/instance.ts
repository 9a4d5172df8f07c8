/**
 * The default document's store, opened at start-up (hooks.server.ts `init`) so that a locked or
 * broken data file stops the server before it listens, with a clear message. The other documents
 * open on first use (documents.ts).
 */
import { defaultStore } from './documents';
import type { DocumentStore } from './store-contract';

let store: DocumentStore | undefined;

/** Opens the default document's store on CAUSEWAY_DATA (or data/causeway.json), seeding it when absent. */
export async function openStore(): Promise<DocumentStore> {
	store ??= await defaultStore();
	return store;
}

/** The default document's store, once open. */
export function getStore(): DocumentStore {
	if (!store) throw new Error('the store is not open yet');
	return store;
}
