/**
 * Bounded work per request (PRODUCT.md "Safety"), on the running bench server at the budget size:
 *   e. how quickly hostile imports are refused (a file of 800,000 empty events, one of 50,000 —
 *      under the cap, so checked until the first 100 problems — and a 60 KB zip of 31 million rows);
 *   f. a batch of 9,999 link creates planned (in this process, planChange alone) and committed, and
 *      its undo as the editor sends it,
 *      with GET /api/document issued all the while;
 *   g. a 10,000-event import (replace) with GET /api/document issued all the while.
 * Budgets (issue 10): other requests answered within 1 s, a refused one refused within 2 s.
 */
import { strToU8, zipSync } from 'fflate';
import { linkKey } from '../../../src/lib/domain/link-rule';
import { planChange, type Op } from '../../../src/lib/domain/ops';
import { revertOps } from '../../../src/lib/domain/revert';
import type { CausewayDocument } from '../../../src/lib/domain/schema';
import type { Client, Reply } from '../lib/http';
import { verdict, type Row } from '../lib/report';
import { ms, percentile } from '../lib/stats';

const BUDGET = { refusedMs: 2000, answeredMs: 1000 } as const;
const PROBE_GAP_MS = 20;

const sleep = (msecs: number) => new Promise((r) => setTimeout(r, msecs));

/** Runs `work` and issues GET /api/document one after another until it is done; the probes' latencies. */
async function probing(client: Client, work: () => Promise<Reply>): Promise<{ reply: Reply; ms: number; probes: number[] }> {
	const probes: number[] = [];
	let done = false;
	const t0 = performance.now();
	const running = work().finally(() => (done = true));
	const probe = (async () => {
		while (!done) {
			const p0 = performance.now();
			await client.send('GET', '/api/document');
			probes.push(performance.now() - p0);
			await sleep(PROBE_GAP_MS);
		}
	})();
	const reply = await running;
	const elapsed = performance.now() - t0;
	await probe;
	return { reply, ms: elapsed, probes };
}

const causewayFile = (events: unknown[], doc?: CausewayDocument) =>
	Buffer.from(
		JSON.stringify({
			format: 'causeway',
			schemaVersion: 1,
			exportedAt: new Date().toISOString(),
			title: doc?.title ?? 'hostile',
			events,
			actors: doc?.actors ?? [],
			links: doc?.links ?? [],
			sources: doc?.sources ?? []
		})
	);

const describeReply = (r: Reply) => {
	try {
		const error = (JSON.parse(r.body.toString()) as { error?: { message?: string }; problems?: { message: string }[] });
		return error.error?.message ?? error.problems?.[0]?.message ?? '';
	} catch {
		return '';
	}
};

export interface LimitsReport {
	rows: Row[];
	notes: string[];
	failures: string[];
	/** Commits made (the batch, its undo, the import), for the check of the data file's revision. */
	commits: number;
}

