/**
 * The server's one store, opened at start-up (hooks.server.ts `init`) so that a locked or broken
 * data file stops the server before it listens, with a clear message.
 */
import { dataFile, seedFile } from './config';
import { Store } from './store';
import type { DocumentStore } from './store-contract';

let store: Store | undefined;

/** Opens the store on CAUSEWAY_DATA (or data/causeway.json), seeding it when absent. */
export async function openStore(): Promise<Store> {
	if (store) return store;
	store = await Store.open({ file: dataFile(), seedFile: seedFile() });
	const opened = store;
	// adapter-node emits this after it stops accepting requests (SIGINT/SIGTERM).
	process.once('sveltekit:shutdown' as 'exit', () => void opened.close());
	process.once('exit', () => opened.releaseLock());
	return store;
}

/** The open store. */
export function getStore(): DocumentStore {
	if (!store) throw new Error('the store is not open yet');
	return store;
}
