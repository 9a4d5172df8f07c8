// Experiment (not part of the bench): what the page derives from the document after each edit,
// outside the two views, timed in Node at N events (default 50,000, links 1.5 × N). Each edit
// adds a link or re-dates an event, then the same queries run that the page runs: the problems
// (cycles, backward links), the events table's rows, the counts per event, actor and source.
// npx tsx scripts/bench/page-derived.ts [events] [edits]
import { performance } from 'node:perf_hooks';
import { applyChange, type Change } from '../../src/lib/domain/changes';
import { findCycles, temporalInconsistencies } from '../../src/lib/domain/causality';
import { linkCounts } from '../../src/lib/domain/graph';
import type { CausewayDocument, Link } from '../../src/lib/domain/schema';
import { citationCountsBySource, eventCountsByActor } from '../../src/lib/domain/tallies';
import { EventRows } from '../../src/lib/views/table/event-rows';
import { generateDocument } from './generate';

const events = Number(process.argv[2] ?? 50_000);
const edits = Number(process.argv[3] ?? 10);
let doc: CausewayDocument = generateDocument({ events, links: Math.round(events * 1.5), actors: 200, seed: 1 });
const rows = new EventRows();
const times = new Map<string, number[]>();

function time<T>(label: string, run: () => T): T {
	const start = performance.now();
	const result = run();
	times.set(label, [...(times.get(label) ?? []), performance.now() - start]);
	return result;
}

function derive(kind: string) {
	time(`${kind}: cycles`, () => findCycles(doc, { max: 50 }));
	time(`${kind}: backward links`, () => temporalInconsistencies(doc));
	time(`${kind}: table rows`, () => rows.rows(doc.events, null, 'date', true));
	time(`${kind}: link counts`, () => linkCounts(doc));
	time(`${kind}: events per actor`, () => eventCountsByActor(doc));
	time(`${kind}: citations per source`, () => citationCountsBySource(doc));
}

derive('load');
for (let i = 0; i < edits; i++) {
	const kind = i % 2 ? 'event re-dated' : 'link added';
	let change: Change;
	if (kind === 'link added') {
		const link: Link = { ...doc.links[0], id: `0-bench-${i}`, from: doc.events[(i * 7919) % events].id, to: doc.events[(i * 104_729 + 11) % events].id, relation: 'enables' };
		change = { links: { added: [link] } };
	} else {
		const event = doc.events[(i * 977) % events];
		change = { events: { updated: [[event, { ...event, start: event.end ? event.start : '2021-03', revision: event.revision + 1 }]] } };
	}
	try {
		doc = time(`${kind}: applyChange`, () => ({ ...applyChange(doc, change), revision: doc.revision + 1 }));
	} catch (err) {
		console.log(`edit ${i} refused: ${(err as Error).message}`);
		continue;
	}
	derive(kind);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [label, xs] of times) console.log(`${label.padEnd(40)} median ${median(xs).toFixed(1).padStart(7)} ms  max ${Math.max(...xs).toFixed(1).padStart(7)} ms  (${xs.length})`);
