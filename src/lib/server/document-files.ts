/**
 * Where documents are kept, as the registry (documents.ts) needs it: made, found, listed and put
 * away. Here, the embedded lowdb files: the default document is CAUSEWAY_DATA, every other one
 * `<id>.json` in the documents folder. Another store (PostgreSQL) gives its own DocumentPlace.
 */
import { access, mkdir, open as openFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_DOCUMENT, isDocumentId } from '$lib/domain/document-route';
import { DomainError } from '$lib/domain/errors';
import type { CausewayDocument } from '$lib/domain/schema';
import { dataFile, documentsFolder, seedFile } from './config';
import { writeDurably } from './durable-file';
import { Store } from './store';
import type { DocumentStore } from './store-contract';

export interface DocumentPlace {
	/** The store of `id`; made from `initial` when given (it must not exist yet). */
	open(id: string, initial?: CausewayDocument): Promise<DocumentStore>;
	exists(id: string): Promise<boolean>;
	/** The ids of the documents other than the default one, in any order. */
	ids(): Promise<string[]>;
	/** Puts away a document whose store is closed, keeping a copy; resolves with where. */
	remove(id: string, store: DocumentStore): Promise<{ backup: string }>;
}

/** Only ids that passed isDocumentId reach here: nothing from a request is joined as it came. */
const fileOf = (id: string) => (id === DEFAULT_DOCUMENT ? dataFile() : join(documentsFolder(), `${id}.json`));
const present = (file: string) => access(file).then(() => true, () => false);

async function syncFolder(folder: string): Promise<void> {
	const handle = await openFile(folder, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** The documents as lowdb files. */
export const documentFiles: DocumentPlace = {
	async open(id, initial) {
		const file = fileOf(id);
		if (initial) {
			await mkdir(documentsFolder(), { recursive: true });
			if (await present(file)) throw new DomainError('conflict', `a document "${id}" exists already`);
			await writeDurably(file, JSON.stringify(initial) + '\n');
		}
		return Store.open({ file, seedFile: id === DEFAULT_DOCUMENT ? seedFile() : undefined });
	},

	exists: async (id) => (id === DEFAULT_DOCUMENT || fileOf(id) !== dataFile()) && present(fileOf(id)),

	async ids() {
		const names = await readdir(documentsFolder()).catch((err: NodeJS.ErrnoException) => {
			if (err.code === 'ENOENT') return [] as string[];
			throw err;
		});
		// CAUSEWAY_DATA may name a file in the folder: it is the default document, not another one.
		const defaultFile = dataFile();
		return names.flatMap((n) => {
			const m = /^(.+)\.json$/.exec(n);
			return m && isDocumentId(m[1]) && m[1] !== DEFAULT_DOCUMENT && join(documentsFolder(), n) !== defaultFile ? [m[1]] : [];
		});
	},

	/**
	 * Moves the document's file, and whatever its store keeps beside it (`<id>.json.*`, such as a
	 * journal), into the backups folder, so that a deletion can be undone by hand.
	 */
	async remove(id, store) {
		const folder = documentsFolder();
		const backups = store.backupFolder;
		await mkdir(backups, { recursive: true });
		const stamp = new Date().toISOString().replace(/[:.]/g, '-');
		const backup = join(backups, `${id}-deleted-${stamp}.json`);
		const file = `${id}.json`;
		for (const name of await readdir(folder)) {
			// The lock went with close().
			if (name.startsWith(`${file}.`) && !name.endsWith('.lock')) await rename(join(folder, name), `${backup}${name.slice(file.length)}`);
		}
		// The document last: until it is gone, the document still lists.
		await rename(join(folder, file), backup);
		// A rename is on disk once both folders' entries are.
		await syncFolder(folder);
		await syncFolder(backups);
		return { backup };
	}
};
