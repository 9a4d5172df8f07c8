import { describe, expect, it } from 'vitest';
import { diffById, sameIds } from './collections';

const item = (id: string, v = 0) => ({ id, v });
const ids = (xs: { id: string; v: number }[]) => xs.map((x) => `${x.id}${x.v}`);

describe('diffById', () => {
	it('finds what went and what came, an update being both', () => {
		const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => item(id));
		const delta = diffById([a, b, c], [a, item('b', 1), d])!;
		expect(ids(delta.gone)).toEqual(['b0', 'c0']);
		expect(ids(delta.came)).toEqual(['b1', 'd0']);
		expect(sameIds(delta)).toBe(false);
		expect(sameIds(diffById([a, b], [item('a', 1), b])!)).toBe(true);
	});

	it('stays exact on lists out of id order (reporting more than changed)', () => {
		const [a, b, c] = ['a', 'b', 'c'].map((id) => item(id));
		const delta = diffById([c, a, b], [a, b, c])!;
		const count = (xs: { id: string }[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map());
		// What remains of `before` once the gone are taken out and the come put in is `after`.
		const rest = count([c, a, b]);
		for (const x of delta.gone) rest.set(x, rest.get(x) - 1);
		for (const x of delta.came) rest.set(x, (rest.get(x) ?? 0) + 1);
		expect([...rest].filter(([, n]) => n).map(([x, n]) => `${x.id}×${n}`).sort()).toEqual(['a×1', 'b×1', 'c×1']);
	});

	it('gives up past `most` changes, whichever caller asked the same two lists first', () => {
		const before = Array.from({ length: 10 }, (_, i) => item(`i${i}`));
		const after = before.map((x, i) => (i < 4 ? item(x.id, 1) : x));
		expect(diffById(before, after, 3)).toBeNull();
		expect(diffById(before, after)?.gone).toHaveLength(4);
		expect(diffById(before, after, 7)).toBeNull();
		expect(diffById(before, after, 8)?.came).toHaveLength(4);
	});
});
