/**
 * Files from earlier schema versions, brought up to the current one before they are validated:
 * imports, the data file and the seed alike. `MIGRATIONS[n]` is a pure function from the raw JSON
 * of a version-n file to that of a version n+1 file.
 */
import { SCHEMA_VERSION } from '../schema';
import { problem } from './common';

/** One step: the raw JSON of a version-n file in, that of a version n+1 file out. */
export type Migration = (file: Record<string, unknown>) => Record<string, unknown>;

/** `MIGRATIONS[n]` turns a schemaVersion n file into a schemaVersion n+1 file. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
	// Version 2 adds claims: a version-1 file has none.
	1: (file) => ({ ...file, claims: Array.isArray(file.claims) ? file.claims : [] })
};

/**
 * The file brought to `target` (the current schema version) one step at a time. Refuses a file
 * without a version, one from a newer Causeway, and one no chain of steps reaches.
 */
export function migrate(
	file: Record<string, unknown>,
	migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
	target: number = SCHEMA_VERSION
): Record<string, unknown> {
	const version = file.schemaVersion;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		throw problem('schemaVersion', `expected a schema version (1 to ${target}), got ${JSON.stringify(version) ?? 'nothing'}`);
	}
	if (version > target) {
		throw problem('schemaVersion', `the file is from a newer Causeway (schemaVersion ${version}); this one reads versions up to ${target}`);
	}
	let current = file;
	for (let v = version; v < target; v++) {
		const step = migrations[v];
		if (!step) throw problem('schemaVersion', `there is no migration from schemaVersion ${v} to ${v + 1}`);
		current = { ...step(current), schemaVersion: v + 1 };
	}
	return current;
}
