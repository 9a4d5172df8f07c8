/**
 * Finding an event by what someone types: the matches ranked by how well they match, so that the
 * one offered first (and chosen with Enter) is the one most likely meant.
 */
import { firstDay } from './partial-date';
import type { Actor, Event } from './schema';

/**
 * How well an event matches, best first: its title is the text, starts with it, has a word
 * starting with each word typed, contains each word; then each word is found in its dates, in
 * its dates or actors' names, or anywhere (description and tags too).
 */
const Match = { Exact: 0, TitlePrefix: 1, TitleWordStarts: 2, TitleContains: 3, Date: 4, DateOrActor: 5, Anywhere: 6 } as const;
type Match = (typeof Match)[keyof typeof Match];

const wordsOf = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);
const every = (words: string[], haystack: string) => words.every((w) => haystack.includes(w));

function rankOf(event: Event, query: string, words: string[], actorsById: ReadonlyMap<string, Actor>): Match | null {
	const title = event.title.toLowerCase();
	if (title === query) return Match.Exact;
	if (title.startsWith(query)) return Match.TitlePrefix;
	const titleWords = wordsOf(title);
	if (words.every((w) => titleWords.some((t) => t.startsWith(w)))) return Match.TitleWordStarts;
	if (every(words, title)) return Match.TitleContains;
	const dates = `${event.start} ${event.end ?? ''}`;
	if (every(words, dates)) return Match.Date;
	const actors = event.actorIds.map((id) => actorsById.get(id)?.name ?? id).join('\n').toLowerCase();
	if (every(words, `${dates}\n${actors}`)) return Match.DateOrActor;
	const rest = [title, dates, actors, event.description, ...event.tags].join('\n').toLowerCase();
	return every(words, rest) ? Match.Anywhere : null;
}

/**
 * The events matching `text`, best first (see Match), at most `limit`; among equal matches the
 * earlier event first, then by title. Empty text matches nothing: there is nothing to rank by.
 */
export function rankEventsByText(events: readonly Event[], text: string, actorsById: ReadonlyMap<string, Actor>, limit = Infinity): Event[] {
	const query = text.trim().toLowerCase().replace(/\s+/g, ' ');
	const words = wordsOf(query);
	if (!words.length) return [];
	const found: { event: Event; rank: Match; day: string }[] = [];
	for (const event of events) {
		const rank = rankOf(event, query, words, actorsById);
		if (rank !== null) found.push({ event, rank, day: firstDay(event.start) });
	}
	found.sort((a, b) => a.rank - b.rank || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) || a.event.title.localeCompare(b.event.title));
	return found.slice(0, limit).map((f) => f.event);
}
