/**
 * A fast layered layout for large causal graphs, left to right, causes before effects: each event
 * goes one column right of its latest cause (longest path), and each column is ordered by the
 * average row of the causes it comes from (barycentre), so that chains stay roughly level.
 * O((nodes + links) · log nodes), where dagre's crossing minimisation takes tens of seconds from
 * about a thousand nodes on (measured: 1,000 events and 1,500 links ≈ 10–17 s in dagre, 4–7 s in
 * elk's layered); the view uses dagre below that size, where its tidier result is affordable.
 *
 * Links that close a cycle are set aside for the layering (a cycle has no "before"); they are
 * drawn all the same, pointing backwards.
 */
import type { Box, Point } from './chronological-layout';

export interface LayeredOptions {
	node: Box;
	/** Space between columns and between boxes in a column. */
	rankSep?: number;
	nodeSep?: number;
}

/**
 * Positions (box centres) for `nodes` joined by `edges` ([cause, effect] pairs). `nodes` should
 * come in the order ties are broken in (e.g. by date).
 */
export function layeredLayout(nodes: readonly string[], edges: readonly (readonly [string, string])[], options: LayeredOptions): Map<string, Point> {
	const rankSep = options.rankSep ?? 70;
	const nodeSep = options.nodeSep ?? 14;
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
	const back = backEdges(out);
	const rank = longestPathRanks(out, back);

	const columns: number[][] = [];
	for (let i = 0; i < nodes.length; i++) (columns[rank[i]] ??= []).push(i);
	// Where each node stands in its column, as a fraction (0 top, 1 bottom), so that columns of
	// different lengths can be compared.
	const row = new Float64Array(nodes.length);
	for (const column of columns) column?.forEach((n, i) => (row[n] = (i + 0.5) / column.length));
	// Two sweeps: left to right by causes, then right to left by effects.
	for (let c = 1; c < columns.length; c++) orderByBarycentre(columns[c], into, row, rank, (r) => r < c);
	for (let c = columns.length - 2; c >= 0; c--) orderByBarycentre(columns[c], out, row, rank, (r) => r > c);

	const positions = new Map<string, Point>();
	const pitchX = options.node.width + rankSep;
	const pitchY = options.node.height + nodeSep;
	columns.forEach((column, c) => {
		const offset = ((column?.length ?? 0) - 1) / 2;
		column?.forEach((n, i) => positions.set(nodes[n], { x: c * pitchX, y: (i - offset) * pitchY }));
	});
	return positions;
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

/** Each node's column: one more than that of its furthest cause (Kahn's order over forward links). */
function longestPathRanks(out: number[][], back: Set<number>): Int32Array {
	const n = out.length;
	const indegree = new Int32Array(n);
	for (let v = 0; v < n; v++) for (const w of out[v]) if (!back.has(v * n + w)) indegree[w]++;
	const rank = new Int32Array(n);
	const queue: number[] = [];
	for (let v = 0; v < n; v++) if (indegree[v] === 0) queue.push(v);
	for (let head = 0; head < queue.length; head++) {
		const v = queue[head];
		for (const w of out[v]) {
			if (back.has(v * n + w)) continue;
			rank[w] = Math.max(rank[w], rank[v] + 1);
			if (--indegree[w] === 0) queue.push(w);
		}
	}
	return rank;
}

/** Sorts a column by the mean row of its neighbours on the side `side` accepts; others keep their place. */
function orderByBarycentre(column: number[] | undefined, neighbours: number[][], row: Float64Array, rank: Int32Array, side: (r: number) => boolean) {
	if (!column || column.length < 2) return;
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
