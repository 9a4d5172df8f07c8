/** Small factories for tests (not shipped to the browser): entities with sensible defaults. */
import { canonicalize } from '../domain/collections';
import { emptyDocument } from '../domain/document';
import type { Actor, CausewayDocument, Event, Link, Source } from '../domain/schema';

const T = '2026-01-01T00:00:00.000Z';
const meta = (id: string) => ({ id, revision: 1, createdAt: T, updatedAt: T });

export function makeEvent(id: string, fields: Partial<Event> = {}): Event {
	return {
		...meta(id),
		title: `Event ${id}`,
		description: '',
		start: '2024-08-06',
		approximate: false,
		kind: 'military',
		actorIds: [],
		tags: [],
		sources: [],
		...fields
	};
}

export function makeActor(id: string, fields: Partial<Actor> = {}): Actor {
	return { ...meta(id), name: `Actor ${id}`, kind: 'state', description: '', ...fields };
}

export function makeLink(id: string, from: string, to: string, fields: Partial<Link> = {}): Link {
	return { ...meta(id), from, to, relation: 'causes', confidence: 'medium', note: '', sources: [], ...fields };
}

export function makeSource(id: string, fields: Partial<Source> = {}): Source {
	return { ...meta(id), title: `Source ${id}`, publisher: '', author: '', url: '', notes: '', ...fields };
}

/** A document from parts, in canonical order. */
export function makeDocument(parts: Partial<Pick<CausewayDocument, 'events' | 'actors' | 'links' | 'sources'>> = {}): CausewayDocument {
	return canonicalize({ ...emptyDocument('Test'), ...parts });
}

/**
 * A small story: a → b → c, with an actor on a and b and a source cited by a and by the link a→b.
 */
export function makeChain(): CausewayDocument {
	return makeDocument({
		actors: [makeActor('ukraine')],
		sources: [makeSource('src-1')],
		events: [
			makeEvent('a', { start: '2024-08-06', actorIds: ['ukraine'], sources: [{ sourceId: 'src-1', quote: 'q' }] }),
			makeEvent('b', { start: '2024-08', actorIds: ['ukraine'] }),
			makeEvent('c', { start: '2025' })
		],
		links: [makeLink('ab', 'a', 'b', { sources: [{ sourceId: 'src-1' }] }), makeLink('bc', 'b', 'c')]
	});
}
