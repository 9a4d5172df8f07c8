import { describe, expect, it } from 'vitest';
import { PatchedMap } from './patched-map';

describe('a patched map', () => {
	it('reads the replaced values, keeps the keys and their order, and leaves earlier versions as they were', () => {
		const first = new PatchedMap(new Map([['a', 1], ['b', 2], ['c', 3]]));
		const second = first.with(new Map([['b', 20], ['z', 99]]));
		const third = second.with(new Map([['a', 10]]));
		expect([...third]).toEqual([['a', 10], ['b', 20], ['c', 3]]);
		expect([...second]).toEqual([['a', 1], ['b', 20], ['c', 3]]);
		expect([...first]).toEqual([['a', 1], ['b', 2], ['c', 3]]);
		expect(third.get('z')).toBeUndefined();
		expect(third.has('z')).toBe(false);
		expect(third.size).toBe(3);
	});

	it('stays the same map after many patches, however long the overlay grew', () => {
		const size = 5000;
		let map = new PatchedMap(new Map(Array.from({ length: size }, (_, i) => [i, 0])));
		for (let round = 1; round <= 3; round++) {
			for (let from = 0; from < size; from += 500) map = map.with(new Map(Array.from({ length: 500 }, (_, i) => [from + i, round])));
			expect([...map]).toEqual(Array.from({ length: size }, (_, i) => [i, round]));
		}
	});
});
