/** Which column a list is sorted by, and which way: a header button toggles it. */
export class Sorting<Key extends string> {
	key = $state() as Key;
	ascending = $state(true);
	readonly #descendingFirst: ReadonlySet<Key>;

	/** Columns in `descendingFirst` (counts) sort largest first on their first click: that is what one looks for. */
	constructor(key: Key, descendingFirst: readonly Key[] = []) {
		this.key = key;
		this.#descendingFirst = new Set(descendingFirst);
	}

	/** Sorts by `key`; by the same key again, the other way. */
	by(key: Key): void {
		if (this.key === key) this.ascending = !this.ascending;
		else {
			this.key = key;
			this.ascending = !this.#descendingFirst.has(key);
		}
	}

	/** The header's aria-sort for `key`. */
	ariaSort(key: Key): 'ascending' | 'descending' | 'none' {
		return this.key === key ? (this.ascending ? 'ascending' : 'descending') : 'none';
	}
}
