/**
 * The server's one store, opened at start-up (hooks.server.ts `init`) so that a locked or broken
 * data file, or an unreachable database, stops the server before it listens, with a clear message.
 */
import { databaseUrl, dataFile, seedFile } from './config';
import { PgStore } from './pg-store';
import { Store } from './store';
import type { DocumentStore } from './store-contract';

let store: DocumentStore | undefined;

/** PostgreSQL when CAUSEWAY_DATABASE_URL is set, else the data file CAUSEWAY_DATA (or data/causeway.json); seeded when new. */
export function openConfiguredStore(env: NodeJS.ProcessEnv = process.env): Promise<DocumentStore> {
	const url = databaseUrl(env);
	if (url) return PgStore.open({ url, seedFile: seedFile(env) });
	return Store.open({ file: dataFile(env), seedFile: seedFile(env) });
}

/** Opens the configured store once. */
export async function openStore(): Promise<DocumentStore> {
	if (store) return store;
	store = await openConfiguredStore();
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
