/**
 * `npm run bench`: measures Causeway against the budgets of PRODUCT.md ("Performance budgets") and
 * prints each figure beside its budget. Figures are reported, not asserted: being over budget does
 * not fail the run. It exits non-zero when it could not measure (the server did not start, requests
 * errored, edits were lost, Ctrl-C). Whatever it starts or creates is removed at the end.
 *
 *   npm run bench                          all sections
 *   npm run bench -- --only server         some sections
 *   npm run bench -- --duration 5          a short sustained-load phase while developing
 *   npm run bench -- --help
 */
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCleanup, wasInterrupted } from './lib/cleanup';
import { parseOptions, USAGE, UsageError } from './lib/options';
import { formatReport, type SectionReport } from './lib/report';
import { SECTIONS } from './sections/index';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
	let options;
	try {
		options = parseOptions(process.argv.slice(2), root);
	} catch (err) {
		if (err instanceof UsageError) {
			console.error(`${err.message}\n\n${USAGE}`);
			return 2;
		}
		throw err;
	}
	if (options.help) {
		console.log(USAGE);
		return 0;
	}
	if (options.list) {
		for (const s of SECTIONS) console.log(`${s.name.padEnd(12)} ${s.description}`);
		return 0;
	}
	const unknown = options.only.filter((name) => !SECTIONS.some((s) => s.name === name));
	if (unknown.length) {
		console.error(`unknown section ${unknown.join(', ')}; there are: ${SECTIONS.map((s) => s.name).join(', ')}`);
		return 2;
	}
	const chosen = SECTIONS.filter((s) => options.only.length === 0 || options.only.includes(s.name));

	// The figures are only as good as the machine is quiet.
	const [load] = loadavg();
	const busy = load > 0.5 ? ` — the machine was already busy (load average over the last minute ${load.toFixed(2)}): figures may be inflated` : '';
	const header = `Causeway benchmark — ${new Date().toISOString()}, Node ${process.version}, ${availableParallelism()} cores${busy}`;
	if (busy) console.error(header);

	const reports: SectionReport[] = [];
	const broken: string[] = [];
	for (const section of chosen) {
		if (wasInterrupted()) break;
		const started = performance.now();
		const log = (message: string) => console.error(`[${section.name}] ${message}`);
		try {
			const report = await section.run(options, log);
			reports.push(report);
			if (report.failures?.length) broken.push(section.name);
			log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
		} catch (err) {
			broken.push(section.name);
			console.error(`[${section.name}] could not be measured: ${(err as Error).message}`);
		} finally {
			await runCleanup();
		}
	}

	console.log(`\n${header}\n`);
	for (const report of reports) console.log(`${formatReport(report)}\n`);
	if (broken.length) {
		console.log(`Not measured cleanly: ${broken.join(', ')} (see above).`);
		return 1;
	}
	return 0;
}

main().then(
	async (code) => {
		await runCleanup();
		process.exit(wasInterrupted() ? 130 : code);
	},
	async (err: unknown) => {
		console.error(err);
		await runCleanup();
		process.exit(1);
	}
);
