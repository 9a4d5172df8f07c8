// Experiment (not part of the bench): the pre-journal commit path — a whole-file durable write per
// group commit — run back to back for 60 s at 10k events, timing each write and the GC pauses per 10 s.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { DurableJSONFile } from '../../src/lib/server/durable-file';
import { generateDocument } from './generate';

const doc0 = generateDocument({ events: 10_000, links: 15_000, actors: 200, sources: 400, seed: 1 } as never);
const dir = mkdtempSync(join(tmpdir(), 'old-path-'));
const file = new DurableJSONFile<object>(join(dir, 'causeway.json'));
let gc = 0;
new PerformanceObserver((l) => l.getEntries().forEach((e) => (gc += e.duration))).observe({ entryTypes: ['gc'] });
let doc = doc0 as { events: { id: string; title: string }[] };
const start = performance.now();
let bucket: number[] = [];
let lastGc = 0;
let n = 0;
while (performance.now() - start < 60_000) {
	// ~10 edits per group commit, as at 200 edits/s with ~50 ms writes
	const events = doc.events.slice();
	for (let i = 0; i < 10; i++) {
		const k = (n * 7919 + i * 104729) % events.length;
		events[k] = { ...events[k], title: `${events[k].title.slice(0, 40)} ${n}` };
	}
	doc = { ...doc, events };
	n++;
	const t = performance.now();
	await file.write(doc);
	bucket.push(performance.now() - t);
	const elapsed = performance.now() - start;
	if (elapsed >= (Math.floor((elapsed - bucket.reduce((a, b) => a + b, 0)) / 10_000) + 1) * 10_000 || bucket.length >= 400) {
		bucket.sort((a, b) => a - b);
		const rss = process.memoryUsage();
		console.log(
			`t=${(elapsed / 1000).toFixed(0)}s writes=${bucket.length} p50=${bucket[bucket.length >> 1].toFixed(0)}ms p99=${bucket[Math.floor(bucket.length * 0.99)].toFixed(0)}ms max=${bucket.at(-1)!.toFixed(0)}ms gc=${(gc - lastGc).toFixed(0)}ms heap=${(rss.heapUsed / 1e6).toFixed(0)}MB ext=${(rss.external / 1e6).toFixed(0)}MB`
		);
		lastGc = gc;
		bucket = [];
	}
}
