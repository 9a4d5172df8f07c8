/**
 * Causal cycles — an event that, through its effects, ends up causing itself. That is almost
 * always a mistake in the data, so the graph and the inspector point them out.
 *
 * Tarjan's strongly connected components find the cyclic parts of the graph in O(events + links);
 * Johnson's algorithm then lists the elementary cycles inside them, one part at a time. Both are
 * iterative: a document can hold 10,000 events, too deep for recursion.
 */
import { indexedGraph, type IndexedGraph } from './causality-graph';
import type { CausewayDocument } from './schema';

/** A cycle: `links[i]` leads from `events[i]` to the next event, and the last link back to the first. */
export interface CausalCycle {
	events: string[];
	links: string[];
}

export interface CycleOptions {
	/** How many cycles to list at most (default 100). */
	max?: number;
}

export interface CyclesResult {
	cycles: CausalCycle[];
	/** True when there are more cycles than those listed. */
	truncated: boolean;
}

/**
 * The elementary causal cycles of a document — each event at most once around each — at most
 * `max` of them, shortest first. Two links between the same events make two cycles.
 */
export function findCycles(doc: CausewayDocument, options: CycleOptions = {}): CyclesResult {
	const max = Math.max(0, options.max ?? 100);
	// Events by index (see IndexedGraph): the search runs after every edit, on up to 50,000 events.
	const graph = indexedGraph(doc);
	// The answer depends on the links and the events' ids only: an edit of events' fields (a drag
	// on the timeline) keeps the graph's arrays, and with them the answer.
	const known = answers.get(graph.target);
	if (known?.max === max) return { cycles: known.result.cycles.slice(), truncated: known.result.truncated };
	const result = searchCycles(graph, max);
	answers.set(graph.target, { max, result });
	return { cycles: result.cycles.slice(), truncated: result.truncated };
}

const answers = new WeakMap<Int32Array, { max: number; result: CyclesResult }>();

function searchCycles(graph: IndexedGraph, max: number): CyclesResult {
	const search = new Search(graph);
	const cycles: CausalCycle[] = [];
	// One more than asked for tells whether the list is complete.
	const wanted = max + 1;
	const { events } = graph;
	const all: number[] = [];
	for (const i of graph.index.values()) all.push(i);
	const pending = search.cyclicParts(all, 0);
	let round = 0;
	while (pending.length && cycles.length < wanted) {
		const part = pending.shift()!;
		// Every cycle through `start` is listed now; the rest of the part is searched without it.
		// Each round finds at least one cycle (every event of a cyclic part lies on one), so there
		// are at most `wanted` rounds of O(events + links).
		let start = part[0];
		for (const i of part) if (graph.byId ? i < start : events[i].id < events[start].id) start = i;
		search.mark(part, ++round);
		cycles.push(...search.cyclesThrough(start, round, wanted - cycles.length));
		search.mark([start], -1);
		pending.push(...search.cyclicParts(part.filter((i) => i !== start), round));
	}
	cycles.sort((a, b) => a.events.length - b.events.length);
	return { cycles: cycles.slice(0, max), truncated: cycles.length > max };
}

/**
 * The working memory of one findCycles, over event indices, allocated once. The part being
 * searched is the events whose `member` mark is the part's round (all events are round 0).
 */
class Search {
	readonly graph: IndexedGraph;
	readonly #member: Int32Array;
	readonly #index: Int32Array;
	readonly #low: Int32Array;
	readonly #onStack: Uint8Array;
	readonly #stack: Int32Array;
	readonly #frameNode: Int32Array;
	readonly #frameNext: Int32Array;
	readonly #blocked: Uint8Array;
	readonly #closed: Uint8Array;
	readonly #waitingHead: Int32Array;
	#entryEvent = new Int32Array(1024);
	#entryNext = new Int32Array(1024);

	constructor(graph: IndexedGraph) {
		this.graph = graph;
		const n = graph.events.length;
		this.#member = new Int32Array(n);
		this.#index = new Int32Array(n).fill(-1);
		this.#low = new Int32Array(n);
		this.#onStack = new Uint8Array(n);
		this.#stack = new Int32Array(n);
		this.#frameNode = new Int32Array(n);
		this.#frameNext = new Int32Array(n);
		this.#blocked = new Uint8Array(n);
		this.#closed = new Uint8Array(n);
		this.#waitingHead = new Int32Array(n).fill(-1);
	}

	mark(nodes: readonly number[], round: number): void {
		for (const i of nodes) this.#member[i] = round;
	}

