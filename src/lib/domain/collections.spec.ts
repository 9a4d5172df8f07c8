import { describe, expect, it } from 'vitest';
import { diffById } from './collections';

const item = (id: string, v = 1) => ({ id, v });

describe('diffById', () => {
	it('finds what was added, replaced and removed by walking both sorted versions once', () => {
		const [a, b, c, d] = [item('a'), item('b'), item('c'), item('d')];
		const b2 = item('b', 2);
		const e = item('e');
		const diff = diffById([a, b, c, d], [b2, d, e]);
		expect(diff.added).toEqual([e]);
		expect(diff.updated).toEqual([[b, b2]]);
		expect(diff.removed).toEqual([a, c]);
	});

	it('compares by identity: an equal copy is an update, the same object is not', () => {
		const a = item('a');
		expect(diffById([a], [a])).toEqual({ added: [], updated: [], removed: [] });
		expect(diffById([a], [{ ...a }]).updated).toHaveLength(1);
	});

	it('handles empty versions', () => {
		const a = item('a');
		expect(diffById([], [a]).added).toEqual([a]);
		expect(diffById([a], []).removed).toEqual([a]);
	});
});
