/** Ids: readable slugs with a short random suffix, e.g. `capture-of-sudzha-k3f9`. */
import { ID_PATTERN } from './schema';

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

function suffix(length = 4): string {
	const bytes = crypto.getRandomValues(new Uint8Array(length));
	return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A new id for an entity titled `text`, not one of those `taken` says exist. */
export function newId(text: string, taken: (id: string) => boolean): string {
	const base = slugify(text);
	for (let attempt = 0; attempt < 20; attempt++) {
		const id = `${base}-${suffix(attempt < 10 ? 4 : 8)}`;
		if (ID_PATTERN.test(id) && !taken(id)) return id;
	}
	throw new Error('could not find a free id');
}
