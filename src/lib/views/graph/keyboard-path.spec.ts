import { describe, expect, it } from 'vitest';
import { makeEvent } from '$lib/test-data/factories';
import { announcement, firstNode, stepFrom, type PathNode } from './keyboard-path';

const node = (id: string, x: number, y: number, causes: string[] = [], effects: string[] = []): PathNode => ({ id, x, y, causes, effects });

// a → b → c, a → d (below b); e alone, far right; f alone above a
const nodes = new Map(
	[
		node('a', 0, 0, [], ['b', 'd']),
		node('b', 200, 0, ['a'], ['c']),
		node('d', 200, 80, ['a']),
		node('c', 400, 10, ['b']),
		node('e', 900, 300),
		node('f', 0, -100)
	].map((n) => [n.id, n])
);

describe('the keyboard path on the graph', () => {
	it('follows links: Right to the effect nearest the row, Left back to a cause', () => {
		expect(stepFrom('a', 'ArrowRight', nodes)).toBe('b');
		expect(stepFrom('b', 'ArrowRight', nodes)).toBe('c');
		expect(stepFrom('c', 'ArrowLeft', nodes)).toBe('b');
		expect(stepFrom('d', 'ArrowLeft', nodes)).toBe('a');
	});

	it('moves to the nearest event up or down, and where no link leads, to the nearest that way', () => {
		expect(stepFrom('b', 'ArrowDown', nodes)).toBe('d');
		expect(stepFrom('d', 'ArrowUp', nodes)).toBe('b');
		expect(stepFrom('a', 'ArrowUp', nodes)).toBe('f');
		expect(stepFrom('c', 'ArrowRight', nodes)).toBe('e');
		// nothing further: the focus stays
		expect(stepFrom('e', 'ArrowRight', nodes)).toBe('e');
	});

	it('starts where the story starts', () => {
		expect(firstNode(nodes)).toBe('f');
		expect(firstNode(new Map())).toBeNull();
	});

	it('announces the title, the date at its precision, and how many causes and effects', () => {
		const event = makeEvent('x', { title: 'First Kursk offensive', start: '2024-08-06' });
		expect(announcement(event, 2, 9)).toBe('Focused: First Kursk offensive, 6 Aug 2024; 2 causes, 9 effects');
		expect(announcement({ ...event, start: '2024', approximate: true }, 1, 0)).toBe('Focused: First Kursk offensive, c. 2024; 1 cause, 0 effects');
	});
});
