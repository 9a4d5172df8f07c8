/** Where the data lives, from the environment (paths relative to the folder the server starts in). */
import { dirname, join, resolve } from 'node:path';

/**
 * The default document's file: `CAUSEWAY_DATA`; else `default.json` in CAUSEWAY_DATA_DIR when that
 * is set; else data/causeway.json.
 */
export function dataFile(env: NodeJS.ProcessEnv = process.env): string {
	if (env.CAUSEWAY_DATA) return resolve(env.CAUSEWAY_DATA);
	if (env.CAUSEWAY_DATA_DIR) return join(resolve(env.CAUSEWAY_DATA_DIR), 'default.json');
	return resolve('data/causeway.json');
}

/** The folder of the other documents (`<id>.json` each): CAUSEWAY_DATA_DIR, else `documents/` beside the default file. */
export function documentsFolder(env: NodeJS.ProcessEnv = process.env): string {
	return env.CAUSEWAY_DATA_DIR ? resolve(env.CAUSEWAY_DATA_DIR) : join(dirname(dataFile(env)), 'documents');
}

/** The bundled dataset a new data file starts from. */
export function seedFile(env: NodeJS.ProcessEnv = process.env): string {
	return resolve(env.CAUSEWAY_SEED || 'data/seed/kursk.json');
}

/** The token writes must carry (`Authorization: Bearer …`), if any. */
export function writeToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
	return env.CAUSEWAY_TOKEN || undefined;
}

/** The users file (names and token hashes), when named users are configured. */
export function usersFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
	return env.CAUSEWAY_USERS ? resolve(env.CAUSEWAY_USERS) : undefined;
}

/** The PostgreSQL database the store uses instead of the data file (`CAUSEWAY_DATABASE_URL`), if any. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
	return env.CAUSEWAY_DATABASE_URL || undefined;
}
