/**
 * Server figures at the budget size (PRODUCT.md "Performance budgets"), over real HTTP on loopback
 * against the built server:
 *   a. a single edit acknowledged (sequential PATCHes; answered only once on disk);
 *   b. sustained edits on an open-loop schedule (fired on time whether or not earlier ones were
 *      answered; latency counted from the scheduled send time, so queueing shows);
 *   c. the file write alone: `writeDurably` of the whole document, and `JSON.stringify` alone;
 *   d. reading the whole document (GET /api/document);
 *   e–g. bounded work per request (server-limits.ts): hostile imports refused, a large batch and a
 *      large import answered while other requests still are.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseDocument } from '../../../src/lib/domain/document';
import type { CausewayDocument } from '../../../src/lib/domain/schema';
import { writeDurably } from '../../../src/lib/server/durable-file';
import { documentText, generateDocument, Random } from '../generate';
import { onCleanup, wasInterrupted } from '../lib/cleanup';
import { Client, type Reply } from '../lib/http';
import type { BenchOptions } from '../lib/options';
import { verdict, type Row, type SectionReport } from '../lib/report';
import type { Section } from '../lib/section';
import { topFunctions } from '../lib/profile';
import { buildState, startServer } from '../lib/server';
import { measureLimits } from './server-limits';
import { bytes, ms, percentile, summarize, time } from '../lib/stats';

const BUDGET = { singleEditP50: 30, sustainedRate: 200, sustainedP99: 250, sustainedSeconds: 60 } as const;
const WARM_UP_EDITS = 20;
const WRITE_REPEATS = 10;
const READ_REPEATS = 10;

/** CPU time (user + system) a process has used so far, in ms; null where /proc is not there. */
function cpuMsOf(pid: number): number | null {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		// utime and stime, fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux)
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return null;
	}
}

/** The p99 of the latencies in each 10 s of the run, e.g. "41 / 44 / 52 ms": whether it grows with time. */
function sustainedWindows(at: [number, number][], seconds: number): string {
	const out: string[] = [];
	for (let from = 0; from < seconds * 1000; from += 10_000) {
		const inside = at.filter(([t]) => t >= from && t < from + 10_000).map(([, latency]) => latency);
		if (inside.length) out.push(String(Math.round(percentile(inside, 99))));
	}
	return `${out.join(' / ')} ms`;
}

const sleep = (msecs: number) => new Promise((r) => setTimeout(r, msecs));

/** Why a request did not succeed, e.g. "503 write_failed" or "ECONNRESET". */
function failureOf(reply: Reply | Error): string {
	if (reply instanceof Error) return (reply as NodeJS.ErrnoException).code ?? reply.message;
	let code = '';
	try {
		code = (JSON.parse(reply.body.toString()) as { error?: { code?: string } }).error?.code ?? '';
	} catch {
		// not JSON
	}
	return `${reply.status}${code ? ` ${code}` : ''}`;
}

class Failures {
	readonly counts = new Map<string, number>();
	add(what: string) {
		this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
	}
	get total() {
		let n = 0;
		for (const c of this.counts.values()) n += c;
		return n;
	}
	toString() {
		return [...this.counts].map(([what, n]) => `${n}× ${what}`).join(', ');
	}
}

/** Edits: PATCH /api/events/{random id} with a title that differs from every earlier one. */
class Editor {
	#n = 0;
	readonly #rng: Random;
	constructor(
		readonly client: Client,
		readonly doc: CausewayDocument,
		seed: number
	) {
		this.#rng = new Random(seed + 7919);
	}
	/** Sends one edit; resolves with the reply or the network error. */
	edit(): Promise<Reply | Error> {
		const event = this.#rng.pick(this.doc.events);
		const n = ++this.#n;
		const title = `${event.title.slice(0, 60).trim()} (edit ${n})`;
		return this.client.send('PATCH', `/api/events/${event.id}`, { title }).catch((err: Error) => err);
	}
	get sent() {
		return this.#n;
	}
}

/** `writeDurably` step by step (the same steps as src/lib/server/durable-file.ts), each timed. */
async function timedDurableWrite(file: string, text: string) {
	const t = [performance.now()];
	const lap = () => t.push(performance.now());
	const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
	const handle = await open(temp, 'wx', 0o644);
	try {
		await handle.writeFile(text, 'utf8');
		lap();
		await handle.sync();
		lap();
	} finally {
		await handle.close();
	}
	await rename(temp, file).catch(async (err) => {
		await unlink(temp).catch(() => {});
		throw err;
	});
	lap();
	const folder = await open(dirname(file), 'r');
	try {
		await folder.sync();
	} finally {
		await folder.close();
	}
	lap();
	return { write: t[1] - t[0], fsync: t[2] - t[1], rename: t[3] - t[2], folderFsync: t[4] - t[3] };
}

