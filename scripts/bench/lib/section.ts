/**
 * A benchmark section: one named group of figures (`server` now; `timeline`, `graph`, … later, each
 * in its own file under sections/ and listed in sections/index.ts). `npm run bench -- --only name`
 * runs a subset.
 */
import type { BenchOptions } from './options';
import type { SectionReport } from './report';

export interface Section {
	name: string;
	/** One line for --list. */
	description: string;
	/**
	 * Measures and reports. Throws when it cannot measure at all (server did not start…); problems
	 * that spoil some figures go into `failures`. Everything it starts or creates is registered with
	 * onCleanup (lib/cleanup.ts), so it is undone on failure and Ctrl-C too.
	 */
	run(options: BenchOptions, log: (message: string) => void): Promise<SectionReport>;
}
