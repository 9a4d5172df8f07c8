/** Command-line options of `npm run bench` (after `--`), shared by every section. */
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { BUDGET_SIZE } from '../generate';

export interface BenchOptions {
	/** The project root. */
	root: string;
	/** Section names to run (empty: all). */
	only: string[];
	/** Document size and seed. */
	events: number;
	links: number;
	actors: number;
	seed: number;
	/** Server section: sequential edits measured, sustained rate (edits/s) and its duration (s). */
	edits: number;
	rate: number;
	duration: number;
	/** Browser sections: interleaved rounds of the side-by-side section. */
	rounds: number;
	/** Growth section: the event counts measured (links 1.5 per event, actors as given). */
	sizes: number[];
	/** Build first when the build is older than the sources (scripts/start.mjs); false with --no-build. */
	build: boolean;
	/** Where temp folders go (the data file's disk matters for fsync). */
	tmp: string;
	/** Print the servers' output as they run. */
	verbose: boolean;
	/** Write the server's CPU profile into this folder and summarise it ("" for none). */
	profile: string;
}

export const USAGE = `npm run bench [-- options]

  --only <a,b>      run only these sections (see --list)
  --list            list the sections and exit
  --duration <s>    sustained-load duration in seconds (default 60, the budget's)
  --rate <n>        sustained edits per second (default 200)
  --edits <n>       sequential single edits measured (default 200)
  --events <n> --links <n> --actors <n>
                    document size (default ${BUDGET_SIZE.events} / ${BUDGET_SIZE.links} / ${BUDGET_SIZE.actors}, the budget's)
  --seed <n>        generator seed (default 1)
  --rounds <n>      side-by-side: interleaved rounds of Causeway and the bare pages (default 5)
  --sizes <a,b,c>   growth: event counts (default 1000,10000,50000; 1.5 links per event)
  --no-build        serve build/ as it is, even when older than the sources
                    (by default the server starts through scripts/start.mjs, which builds first if needed)
  --tmp <dir>       folder for temp files (default ${tmpdir()}); fsync cost depends on its disk
  --verbose         show the server's output
  --profile <dir>   write the server's CPU profile (node --cpu-prof) into <dir> and list
                    the functions that took the most time
  --help`;

export class UsageError extends Error {}

export function parseOptions(argv: string[], root: string): BenchOptions & { help: boolean; list: boolean } {
	const o: BenchOptions & { help: boolean; list: boolean } = {
		root,
		only: [],
		events: BUDGET_SIZE.events,
		links: BUDGET_SIZE.links,
		actors: BUDGET_SIZE.actors,
		seed: 1,
		edits: 200,
		rate: 200,
		duration: 60,
		rounds: 5,
		sizes: [1000, 10_000, 50_000],
		build: true,
		tmp: tmpdir(),
		verbose: false,
		profile: '',
		help: false,
		list: false
	};
	const numeric = { events: 'int0', links: 'int0', actors: 'int1', seed: 'int0', edits: 'int1', rate: 'pos', duration: 'pos', rounds: 'int1' } as const;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = () => {
			const v = inline ?? argv[++i];
			if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
			return v;
		};
		const name = flag.replace(/^--/, '');
		if (name in numeric) {
			const kind = numeric[name as keyof typeof numeric];
			const v = Number(value());
			const ok = kind === 'pos' ? Number.isFinite(v) && v > 0 : Number.isInteger(v) && v >= (kind === 'int1' ? 1 : 0);
			if (!ok) throw new UsageError(`${flag} needs ${kind === 'pos' ? 'a positive number' : kind === 'int1' ? 'a whole number ≥ 1' : 'a whole number ≥ 0'}`);
			o[name as keyof typeof numeric] = v;
		} else if (flag === '--only') o.only = value().split(',').map((s) => s.trim()).filter(Boolean);
		else if (flag === '--sizes') {
			o.sizes = value().split(',').map(Number);
			if (!o.sizes.length || o.sizes.some((n) => !Number.isInteger(n) || n < 2)) throw new UsageError('--sizes needs whole numbers ≥ 2, e.g. 1000,10000');
		} else if (flag === '--tmp') o.tmp = resolve(value());
		else if (flag === '--profile') o.profile = resolve(value());
		else if (flag === '--no-build') o.build = false;
		else if (flag === '--verbose') o.verbose = true;
		else if (flag === '--list') o.list = true;
		else if (flag === '--help' || flag === '-h') o.help = true;
		else throw new UsageError(`unknown option ${arg}`);
	}
	return o;
}