async function run(options: BenchOptions, log: (message: string) => void): Promise<SectionReport> {
	const rows: Row[] = [];
	const notes: string[] = [];
	const failures: string[] = [];
	const details: string[] = [];
	const budgetSize = options.events === 10_000 && options.links === 15_000 && options.actors === 200;

	// 1. The document
	log(`generating ${options.events} events, ${options.links} links, ${options.actors} actors (seed ${options.seed})…`);
	let doc!: CausewayDocument;
	const generateMs = await time(() => (doc = generateDocument(options)));
	let validateMs: number;
	try {
		validateMs = await time(() => parseDocument(doc));
	} catch (err) {
		throw new Error(`the generated document is not valid: ${(err as Error).message}`);
	}
	const text = documentText(doc);
	const size = Buffer.byteLength(text);
	log(`document: ${bytes(size)}, generated in ${ms(generateMs)}, valid (parseDocument ${ms(validateMs)})`);

	const dir = mkdtempSync(join(options.tmp, 'causeway-bench-'));
	onCleanup(
		'remove the temp folder',
		() => rm(dir, { recursive: true, force: true }),
		() => rmSync(dir, { recursive: true, force: true })
	);
	const dataFile = join(dir, 'causeway.json');
	writeFileSync(dataFile, text);

	// c. The file write, in this process, before the server starts (nothing else competes).
	log(`timing JSON.stringify and writeDurably of the document, ${WRITE_REPEATS}× each…`);
	const stringifyMs: number[] = [];
	const writeMs: number[] = [];
	const steps: { write: number[]; fsync: number[]; rename: number[]; folderFsync: number[] } = { write: [], fsync: [], rename: [], folderFsync: [] };
	const scratch = join(dir, 'write-timing.json');
	for (let i = 0; i < WRITE_REPEATS; i++) {
		stringifyMs.push(await time(() => JSON.stringify(doc)));
		writeMs.push(await time(() => writeDurably(scratch, text)));
		const s = await timedDurableWrite(scratch, text);
		for (const k of Object.keys(steps) as (keyof typeof steps)[]) steps[k].push(s[k]);
	}
	await rm(scratch, { force: true });

	// Start the server on the generated document.
	const state = buildState(options.root);
	if (state !== 'fresh') {
		log(
			options.build
				? `the build is ${state}: scripts/start.mjs builds first (this takes a minute or two)…`
				: `the build is older than the sources; serving it as it is (--no-build)`
		);
	}
	log('starting the server…');
	const startedAt = performance.now();
	const server = await startServer({
		root: options.root,
		dataFile,
		build: options.build,
		nodeArgs: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : undefined,
		log: options.verbose ? (line) => log(`  server: ${line}`) : undefined
	});
	const startMs = performance.now() - startedAt;
	log(`server ${server.pid} listening at ${server.url} after ${ms(startMs)}`);

	const client = new Client(server.url, { maxSockets: 512 });
	onCleanup('close the HTTP client', () => client.close());
	const editor = new Editor(client, doc, options.seed);
	let okEdits = 0;

	// It serves our document, not another one.
	const first = await client.send('GET', '/api/document');
	if (first.status !== 200) throw new Error(`GET /api/document answered ${failureOf(first)}`);
	const served = JSON.parse(first.body.toString()) as CausewayDocument;
	if (served.revision !== doc.revision || served.events.length !== doc.events.length) {
		throw new Error(`the server does not serve the generated document (revision ${served.revision}, ${served.events.length} events)`);
	}

	// Warm-up (JIT, connections): not counted.
	for (let i = 0; i < WARM_UP_EDITS; i++) {
		const r = await editor.edit();
		if (r instanceof Error || r.status !== 200) throw new Error(`a warm-up edit failed: ${failureOf(r)}`);
		okEdits++;
	}

	// a. Single edits, one after another.
	log(`a. ${options.edits} sequential edits…`);
	const single: number[] = [];
	const singleFailures = new Failures();
	for (let i = 0; i < options.edits && !wasInterrupted(); i++) {
		const t0 = performance.now();
		const r = await editor.edit();
		const elapsed = performance.now() - t0;
		if (r instanceof Error || r.status !== 200) singleFailures.add(failureOf(r));
		else (single.push(elapsed), okEdits++);
	}
	const s = summarize(single);

	// b. Sustained edits, open loop.
	const total = Math.round(options.rate * options.duration);
	log(`b. ${options.rate} edits/s for ${options.duration} s (${total} edits, open loop)…`);
	const interval = 1000 / options.rate;
	const sustained: number[] = [];
	/** [ms since the run's start, latency] of each, for the p99 per 10 s window. */
	const sustainedAt: [number, number][] = [];
	const sendLag: number[] = [];
	const sustainedFailures = new Failures();
	let inFlight = 0;
	let maxInFlight = 0;
	let lastDone = 0;
	const pending: Promise<void>[] = [];
	const start = performance.now() + 20;
	const cpuBefore = cpuMsOf(server.pid);
	let next = 0;
	while (next < total && !wasInterrupted()) {
		const now = performance.now();
		while (next < total && start + next * interval <= now) {
			const scheduled = start + next * interval;
			sendLag.push(now - scheduled);
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			pending.push(
				editor.edit().then((r) => {
					const done = performance.now();
					inFlight--;
					lastDone = Math.max(lastDone, done);
					if (r instanceof Error || r.status !== 200) sustainedFailures.add(failureOf(r));
					else (sustained.push(done - scheduled), sustainedAt.push([scheduled - start, done - scheduled]), okEdits++);
				})
			);
			next++;
		}
		if (next < total) await sleep(Math.max(0, start + next * interval - performance.now()));
	}
	await Promise.all(pending);
	const l = summarize(sustained);
	const windows = sustainedWindows(sustainedAt, options.duration);
	const cpuAfter = cpuMsOf(server.pid);
	const cpuPerEdit = cpuBefore !== null && cpuAfter !== null && sustained.length ? (cpuAfter - cpuBefore) / sustained.length : NaN;
	const elapsedS = (lastDone - start) / 1000;
	const achieved = elapsedS > 0 ? sustained.length / elapsedS : 0;

	// d. Reading the whole document.
	log(`d. GET /api/document ${READ_REPEATS}×…`);
	const reads: number[] = [];
	let readSize = 0;
	for (let i = 0; i < READ_REPEATS && !wasInterrupted(); i++) {
		const t0 = performance.now();
		const r = await client.send('GET', '/api/document');
		reads.push(performance.now() - t0);
		if (r.status !== 200) failures.push(`GET /api/document answered ${failureOf(r)}`);
		readSize = r.body.length;
	}

	// Export: the causeway file, streamed.
	log(`export: GET /api/export?format=causeway ${READ_REPEATS}×…`);
	const exports: number[] = [];
	let exportSize = 0;
	for (let i = 0; i < READ_REPEATS && !wasInterrupted(); i++) {
		const t0 = performance.now();
		const r = await client.send('GET', '/api/export?format=causeway');
		exports.push(performance.now() - t0);
		if (r.status !== 200) failures.push(`GET /api/export answered ${failureOf(r)}`);
		exportSize = r.body.length;
	}

	// e–g. Bounded work per request: hostile imports, a large batch, a large import.
	const limits = wasInterrupted() ? null : await measureLimits(client, log);
	if (limits) okEdits += limits.commits;

	// Stop the server, then check that every acknowledged edit is in the file.
	client.close();
	const how = await server.stop();
	if (how !== 'exit code 0') notes.push(`the server stopped with ${how} after SIGTERM`);
	let verified = '';
	try {
		const onDisk = parseDocument(JSON.parse(await readFile(dataFile, 'utf8')));
		const expected = doc.revision + okEdits;
		if (onDisk.revision !== expected) {
			failures.push(`the data file is at revision ${onDisk.revision}, expected ${expected} (${okEdits} acknowledged edits): edits were lost`);
		} else {
			verified = `after the server stopped, the data file held all ${okEdits} acknowledged edits (revision ${onDisk.revision}) and was a valid document`;
		}
	} catch (err) {
		failures.push(`the data file is not a valid document after the run: ${(err as Error).message}`);
	}
	if (wasInterrupted()) failures.push('interrupted');

	// The table.
	const sizeNote = budgetSize ? '' : ' (not the budget size)';
	rows.push(
		{ figure: 'a. single edit acknowledged, p50', value: ms(s.p50), budget: `≤ ${BUDGET.singleEditP50} ms`, verdict: verdict(s.p50, BUDGET.singleEditP50) },
		{ figure: '   … p99 / max', value: `${ms(s.p99)} / ${ms(s.max)}`, budget: '' },
		{
			figure: `b. sustained ${options.rate} edits/s for ${options.duration} s: achieved`,
			value: `${achieved.toFixed(1)} edits/s (${sustained.length} of ${total})`,
			budget: `${BUDGET.sustainedRate} edits/s for ${BUDGET.sustainedSeconds} s`,
			verdict:
				options.rate < BUDGET.sustainedRate
					? 'n/a'
					: sustainedFailures.total === 0 && sustained.length === total && achieved >= 0.98 * options.rate
						? 'within'
						: 'over'
		},
		{ figure: '   … latency p50', value: ms(l.p50), budget: '' },
		{
			figure: '   … latency p99',
			value: ms(l.p99),
			budget: `≤ ${BUDGET.sustainedP99} ms`,
			verdict: options.rate < BUDGET.sustainedRate ? 'n/a' : verdict(l.p99, BUDGET.sustainedP99)
		},
		{ figure: '   … latency max', value: ms(l.max), budget: '' },
		{ figure: '   … p99 per 10 s window', value: windows, budget: '' },
		{ figure: '   … server CPU per edit (user + system)', value: Number.isFinite(cpuPerEdit) ? `${cpuPerEdit.toFixed(2)} ms` : 'n/a', budget: '' },
		{ figure: '   … errors', value: String(sustainedFailures.total + singleFailures.total), budget: '0', verdict: sustainedFailures.total + singleFailures.total ? 'over' : 'within' },
		{ figure: 'export (causeway file, streamed), p50', value: `${ms(percentile(exports, 50))} (max ${ms(Math.max(...exports))}, ${bytes(exportSize)})`, budget: '≤ 300 ms', verdict: verdict(percentile(exports, 50), 300) },
		{ figure: 'c. writeDurably of the document, p50 / max', value: `${ms(percentile(writeMs, 50))} / ${ms(Math.max(...writeMs))}`, budget: '' },
		{
			figure: '   … of which encode+write / fsync / rename / folder fsync (p50)',
			value: [steps.write, steps.fsync, steps.rename, steps.folderFsync].map((x) => ms(percentile(x, 50))).join(' / '),
			budget: ''
		},
		{ figure: '   JSON.stringify alone, p50 / max', value: `${ms(percentile(stringifyMs, 50))} / ${ms(Math.max(...stringifyMs))}`, budget: '' },
		{ figure: 'd. GET /api/document, p50', value: `${ms(percentile(reads, 50))} (max ${ms(Math.max(...reads))}, ${bytes(readSize)})`, budget: '' },
		...(limits?.rows ?? [])
	);
	if (limits) (notes.push(...limits.notes), failures.push(...limits.failures));

	const fileWrite = percentile(stringifyMs, 50) + percentile(writeMs, 50);
	notes.push(
		`document: ${doc.events.length} events, ${doc.links.length} links, ${doc.actors.length} actors, ${doc.sources.length} sources, ${bytes(size)}${sizeNote}; generated in ${ms(generateMs)}, validated by parseDocument in ${ms(validateMs)}`,
		`server: ${options.build ? 'scripts/start.mjs' : 'build/index.js as built (--no-build)'}, build ${state}; listening ${ms(startMs)} after spawn; ${WARM_UP_EDITS} warm-up edits not counted`,
		`a. ${single.length} sequential PATCH /api/events/{random id} (new title each), keep-alive loopback; the whole-file write alone (c: stringify + writeDurably, p50) takes ${ms(fileWrite)}, ${Math.round((100 * fileWrite) / s.p50)}% of the single-edit p50`,
		`b. open loop: latency from each edit's scheduled send time; up to ${maxInFlight} edits in flight; the load generator's own send lag p99 ${ms(percentile(sendLag, 99))}, max ${ms(Math.max(...sendLag))} (it shares the 2 cores with the server)`,
		`c. in the benchmark process on ${options.tmp} (same disk as the server's temp data file), ${WRITE_REPEATS}× each`
	);
	if (options.duration < BUDGET.sustainedSeconds) {
		notes.push(`b. ran ${options.duration} s; the budget speaks of ${BUDGET.sustainedSeconds} s (--duration ${BUDGET.sustainedSeconds} for that)`);
	}
	if (verified) notes.push(verified);
	if (options.profile) {
		try {
			const { lines, totalMs, files } = topFunctions(options.profile);
			notes.push(
				`server CPU profile (figures of a profiled run are somewhat slower) in ${options.profile}/${files.join(', ')}: ` +
					`${ms(totalMs)} of CPU from start to stop; most self time in:`
			);
			details.push(...lines.map((x) => `${(x.share * 100).toFixed(1).padStart(5)}%  ${ms(x.self).padStart(8)}  ${x.name}`));
		} catch (err) {
			notes.push(`no server CPU profile could be read from ${options.profile}: ${(err as Error).message}`);
		}
	}
	if (singleFailures.total) failures.push(`single edits failed: ${singleFailures}`);
	if (sustainedFailures.total) failures.push(`sustained edits failed: ${sustainedFailures}`);

	return {
		title: `Server: ${doc.events.length.toLocaleString('en')} events, ${doc.links.length.toLocaleString('en')} links, ${doc.actors.length} actors (${bytes(size)} JSON)`,
		rows,
		notes,
		details,
		failures
	};
}

export const serverSection: Section = {
	name: 'server',
	description: 'the built server over loopback HTTP: edit acknowledgement, sustained edits, file write, document read',
	run
};
