/** Ids: readable slugs with a short random suffix, e.g. `capture-of-sudzha-k3f9`. */
import { isId } from './schema';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A slug of `text`: lower case, ASCII letters and digits joined by "-", at most 40 characters. */
export function slugify(text: string): string {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, 40)
		.replace(/^-+|-+$/g, '');
	return slug || 'item';
}

// Random bytes drawn a page at a time: one call per id made a batch of 10,000 creates spend
// more time asking for randomness than planning.
const pool = new Uint8Array(4096);
let used = pool.length;

function suffix(length = 4): string {
	if (used + length > pool.length) (crypto.getRandomValues(pool), (used = 0));
	let out = '';
	for (let i = 0; i < length; i++) out += ALPHABET[pool[used++] % ALPHABET.length];
	return out;
}

/** A new id for an entity titled `text`, not one of those `taken` says exist. */
export function newId(text: string, taken: (id: string) => boolean): string {
	const base = slugify(text);
	for (let attempt = 0; attempt < 20; attempt++) {
		const id = `${base}-${suffix(attempt < 10 ? 4 : 8)}`;
		if (isId(id) && !taken(id)) return id;
	}
	throw new Error('could not find a free id');
}