	/** True when event `id` has a link to itself: a part of one event holds a cycle only then. */
	#loops(id: number): boolean {
		const { first, target } = this.graph;
		for (let k = first[id]; k < first[id + 1]; k++) if (target[k] === id) return true;
		return false;
	}

	/**
	 * The strongly connected components of `nodes` in the part that hold a cycle, each as a list of
	 * event indices (Tarjan's, without recursion). Most events are a component of their own with
	 * no cycle: those make no list.
	 */
	cyclicParts(nodes: number[], round: number): number[][] {
		const { first, target } = this.graph;
		const member = this.#member;
		const index = this.#index;
		const low = this.#low;
		const onStack = this.#onStack;
		const stack = this.#stack;
		const frameNode = this.#frameNode;
		const frameNext = this.#frameNext;
		let stackSize = 0;
		// Each frame is an event and the position of the next of its outgoing links to look at.
		let frames = 0;
		let visited = 0;
		const found: number[][] = [];
		const visit = (id: number) => {
			index[id] = low[id] = visited++;
			stack[stackSize++] = id;
			onStack[id] = 1;
			frameNode[frames] = id;
			frameNext[frames++] = first[id];
		};
		for (const root of nodes) {
			if (index[root] >= 0) continue;
			visit(root);
			while (frames) {
				const id = frameNode[frames - 1];
				if (frameNext[frames - 1] < first[id + 1]) {
					const to = target[frameNext[frames - 1]++];
					if (member[to] !== round) continue;
					if (index[to] < 0) visit(to);
					else if (onStack[to] && index[to] < low[id]) low[id] = index[to];
					continue;
				}
				frames--;
				if (frames) {
					const parent = frameNode[frames - 1];
					if (low[id] < low[parent]) low[parent] = low[id];
				}
				if (low[id] === index[id]) {
					if (stack[stackSize - 1] === id && !this.#loops(id)) {
						onStack[id] = 0;
						stackSize--;
						continue;
					}
					const part: number[] = [];
					let at: number;
					do {
						at = stack[--stackSize];
						onStack[at] = 0;
						part.push(at);
					} while (at !== id);
					found.push(part);
				}
			}
		}
		// Ready for the next search, which looks at a part of these.
		for (const i of nodes) index[i] = -1;
		return found;
	}

	/**
	 * Johnson's circuit search: up to `limit` elementary cycles through `start` in the part.
	 * An event stays blocked while no cycle can be closed through it from the current path, which
	 * keeps the work per cycle found linear instead of exponential.
	 */
	cyclesThrough(start: number, round: number, limit: number): CausalCycle[] {
		const { first, target, links: out, events: all } = this.graph;
		const member = this.#member;
		const blocked = this.#blocked;
		const frameNode = this.#frameNode;
		const frameNext = this.#frameNext;
		const closed = this.#closed;
		const touched = [start];
		const cycles: CausalCycle[] = [];
		blocked[start] = 1;
		// For each blocked event, the events to unblock along with it: a list per event, its
		// entries chained through `entryNext` from `waitingHead`.
		const waitingHead = this.#waitingHead;
		let entryEvent = this.#entryEvent;
		let entryNext = this.#entryNext;
		let entries = 0;
		const events = [start];
		const links: string[] = [];
		let frames = 1;
		frameNode[0] = start;
		frameNext[0] = first[start];
		closed[0] = 0;

		const unblock = (id: number) => {
			blocked[id] = 0;
			const todo = [id];
			while (todo.length) {
				const at = todo.pop()!;
				for (let e = waitingHead[at]; e >= 0; e = entryNext[e]) {
					const other = entryEvent[e];
					if (!blocked[other]) continue;
					blocked[other] = 0;
					todo.push(other);
				}
				waitingHead[at] = -1;
			}
		};

		search: while (frames) {
			const top = frames - 1;
			const id = frameNode[top];
			if (frameNext[top] < first[id + 1]) {
				const k = frameNext[top]++;
				const to = target[k];
				if (member[to] !== round) continue;
				if (to === start) {
					cycles.push({ events: events.map((i) => all[i].id), links: [...links, out[k].id] });
					closed[top] = 1;
					if (cycles.length >= limit) break search;
				} else if (!blocked[to]) {
					blocked[to] = 1;
					touched.push(to);
					events.push(to);
					links.push(out[k].id);
					frameNode[frames] = to;
					frameNext[frames] = first[to];
					closed[frames++] = 0;
				}
				continue;
			}
			frames--;
			events.pop();
			links.pop();
			if (closed[top]) unblock(id);
			else {
				for (let k = first[id]; k < first[id + 1]; k++) {
					const to = target[k];
					if (member[to] !== round) continue;
					// An event may wait on `to` twice: unblocking it again is skipped, cheaper than a set.
					if (entries === entryEvent.length) {
						entryEvent = grown(entryEvent);
						entryNext = grown(entryNext);
					}
					entryEvent[entries] = id;
					entryNext[entries] = waitingHead[to];
					waitingHead[to] = entries++;
					touched.push(to);
				}
			}
			if (frames && closed[top]) closed[frames - 1] = 1;
		}
		for (const i of touched) {
			blocked[i] = 0;
			waitingHead[i] = -1;
		}
		this.#entryEvent = entryEvent;
		this.#entryNext = entryNext;
		return cycles;
	}
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
	const bigger = new Int32Array(array.length * 2);
	bigger.set(array);
	return bigger;
}
