/**
 * PostgreSQL beside the embedded file, at the budget size: the same open-loop edits (PATCH
 * /api/events/{random id}, a new title each, `--rate` per second for `--duration` s) sent
 *   1. to one server on a data file (lowdb), and
 *   2. spread over two servers on one PostgreSQL database (CAUSEWAY_DATABASE_URL), alternately,
 * with latency counted from each edit's scheduled send time. For PostgreSQL it also times how long
 * an edit sent to one server takes to reach the other's change stream, and afterwards checks in
 * the database that every acknowledged edit was committed (the revision counts them). The cluster
 * is a throw-away one from the installed binaries (tests/support/postgres.ts), fsync on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { CausewayDocument } from '../../../src/lib/domain/schema';
import { startPostgres } from '../../../tests/support/postgres';
import { openStream, type OpenStream } from '../../../tests/support/event-stream';
import { documentText, generateDocument, Random } from '../generate';
import { onCleanup, wasInterrupted } from '../lib/cleanup';
import { Client } from '../lib/http';
import type { BenchOptions } from '../lib/options';
import { verdict, type Row, type SectionReport } from '../lib/report';
import type { Section } from '../lib/section';
import { startServer, type RunningServer } from '../lib/server';
import { ms, summarize } from '../lib/stats';

const BUDGET = { rate: 200, p99: 250, seconds: 60 } as const;
const WARM_UP_EDITS = 20;

interface LoadResult {
	/** Latency of each acknowledged edit from its scheduled send time. */
	latencies: number[];
	/** Scheduled send time, acknowledgement time and target of each edit, by edit number. */
	sent: Map<number, { at: number; target: number; ackAt?: number }>;
	acknowledged: number;
	failures: Map<string, number>;
	achieved: number;
	total: number;
}

const TITLE_NUMBER = / \(edit (\d+)\)$/;

/** Open-loop edits spread over `targets` in turn: fired on schedule whether or not earlier ones were answered. */
async function openLoop(targets: Client[], doc: CausewayDocument, rate: number, seconds: number, seed: number, warmUp: number): Promise<LoadResult> {
	const rng = new Random(seed + 104_729);
	let n = 0;
	const edit = (target: number) => {
		const event = rng.pick(doc.events);
		const title = `${event.title.slice(0, 60).trim()} (edit ${++n})`;
		return { n, reply: targets[target].send('PATCH', `/api/events/${event.id}`, { title }).catch((err: Error) => err) };
	};
	const failures = new Map<string, number>();
	const fail = (what: string) => failures.set(what, (failures.get(what) ?? 0) + 1);
	let acknowledged = 0;
	for (let i = 0; i < warmUp; i++) {
		const r = await edit(i % targets.length).reply;
		if (r instanceof Error || r.status !== 200) throw new Error(`a warm-up edit failed: ${r instanceof Error ? r.message : r.status}`);
		acknowledged++;
	}
	const total = Math.round(rate * seconds);
	const interval = 1000 / rate;
	const latencies: number[] = [];
	const sent = new Map<number, { at: number; target: number; ackAt?: number }>();
	const pending: Promise<void>[] = [];
	const start = performance.now() + 20;
	let lastDone = start;
	for (let i = 0; i < total && !wasInterrupted(); i++) {
		const scheduled = start + i * interval;
		const wait = scheduled - performance.now();
		if (wait > 1) await new Promise((r) => setTimeout(r, wait));
		const target = i % targets.length;
		const { n: number, reply } = edit(target);
		const record: { at: number; target: number; ackAt?: number } = { at: scheduled, target };
		sent.set(number, record);
		pending.push(
			reply.then((r) => {
				const done = performance.now();
				lastDone = Math.max(lastDone, done);
				if (r instanceof Error) return void fail((r as NodeJS.ErrnoException).code ?? r.message);
				if (r.status !== 200) return void fail(String(r.status));
				acknowledged++;
				record.ackAt = done;
				latencies.push(done - scheduled);
			})
		);
	}
	await Promise.all(pending);
	return { latencies, sent, acknowledged, failures, total, achieved: latencies.length / ((lastDone - start) / 1000) };
}

