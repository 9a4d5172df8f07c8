/**
 * Causal cycles — an event that, through its effects, ends up causing itself. That is almost
 * always a mistake in the data, so the graph and the inspector point them out.
 *
 * Tarjan's strongly connected components find the cyclic parts of the graph in O(events + links);
 * Johnson's algorithm then lists the elementary cycles inside them, one part at a time. Both are
 * iterative: a document can hold 10,000 events, too deep for recursion.
 */
import { causalGraph, type CausalGraph } from './causality-graph';
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
	const graph = causalGraph(doc);
	const cycles: CausalCycle[] = [];
	// One more than asked for tells whether the list is complete.
	const wanted = max + 1;
	const all = [...graph.events.keys()];
	const pending = cyclicParts(graph, all, new Set(all));
	while (pending.length && cycles.length < wanted) {
		const part = pending.shift()!;
		// Every cycle through `start` is listed now; the rest of the part is searched without it.
		// Each round finds at least one cycle (every event of a cyclic part lies on one), so there
		// are at most `wanted` rounds of O(events + links).
		const start = part.reduce((a, b) => (b < a ? b : a));
		const members = new Set(part);
		cycles.push(...cyclesThrough(graph, start, members, wanted - cycles.length));
		members.delete(start);
		pending.push(...cyclicParts(graph, [...members], members));
	}
	cycles.sort((a, b) => a.events.length - b.events.length);
	return { cycles: cycles.slice(0, max), truncated: cycles.length > max };
}

/** The strongly connected components of `nodes` that hold a cycle, each as a list of event ids. */
function cyclicParts(graph: CausalGraph, nodes: string[], members: ReadonlySet<string>): string[][] {
	return components(graph, nodes, members).filter(
		(part) => part.length > 1 || (graph.outgoing.get(part[0]) ?? []).some((l) => l.to === part[0])
	);
}

/** Tarjan's strongly connected components of the subgraph on `members`, without recursion. */
function components(graph: CausalGraph, nodes: string[], members: ReadonlySet<string>): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (id: string) => {
		index.set(id, index.size);
		low.set(id, index.size - 1);
		stack.push(id);
		onStack.add(id);
	};
	for (const root of nodes) {
		if (index.has(root)) continue;
		visit(root);
		// Each frame is an event and how many of its outgoing links have been looked at.
		const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
		while (frames.length) {
			const frame = frames[frames.length - 1];
			const links = graph.outgoing.get(frame.id) ?? [];
			if (frame.next < links.length) {
				const to = links[frame.next++].to;
				if (!members.has(to)) continue;
				if (!index.has(to)) {
					visit(to);
					frames.push({ id: to, next: 0 });
				} else if (onStack.has(to)) {
					low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
				}
				continue;
			}
			frames.pop();
			if (frames.length) {
				const parent = frames[frames.length - 1].id;
				low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
			}
			if (low.get(frame.id) === index.get(frame.id)) {
				const part: string[] = [];
				let id: string;
				do {
					id = stack.pop()!;
					onStack.delete(id);
					part.push(id);
				} while (id !== frame.id);
				found.push(part);
			}
		}
	}
	return found;
}

/**
 * Johnson's circuit search: up to `limit` elementary cycles through `start` inside `members`.
 * An event stays blocked while no cycle can be closed through it from the current path, which
 * keeps the work per cycle found linear instead of exponential.
 */
function cyclesThrough(graph: CausalGraph, start: string, members: ReadonlySet<string>, limit: number): CausalCycle[] {
	const cycles: CausalCycle[] = [];
	const blocked = new Set<string>([start]);
	// For each blocked event, the events to unblock along with it.
	const blockedWith = new Map<string, Set<string>>();
	const events = [start];
	const links: string[] = [];
	const frames: { id: string; next: number; closed: boolean }[] = [{ id: start, next: 0, closed: false }];

	const unblock = (id: string) => {
		blocked.delete(id);
		const todo = [id];
		while (todo.length) {
			const at = todo.pop()!;
			for (const other of blockedWith.get(at) ?? []) {
				if (!blocked.has(other)) continue;
				blocked.delete(other);
				todo.push(other);
			}
			blockedWith.delete(at);
		}
	};

	while (frames.length) {
		const frame = frames[frames.length - 1];
		const out = graph.outgoing.get(frame.id) ?? [];
		if (frame.next < out.length) {
			const link = out[frame.next++];
			if (!members.has(link.to)) continue;
			if (link.to === start) {
				cycles.push({ events: [...events], links: [...links, link.id] });
				frame.closed = true;
				if (cycles.length >= limit) return cycles;
			} else if (!blocked.has(link.to)) {
				blocked.add(link.to);
				events.push(link.to);
				links.push(link.id);
				frames.push({ id: link.to, next: 0, closed: false });
			}
			continue;
		}
		frames.pop();
		events.pop();
		links.pop();
		if (frame.closed) unblock(frame.id);
		else {
			for (const link of out) {
				if (!members.has(link.to)) continue;
				let waiting = blockedWith.get(link.to);
				if (!waiting) blockedWith.set(link.to, (waiting = new Set()));
				waiting.add(frame.id);
			}
		}
		if (frames.length && frame.closed) frames[frames.length - 1].closed = true;
	}
	return cycles;
}