/** Measures e–g against the server behind `client`, which serves `doc` (edited since only in titles). */
export async function measureLimits(client: Client, log: (message: string) => void): Promise<LimitsReport> {
	const rows: Row[] = [];
	const notes: string[] = [];
	const failures: string[] = [];
	let commits = 0;

	// e. Hostile imports.
	log('e. hostile imports…');
	const hostile: [label: string, path: string, body: Buffer, type: string, expected: number][] = [
		['800,000 empty events, dry run (2.5 MB)', '/api/import?mode=merge&dryRun=true', causewayFile(Array.from({ length: 833_334 }, () => ({}))), 'application/json', 200],
		['50,000 empty events, dry run (under the cap)', '/api/import?mode=merge&dryRun=true', causewayFile(Array.from({ length: 50_000 }, () => ({}))), 'application/json', 200],
		[
			'zip of 31 million one-letter rows',
			'/api/import?mode=replace',
			Buffer.from(zipSync({ 'events.csv': strToU8('id\r\n' + 'a\r\n'.repeat(31_000_000)) }, { level: 9 })),
			'application/zip',
			400
		]
	];
	for (const [label, path, body, type, expected] of hostile) {
		const t0 = performance.now();
		const reply = await client.sendBytes('POST', path, body, { 'content-type': type });
		const elapsed = performance.now() - t0;
		if (reply.status !== expected) failures.push(`e. ${label}: answered ${reply.status}, expected ${expected}`);
		rows.push({ figure: `e. refused: ${label}`, value: ms(elapsed), budget: `≤ ${BUDGET.refusedMs} ms`, verdict: verdict(elapsed, BUDGET.refusedMs) });
		notes.push(`e. ${label} (${(body.length / 1024).toFixed(0)} KB): ${reply.status} "${describeReply(reply).slice(0, 100)}"`);
	}

	// f. A batch of 9,999 link creates, then its undo.
	const doc = JSON.parse((await client.send('GET', '/api/document')).body.toString()) as CausewayDocument;
	const taken = new Set(doc.links.map(linkKey));
	const ops: unknown[] = [];
	for (let step = 1; ops.length < 9_999 && step < 10; step++) {
		for (let i = 0; i + step < doc.events.length && ops.length < 9_999; i++) {
			const link = { from: doc.events[i].id, to: doc.events[i + step].id, relation: 'prevents' as const };
			if (taken.has(linkKey(link as never))) continue;
			taken.add(linkKey(link as never));
			ops.push({ op: 'create', collection: 'links', value: link });
		}
	}
	log(`f. a batch of ${ops.length} link creates, then its undo…`);
	const planStarted = performance.now();
	planChange(doc, ops as Op[], { now: new Date().toISOString() });
	const planMs = performance.now() - planStarted;
	const batch = await probing(client, () => client.send('POST', '/api/changes', { ops }));
	if (batch.reply.status !== 200) failures.push(`f. the batch answered ${batch.reply.status}: ${describeReply(batch.reply)}`);
	else commits++;
	rows.push(
		{ figure: `f. batch of ${ops.length} link creates: planned (planChange alone)`, value: ms(planMs), budget: '' },
		{ figure: '   … answered (upload, plan, write to disk)', value: ms(batch.ms), budget: '' },
		{
			figure: '   … GET /api/document meanwhile, max',
			value: `${ms(Math.max(...batch.probes))} (p50 ${ms(percentile(batch.probes, 50))}, ${batch.probes.length} requests)`,
			budget: `≤ ${BUDGET.answeredMs} ms`,
			verdict: verdict(Math.max(...batch.probes), BUDGET.answeredMs)
		}
	);
	if (batch.reply.status === 200) {
		const { change } = JSON.parse(batch.reply.body.toString());
		const undo = await probing(client, () => client.send('POST', '/api/changes', { ops: revertOps(change) }));
		if (undo.reply.status !== 200) failures.push(`f. the undo answered ${undo.reply.status}: ${describeReply(undo.reply)}`);
		else commits++;
		rows.push({ figure: '   … its undo (one batch of deletes) answered', value: `${ms(undo.ms)} (GET meanwhile max ${ms(Math.max(...undo.probes))})`, budget: '' });
	}

	// g. A 10,000-event import.
	const current = JSON.parse((await client.send('GET', '/api/document')).body.toString()) as CausewayDocument;
	const file = causewayFile(current.events.map((e) => ({ ...e, title: `${e.title.slice(0, 180)} (imported)` })), current);
	log(`g. importing ${current.events.length} events (${(file.length / 1024 / 1024).toFixed(1)} MB, replace)…`);
	const imported = await probing(client, () => client.sendBytes('POST', '/api/import?mode=replace', file));
	if (imported.reply.status !== 200) failures.push(`g. the import answered ${imported.reply.status}: ${describeReply(imported.reply)}`);
	else commits++;
	rows.push(
		{ figure: `g. import of ${current.events.length} events answered`, value: ms(imported.ms), budget: '' },
		{
			figure: '   … GET /api/document meanwhile, max',
			value: `${ms(Math.max(...imported.probes))} (p50 ${ms(percentile(imported.probes, 50))}, ${imported.probes.length} requests)`,
			budget: `≤ ${BUDGET.answeredMs} ms`,
			verdict: verdict(Math.max(...imported.probes), BUDGET.answeredMs)
		}
	);
	notes.push(`f, g. GET /api/document issued one after another (${PROBE_GAP_MS} ms apart) from the moment the batch or import was sent until it was answered; each latency includes reading the whole document`);
	return { rows, notes, failures, commits };
}
