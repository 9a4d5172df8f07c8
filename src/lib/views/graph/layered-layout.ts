/**
 * The story layout, left to right: causes before effects AND earlier before later. An event's
 * column is one more than that of its latest cause, and also one more than that of every event
 * certainly before it in time (its period ends before this one's begins): the March 2025 talks
 * never stand beside a February 2022 root just because neither has a cause. Periods that overlap
 * ("c. 2024" and "Aug 2024") set no order, so imprecise dates are not made more precise than they are.
 * Each column is ordered by the rows of its neighbours (barycentre sweeps), and rows are then
 * pulled towards the neighbours' (an ordered least-squares fit with a minimum gap), so that chains
 * read along a line. O((nodes + links) · log nodes): dagre's crossing minimisation takes tens of
 * seconds from about a thousand nodes on, and cannot be told about time.
 *
 * Links that close a cycle, or whose effect is certainly before its cause, are set aside for the
 * layering (they have no "before"); they are drawn all the same, pointing backwards.
 */
import type { Box, Point } from './chronological-layout';

/** The days a node's date covers, as day numbers (first ≤ last). */
export interface Period {
	first: number;
	last: number;
}

export interface LayeredOptions {
	node: Box;
	/** Space between columns and between boxes in a column. */
	rankSep?: number;
	nodeSep?: number;
	/** Each node's period; without it only the links order the columns. */
	periodOf?: (id: string) => Period | undefined;
}

/**
 * Positions (box centres) for `nodes` joined by `edges` ([cause, effect] pairs). `nodes` should
 * come in the order ties are broken in (e.g. by date).
 */
export function layeredLayout(nodes: readonly string[], edges: readonly (readonly [string, string])[], options: LayeredOptions): Map<string, Point> {
	const rankSep = options.rankSep ?? 70;
	const nodeSep = options.nodeSep ?? 14;
	const graph = adjacency(nodes, edges);
	const rank = storyRanks(nodes, edges, options.periodOf, graph);
	const { out, into } = graph;

	const columns: number[][] = [];
	for (let i = 0; i < nodes.length; i++) (columns[rank[i]] ??= []).push(i);
	for (let c = 0; c < columns.length; c++) columns[c] ??= [];
	// Events without links go to the foot of their column, out of the chains' way.
	const linked = (v: number) => out[v].length + into[v].length > 0;
	for (const column of columns) column.sort((a, b) => Number(linked(b)) - Number(linked(a)) || a - b);
	// Where each node stands in its column, as a fraction (0 top, 1 bottom), so that columns of
	// different lengths can be compared.
	const row = new Float64Array(nodes.length);
	for (const column of columns) column.forEach((n, i) => (row[n] = (i + 0.5) / column.length));
	// Sweeps: left to right by causes, then right to left by effects, twice.
	for (let sweep = 0; sweep < 2; sweep++) {
		for (let c = 1; c < columns.length; c++) orderByBarycentre(columns[c], into, row, rank, (r) => r < c);
		for (let c = columns.length - 2; c >= 0; c--) orderByBarycentre(columns[c], out, row, rank, (r) => r > c);
	}

	const pitchY = options.node.height + nodeSep;
	const y = new Float64Array(nodes.length);
	for (const column of columns) {
		const offset = (column.length - 1) / 2;
		column.forEach((n, i) => (y[n] = (i - offset) * pitchY));
	}
	// Rows pulled towards the neighbours' rows, each column keeping its order and its gaps.
	for (let sweep = 0; sweep < 3; sweep++) {
		for (let c = 1; c < columns.length; c++) alignColumn(columns[c], into, y, rank, (r) => r < c, pitchY);
		for (let c = columns.length - 2; c >= 0; c--) alignColumn(columns[c], out, y, rank, (r) => r > c, pitchY);
	}

	const positions = new Map<string, Point>();
	const pitchX = options.node.width + rankSep;
	columns.forEach((column, c) => column.forEach((n) => positions.set(nodes[n], { x: c * pitchX, y: y[n] })));
	return positions;
}

interface Adjacency {
	index: Map<string, number>;
	out: number[][];
	into: number[][];
}

function adjacency(nodes: readonly string[], edges: readonly (readonly [string, string])[]): Adjacency {
	const index = new Map(nodes.map((id, i) => [id, i]));
	const out: number[][] = nodes.map(() => []);
	const into: number[][] = nodes.map(() => []);
	for (const [from, to] of edges) {
		const a = index.get(from);
		const b = index.get(to);
		if (a === undefined || b === undefined || a === b) continue;
		out[a].push(b);
		into[b].push(a);
	}
	return { index, out, into };
}

/**
 * Each node's column (by index in `nodes`): at least one more than each cause's, and at least one
 * more than that of every node whose period ends before its own begins. A topological sweep over
 * the links and the (implicit, never listed) "certainly before" pairs: nodes sorted by the last day
 * they cover, a node is ready for time once every node ending before it begins is placed.
 */
