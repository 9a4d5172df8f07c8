/**
 * The rule for links, in one place: a link never joins an event to itself, and there is at most
 * one link per cause, effect and relation (a second relation between the same two events is a
 * different claim, and allowed). The server's planner checks every change with it, and the views
 * ask it before they send a link, so they refuse exactly what the server would.
 */
import type { Link, Relation } from './schema';

/** A link as far as the rule cares: an existing one has an id, one still being made may not. */
export interface LinkEnds {
	id?: string;
	from: string;
	to: string;
	relation: Relation;
}

/** What makes two links the same claim. */
export const linkKey = (l: LinkEnds): string => `${l.from}\u0000${l.to}\u0000${l.relation}`;

/** A link from an event to itself: never allowed. */
export const joinsItself = (l: LinkEnds): boolean => l.from === l.to;

/**
 * True when `other` is another link saying what `link` says (same cause, effect and relation):
 * what equal linkKeys mean, compared field by field so that a scan of 75,000 links builds no string.
 */
export const isTwin = (other: Link, link: LinkEnds): boolean =>
	other.from === link.from && other.to === link.to && other.relation === link.relation && other.id !== link.id;

/** The other link that says what `link` says (same cause, effect and relation), if there is one. */
export function twinOf(links: readonly Link[], link: LinkEnds): Link | undefined {
	return links.find((other) => isTwin(other, link));
}

export type LinkRefusal = { reason: 'self' } | { reason: 'duplicate'; twin: Link };

/** Why `link` may not be made (or moved to where it is), given the document's `links`; null when it may. */
export function linkRefusal(links: readonly Link[], link: LinkEnds): LinkRefusal | null {
	if (joinsItself(link)) return { reason: 'self' };
	const twin = twinOf(links, link);
	return twin ? { reason: 'duplicate', twin } : null;
}