const failureText = (f: Map<string, number>) => [...f].map(([what, k]) => `${k}× ${what}`).join(', ');

async function run(options: BenchOptions, log: (message: string) => void): Promise<SectionReport> {
	const notes: string[] = [];
	const failures: string[] = [];
	log(`generating ${options.events} events, ${options.links} links, ${options.actors} actors (seed ${options.seed})…`);
	const doc = generateDocument(options);
	const dir = mkdtempSync(join(options.tmp, 'causeway-bench-pg-'));
	onCleanup(
		'remove the temp folder',
		() => rm(dir, { recursive: true, force: true }),
		() => rmSync(dir, { recursive: true, force: true })
	);
	const seedFile = join(dir, 'seed.json');
	writeFileSync(seedFile, documentText(doc));
	const serverLog = options.verbose ? (line: string) => log(`  server: ${line}`) : undefined;
	const clients: Client[] = [];
	onCleanup('close the HTTP clients', () => clients.forEach((c) => c.close()));
	const clientOf = (s: RunningServer) => {
		const c = new Client(s.url, { maxSockets: 512 });
		clients.push(c);
		return c;
	};

	// 1. The data file, one server.
	log(`1. one server on a data file: ${options.rate} edits/s for ${options.duration} s…`);
	const dataFile = join(dir, 'causeway.json');
	writeFileSync(dataFile, documentText(doc));
	const fileServer = await startServer({ root: options.root, dataFile, build: options.build, log: serverLog });
	const file = await openLoop([clientOf(fileServer)], doc, options.rate, options.duration, options.seed, WARM_UP_EDITS);
	await fileServer.stop();

	// 2. PostgreSQL, two servers.
	log('starting a throw-away PostgreSQL cluster…');
	const cluster = await startPostgres();
	onCleanup('stop the PostgreSQL cluster', () => cluster.stop());
	const url = await cluster.createDatabase('causeway_bench');
	const env = { CAUSEWAY_DATABASE_URL: url, CAUSEWAY_SEED: seedFile };
	const seededAt = performance.now();
	const a = await startServer({ root: options.root, dataFile: join(dir, 'unused.json'), build: options.build, log: serverLog, env });
	const seedMs = performance.now() - seededAt;
	const b = await startServer({ root: options.root, dataFile: join(dir, 'unused.json'), build: false, log: serverLog, env });
	log(`2. two servers on PostgreSQL (${a.url}, ${b.url}): ${options.rate} edits/s for ${options.duration} s, alternately…`);

	// Edits sent to A, as B's change stream sees them.
	let stream: OpenStream | null = await openStream(`${b.url}/api/changes/stream`);
	onCleanup('close the change stream', async () => stream?.close());
	const pgLoad = await openLoop([clientOf(a), clientOf(b)], doc, options.rate, options.duration, options.seed, WARM_UP_EDITS);
	await new Promise((r) => setTimeout(r, 1000));
	const crossing: number[] = [];
	const afterAck: number[] = [];
	let unseen = 0;
	const arrivals = new Map<number, number>();
	for (const e of stream.events) {
		const after = (e.data as { change?: { events?: { updated?: [unknown, { title: string }][] } } }).change?.events?.updated?.[0]?.[1];
		const m = after && TITLE_NUMBER.exec(after.title);
		if (m) arrivals.set(Number(m[1]), e.at);
	}
	stream.close();
	stream = null;
	for (const [number, { at, target, ackAt }] of pgLoad.sent) {
		if (target !== 0) continue;
		const arrived = arrivals.get(number);
		if (arrived === undefined) unseen++;
		else {
			crossing.push(arrived - at);
			// B may deliver it before A's answer reaches the client: then it counts as no delay.
			if (ackAt !== undefined) afterAck.push(Math.max(0, arrived - ackAt));
		}
	}
	await a.stop();
	await b.stop();

	// Every acknowledged edit committed: each is one commit, so the revision counts them.
	const db = new pg.Client(url);
	await db.connect();
	const { rows } = await db.query(`SELECT revision FROM causeway_documents WHERE id = 'default'`);
	const changes = await db.query(`SELECT count(*)::int AS n FROM causeway_changes WHERE document = 'default'`);
	await db.end();
	const expected = doc.revision + pgLoad.acknowledged;
	const stored = Number(rows[0]?.revision);
	const lost = expected - stored;
	if (stored < expected) failures.push(`the database is at revision ${stored}, expected ${expected}: ${lost} acknowledged edits were lost`);

	const f = summarize(file.latencies);
	const p = summarize(pgLoad.latencies);
	const c = summarize(crossing);
	const r = summarize(afterAck);
	const full = options.rate >= BUDGET.rate;
	const rowsOut: Row[] = [
		{ figure: `data file, 1 server: ${options.rate} edits/s achieved`, value: `${file.achieved.toFixed(1)} edits/s (${file.latencies.length} of ${file.total})`, budget: '' },
		{ figure: '   … latency p50 / p99 / max', value: `${ms(f.p50)} / ${ms(f.p99)} / ${ms(f.max)}`, budget: `p99 ≤ ${BUDGET.p99} ms`, verdict: full ? verdict(f.p99, BUDGET.p99) : 'n/a' },
		{ figure: `PostgreSQL, 2 servers: ${options.rate} edits/s achieved`, value: `${pgLoad.achieved.toFixed(1)} edits/s (${pgLoad.latencies.length} of ${pgLoad.total})`, budget: '' },
		{ figure: '   … latency p50 / p99 / max', value: `${ms(p.p50)} / ${ms(p.p99)} / ${ms(p.max)}`, budget: `p99 ≤ ${BUDGET.p99} ms`, verdict: full ? verdict(p.p99, BUDGET.p99) : 'n/a' },
		{ figure: '   … acknowledged edits lost', value: String(Math.max(0, lost)), budget: '0', verdict: lost > 0 ? 'over' : 'within' },
		{ figure: '   … edit on A in B’s change stream after A acknowledged it, p50 / p99 / max', value: `${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.max)}`, budget: '≤ 1 s', verdict: verdict(r.max, 1000) },
		{ figure: '   … the same from the edit’s scheduled send, p50 / p99', value: `${ms(c.p50)} / ${ms(c.p99)}`, budget: '' },
		{ figure: '   … errors', value: String(pgLoad.total - pgLoad.latencies.length), budget: '0', verdict: pgLoad.latencies.length === pgLoad.total ? 'within' : 'over' }
	];
	if (file.failures.size) failures.push(`data file: edits failed: ${failureText(file.failures)}`);
	if (pgLoad.failures.size) failures.push(`PostgreSQL: edits failed: ${failureText(pgLoad.failures)}`);
	if (unseen) failures.push(`${unseen} edits sent to A never reached B's change stream`);
	notes.push(
		`${doc.events.length} events, ${doc.links.length} links; ${WARM_UP_EDITS} warm-up edits before each run, not counted; latency from each edit's scheduled send time (open loop)`,
		`PostgreSQL ${cluster.url.replace(/\/postgres$/, '')}: a throw-away cluster (fsync on); the first server seeded the database from the generated document in ${ms(seedMs)} (start-up included)`,
		`after the run the database held revision ${stored} with ${changes.rows[0].n} logged changes for ${pgLoad.acknowledged} acknowledged edits (warm-up included)`,
		`stream delay: until B's /api/changes/stream delivered an edit sent to server A (${crossing.length} edits), counted from A's acknowledgement and from the scheduled send`
	);
	if (options.duration < BUDGET.seconds) notes.push(`ran ${options.duration} s; the issue speaks of ${BUDGET.seconds} s (--duration ${BUDGET.seconds})`);
	return {
		title: `PostgreSQL beside the data file: ${options.rate} edits/s for ${options.duration} s`,
		rows: rowsOut,
		notes,
		failures
	};
}

export const pgSection: Section = {
	name: 'pg',
	description: 'sustained edits over two servers on PostgreSQL (LISTEN/NOTIFY, no acknowledged loss) beside one server on the data file',
	run
};