export function storyRanks(
	nodes: readonly string[],
	edges: readonly (readonly [string, string])[],
	periodOf?: (id: string) => Period | undefined,
	graph: Adjacency = adjacency(nodes, edges)
): Int32Array {
	const n = nodes.length;
	const { out } = graph;
	const periods = nodes.map((id) => periodOf?.(id));
	const back = backEdges(out);
	// A link whose effect is certainly earlier than its cause cannot also be honoured in time.
	const skip = (v: number, w: number) => {
		if (back.has(v * n + w)) return true;
		const a = periods[v];
		const b = periods[w];
		return !!a && !!b && b.last < a.first;
	};
	const indegree = new Int32Array(n);
	for (let v = 0; v < n; v++) for (const w of out[v]) if (!skip(v, w)) indegree[w]++;

	const byLast = [...periods.keys()].filter((v) => periods[v]).sort((a, b) => periods[a]!.last - periods[b]!.last);
	const lasts = byLast.map((v) => periods[v]!.last);
	// How many nodes end before each node begins: those must all be placed first.
	const need = new Int32Array(n);
	for (let v = 0; v < n; v++) if (periods[v]) need[v] = lowerBound(lasts, periods[v]!.first);
	const prefixMax = new Int32Array(byLast.length + 1).fill(-1);
	const done = new Uint8Array(n);
	const waiting: number[][] = [];
	/** How many of each waiting list were already taken (taking from the front by shift() is O(length)). */
	const taken = new Int32Array(byLast.length + 2);
	/** No waiting list before this index holds a node: a stall searches on from here, not from the start. */
	let firstWaiting = Infinity;
	let placedPrefix = 0;

	const rank = new Int32Array(n);
	const queue: number[] = [];
	const release = (v: number) => {
		if (need[v] <= placedPrefix) queue.push(v);
		else {
			(waiting[need[v]] ??= []).push(v);
			firstWaiting = Math.min(firstWaiting, need[v]);
		}
	};
	for (let v = 0; v < n; v++) if (indegree[v] === 0) release(v);

	let placed = 0;
	let head = 0;
	while (placed < n) {
		let v: number;
		if (head < queue.length) v = queue[head++];
		else {
			// Stalled: the links and the dates contradict each other (a cycle through time). Take
			// the earliest waiting node and honour what can be honoured.
			let k = Math.max(placedPrefix + 1, firstWaiting);
			while (k < waiting.length && !((waiting[k]?.length ?? 0) > taken[k])) k++;
			firstWaiting = k;
			const list = waiting[k];
			if (!list || list.length <= taken[k]) break;
			v = list[taken[k]++];
		}
		const floor = prefixMax[Math.min(need[v], placedPrefix)] + 1;
		rank[v] = Math.max(rank[v], floor);
		done[v] = 1;
		placed++;
		for (const w of out[v]) {
			if (skip(v, w)) continue;
			rank[w] = Math.max(rank[w], rank[v] + 1);
			if (--indegree[w] === 0) release(w);
		}
		while (placedPrefix < byLast.length && done[byLast[placedPrefix]]) {
			prefixMax[placedPrefix + 1] = Math.max(prefixMax[placedPrefix], rank[byLast[placedPrefix]]);
			placedPrefix++;
			const ready = waiting[placedPrefix];
			if (ready) {
				for (let i = taken[placedPrefix]; i < ready.length; i++) queue.push(ready[i]);
				waiting[placedPrefix] = [];
				taken[placedPrefix] = 0;
			}
		}
	}
	return rank;
}

/** The first index whose value is ≥ `value` in an ascending array. */
function lowerBound(values: number[], value: number): number {
	let lo = 0;
	let hi = values.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (values[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The links that close a cycle, found by an iterative depth-first search, each as `from · n + to`. */
function backEdges(out: number[][]): Set<number> {
	const n = out.length;
	const state = new Uint8Array(n); // 0 unseen, 1 on the stack, 2 done
	const back = new Set<number>();
	const next = new Uint32Array(n);
	for (let root = 0; root < n; root++) {
		if (state[root]) continue;
		const stack = [root];
		state[root] = 1;
		while (stack.length) {
			const v = stack[stack.length - 1];
			if (next[v] < out[v].length) {
				const w = out[v][next[v]++];
				if (state[w] === 1) back.add(v * n + w);
				else if (state[w] === 0) {
					state[w] = 1;
					stack.push(w);
				}
			} else {
				state[v] = 2;
				stack.pop();
			}
		}
	}
	return back;
}

/** Sorts a column by the mean row of its neighbours on the side `side` accepts; others keep their place. */
function orderByBarycentre(column: number[], neighbours: number[][], row: Float64Array, rank: Int32Array, side: (r: number) => boolean) {
	if (column.length < 2) return;
	const key = new Map<number, number>();
	for (const v of column) {
		let sum = 0;
		let count = 0;
		for (const w of neighbours[v]) {
			if (!side(rank[w])) continue;
			sum += row[w];
			count++;
		}
		key.set(v, count ? sum / count : row[v]);
	}
	column.sort((a, b) => key.get(a)! - key.get(b)! || row[a] - row[b]);
	column.forEach((v, i) => (row[v] = (i + 0.5) / column.length));
}

/**
 * Moves a column's rows as near as they can get to the mean row of their neighbours (on the side
 * `side` accepts; a node without any stays where it is), keeping the column's order and at least
 * `pitch` between rows: the least-squares fit under those constraints (pool adjacent violators).
 */
function alignColumn(column: number[], neighbours: number[][], y: Float64Array, rank: Int32Array, side: (r: number) => boolean, pitch: number) {
	if (!column.length) return;
	// Shifted so that "at least `pitch` apart" becomes "non-decreasing".
	const wanted = column.map((v, i) => {
		let sum = 0;
		let count = 0;
		for (const w of neighbours[v]) {
			if (!side(rank[w])) continue;
			sum += y[w];
			count++;
		}
		return (count ? sum / count : y[v]) - i * pitch;
	});
	const blocks: { sum: number; count: number }[] = [];
	for (const value of wanted) {
		blocks.push({ sum: value, count: 1 });
		while (blocks.length > 1) {
			const last = blocks[blocks.length - 1];
			const before = blocks[blocks.length - 2];
			if (before.sum / before.count <= last.sum / last.count) break;
			before.sum += last.sum;
			before.count += last.count;
			blocks.pop();
		}
	}
	let i = 0;
	for (const block of blocks) {
		const value = block.sum / block.count;
		for (let k = 0; k < block.count; k++, i++) y[column[i]] = value + i * pitch;
	}
}
