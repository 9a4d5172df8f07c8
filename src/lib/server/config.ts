/** Where the data lives, from the environment (paths relative to the folder the server starts in). */
import { resolve } from 'node:path';

/** The data file: `CAUSEWAY_DATA`, else data/causeway.json. */
export function dataFile(env: NodeJS.ProcessEnv = process.env): string {
	return resolve(env.CAUSEWAY_DATA || 'data/causeway.json');
}

/** The bundled dataset a new data file starts from. */
export function seedFile(env: NodeJS.ProcessEnv = process.env): string {
	return resolve(env.CAUSEWAY_SEED || 'data/seed/kursk.json');
}

/** The token writes must carry (`Authorization: Bearer …`), if any. */
export function writeToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
	return env.CAUSEWAY_TOKEN || undefined;
}

/** The PostgreSQL database the store uses instead of the data file (`CAUSEWAY_DATABASE_URL`), if any. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
	return env.CAUSEWAY_DATABASE_URL || undefined;
}
