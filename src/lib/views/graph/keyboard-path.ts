/**
 * The graph's keyboard path: a focus that moves between events along their links. Right goes to
 * an effect, Left to a cause (the one nearest the focus's row, so repeated presses follow a
 * chain); Up and Down go to the nearest event above or below (the other causes or effects of the
 * same step, in a layout read left to right). Where no link leads, the arrow goes to the nearest
 * event in its direction. Pure: the canvas hands in positions and links.
 */
import { formatPartialDate } from '$lib/domain/partial-date';
import type { Event } from '$lib/domain/schema';

export type Direction = 'ArrowRight' | 'ArrowLeft' | 'ArrowUp' | 'ArrowDown';

export const DIRECTIONS: readonly Direction[] = ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown'];

export interface PathNode {
	id: string;
	x: number;
	y: number;
	causes: readonly string[];
	effects: readonly string[];
}

/** Where the focus goes from `from` on `key`; `from` itself when nothing lies that way. */
export function stepFrom(from: string, key: Direction, nodes: ReadonlyMap<string, PathNode>): string {
	const here = nodes.get(from);
	if (!here) return from;
	const linked = key === 'ArrowRight' ? here.effects : key === 'ArrowLeft' ? here.causes : [];
	const along = linked.map((id) => nodes.get(id)).filter((n): n is PathNode => !!n);
	if (along.length) return nearest(here, along, (n) => Math.abs(n.y - here.y) * 2 + Math.abs(n.x - here.x))!.id;
	const ahead = [...nodes.values()].filter((n) => n.id !== from && inDirection(here, n, key));
	// Mostly along the arrow's axis: a node far off to the side is not "to the right".
	const cost = key === 'ArrowRight' || key === 'ArrowLeft' ? (n: PathNode) => Math.abs(n.x - here.x) + 3 * Math.abs(n.y - here.y) : (n: PathNode) => Math.abs(n.y - here.y) + 3 * Math.abs(n.x - here.x);
	return nearest(here, ahead, cost)?.id ?? from;
}

function inDirection(here: PathNode, n: PathNode, key: Direction): boolean {
	const dx = n.x - here.x;
	const dy = n.y - here.y;
	if (key === 'ArrowRight') return dx > 0.5;
	if (key === 'ArrowLeft') return dx < -0.5;
	if (key === 'ArrowDown') return dy > 0.5;
	return dy < -0.5;
}

function nearest(here: PathNode, list: PathNode[], cost: (n: PathNode) => number): PathNode | undefined {
	let best: PathNode | undefined;
	let bestCost = Infinity;
	for (const n of list) {
		const c = cost(n);
		if (c < bestCost || (c === bestCost && best && n.id < best.id)) {
			best = n;
			bestCost = c;
		}
	}
	return best;
}

/** Where the focus starts when none is set: where the story starts (leftmost, then topmost). */
export function firstNode(nodes: ReadonlyMap<string, PathNode>): string | null {
	let best: PathNode | null = null;
	for (const n of nodes.values()) if (!best || n.x < best.x - 0.5 || (Math.abs(n.x - best.x) <= 0.5 && n.y < best.y)) best = n;
	return best?.id ?? null;
}

/** What a screen reader says of the focused event: "Focused: <title>, <date>; 2 causes, 3 effects". */
export function announcement(event: Pick<Event, 'title' | 'start' | 'end' | 'approximate'>, causes: number, effects: number): string {
	const when = formatPartialDate(event.start, event.approximate) + (event.end ? ` to ${formatPartialDate(event.end)}` : '');
	const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	return `Focused: ${event.title}, ${when}; ${count(causes, 'cause')}, ${count(effects, 'effect')}`;
}
