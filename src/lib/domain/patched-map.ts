/**
 * A read-only map that is another one with some values replaced. Patching a count per event after
 * an edit then costs what the edit changed, not a copy of 50,000 entries; the base is never
 * changed, so every earlier version stays as it was. It keeps the keys (and their order) of the
 * base: only values change.
 */

/** Past this many replaced values, the next patch makes a new base instead of a longer overlay. */
const MOST_REPLACED = 2000;

export class PatchedMap<K, V> implements Iterable<[K, V]> {
	readonly #base: ReadonlyMap<K, V>;
	readonly #replaced: ReadonlyMap<K, V>;

	constructor(base: ReadonlyMap<K, V>, replaced: ReadonlyMap<K, V> = new Map()) {
		this.#base = base;
		this.#replaced = replaced;
	}

	get size(): number {
		return this.#base.size;
	}

	has(key: K): boolean {
		return this.#base.has(key);
	}

	get(key: K): V | undefined {
		return this.#replaced.has(key) ? this.#replaced.get(key) : this.#base.get(key);
	}

	*[Symbol.iterator](): Iterator<[K, V]> {
		for (const [key, value] of this.#base) yield [key, this.#replaced.has(key) ? this.#replaced.get(key)! : value];
	}

	/** This map with the values of `changes` for the keys it has (other keys are not added). */
	with(changes: ReadonlyMap<K, V>): PatchedMap<K, V> {
		const replaced = new Map(this.#replaced);
		for (const [key, value] of changes) if (this.#base.has(key)) replaced.set(key, value);
		if (replaced.size > MOST_REPLACED) return new PatchedMap(new Map([...this, ...replaced]));
		return new PatchedMap(this.#base, replaced);
	}
}
