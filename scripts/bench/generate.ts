/**
 * A synthetic Causeway document of any size, deterministic given the seed: the data the benchmarks
 * (server now, browser views later) run on. Content is shaped like the real thing: titles of 40–80
 * characters, descriptions of a few hundred, dates over 2020–2025 at year, month and day precision
 * (some with an end, never before the start), 1–3 actors and a citation or two per event, links
 * mostly forward in time (cause before effect), no self-links, no duplicate pairs.
 *
 * The result is in canonical form (each collection sorted by id), as the store keeps it. It is
 * built to pass `parseDocument` (src/lib/domain/document.ts); the benchmark checks that before use.
 *
 *   import { generateDocument } from './generate';
 *   const doc = generateDocument({ events: 10_000, links: 15_000, actors: 200, seed: 1 });
 *
 * Or from the command line (writes the JSON file other tools can load):
 *   npx tsx scripts/bench/generate.ts --events 10000 --links 15000 --actors 200 --seed 1 --out /tmp/doc.json
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { slugify } from '../../src/lib/domain/ids';
import {
	RELIABILITIES,
	SCHEMA_VERSION,
	type Actor,
	type CausewayDocument,
	type Citation,
	type Event,
	type Link,
	type Source
} from '../../src/lib/domain/schema';

export interface GenerateOptions {
	/** Number of events (default 10,000). */
	events?: number;
	/** Number of cause → effect links (default 15,000). */
	links?: number;
	/** Number of actors (default 200). */
	actors?: number;
	/** Number of sources (default: one per 25 events, at least 20). */
	sources?: number;
	/** The seed: the same options give the same document, byte for byte (default 1). */
	seed?: number;
	/** The document title (default names the size and seed). */
	title?: string;
}

/** The budget's size (PRODUCT.md "Performance budgets"). */
export const BUDGET_SIZE = { events: 10_000, links: 15_000, actors: 200 } as const;

// --- a small seeded random generator (mulberry32) ---

export class Random {
	#state: number;
	constructor(seed: number) {
		this.#state = (seed >>> 0) ^ 0x9e3779b9;
	}
	/** A float in [0, 1). */
	next(): number {
		let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}
	/** One of `items`, chosen with the given weights. */
	weighted<T>(items: readonly (readonly [T, number])[]): T {
		const total = items.reduce((sum, [, w]) => sum + w, 0);
		let r = this.next() * total;
		for (const [item, w] of items) if ((r -= w) < 0) return item;
		return items[items.length - 1][0];
	}
	/** `count` distinct items of `items` (fewer when there are not that many). */
	sample<T>(items: readonly T[], count: number): T[] {
		const chosen = new Set<number>();
		const n = Math.min(count, items.length);
		while (chosen.size < n) chosen.add(Math.floor(this.next() * items.length));
		return [...chosen].map((i) => items[i]);
	}
	/** A lower-case alphanumeric string, like the server's id suffixes. */
	suffix(length: number): string {
		const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
		let s = '';
		for (let i = 0; i < length; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
		return s;
	}
}

// --- vocabulary ---

const PLACES: readonly (readonly [string, number, number])[] = [
	['Sudzha', 51.19, 35.27],
	['Kursk', 51.73, 36.19],
	['Sumy', 50.91, 34.8],
	['Belgorod', 50.6, 36.59],
	['Korenevo', 51.41, 34.91],
	['Lgov', 51.66, 35.26],
	['Rylsk', 51.57, 34.68],
	['Glushkovo', 51.34, 34.64],
	['Tyotkino', 51.27, 34.29],
	['Kurchatov', 51.66, 35.65],
	['Bolshoe Soldatskoe', 51.35, 35.5],
	['Malaya Loknya', 51.26, 35.1],
	['Pokrovsk', 48.28, 37.18],
	['Kharkiv', 49.99, 36.23],
	['Vovchansk', 50.29, 36.94],
	['Kupiansk', 49.71, 37.62],
	['Zaporizhzhia', 47.84, 35.14],
	['Kherson', 46.64, 32.61],
	['Bakhmut', 48.6, 38.0],
	['Avdiivka', 48.14, 37.75],
	['Kyiv', 50.45, 30.52],
	['Moscow', 55.76, 37.62],
	['Brussels', 50.85, 4.35],
	['Washington', 38.9, -77.04],
	['Pyongyang', 39.04, 125.76],
	['Geneva', 46.2, 6.14],
	['Istanbul', 41.01, 28.98],
	['Minsk', 53.9, 27.56]
];

const ACTIONS = [
	'launches a counteroffensive',
	'shells supply routes',
	'announces an evacuation',
	'captures a border checkpoint',
	'withdraws from forward positions',
	'strikes an ammunition depot',
	'reinforces the defensive line',
	'opens talks on prisoner exchanges',
	'delivers air-defence systems',
	'imposes new sanctions',
	'reports heavy losses',
	'secures a river crossing',
	'requests emergency aid',
	'destroys a pontoon bridge',
	'deploys additional brigades',
	'begins a drone campaign',
	'restores the power supply',
	'closes the border crossing',
	'publishes satellite imagery',
	'agrees to a local ceasefire'
];

const CONTEXTS = [
	'after days of fighting',
	'ahead of the winter',
	'under sustained artillery fire',
	'following an intelligence warning',
	'despite international pressure',
	'as the front line shifts',
	'in response to earlier strikes',
	'amid reports of civilian casualties',
	'with support from allied partners',
	'after a failed assault'
];

const SENTENCES = [
	'Officials confirmed the move in a short statement but gave no figures.',
	'Independent observers could not verify the claims made by either side.',
	'Satellite images taken the following morning showed damaged vehicles along the road.',
	'Local residents described repeated explosions through the night.',
	'The announcement came hours after a meeting of the defence council.',
	'Analysts linked the decision to shortages of artillery ammunition.',
	'Humanitarian groups warned that roads out of the area were no longer safe.',
	'Several villages changed hands more than once during the week.',
	'The ministry later revised its account of the casualties.',
	'Reporters on the ground saw columns of trucks heading towards the border.',
	'Allied governments welcomed the step while urging restraint.',
	'Power and water supplies were cut in a number of districts.',
	'The operation relied heavily on reconnaissance drones and electronic warfare.',
	'Commanders described the situation as difficult but under control.',
	'Footage shared online appeared to show the aftermath of the strike.',
	'Negotiators met again the next day without announcing an agreement.'
];

const TAGS = [
	'offensive', 'defence', 'logistics', 'air-defence', 'drones', 'artillery', 'evacuation', 'sanctions',
	'negotiations', 'prisoners', 'energy', 'border', 'civilians', 'intelligence', 'aid', 'reinforcements'
];

const FIRST_NAMES = ['Oleksandr', 'Valery', 'Sergei', 'Andriy', 'Olena', 'Maria', 'Dmitry', 'Iryna', 'Yuri', 'Anna', 'Mykola', 'Viktor', 'Tetiana', 'Pavel', 'Kateryna', 'Igor'];
const LAST_NAMES = ['Syrskyi', 'Gerasimov', 'Kovalenko', 'Petrov', 'Shevchenko', 'Ivanova', 'Melnyk', 'Sokolov', 'Bondarenko', 'Volkova', 'Tkachenko', 'Morozov', 'Kravets', 'Lebedev'];
const UNIT_TYPES = ['Mechanized Brigade', 'Air Assault Brigade', 'Motor Rifle Regiment', 'Marine Brigade', 'Tank Battalion', 'Artillery Brigade', 'Territorial Defence Battalion', 'Special Forces Group'];
const ORGANIZATIONS = ['Red Cross Mission', 'Monitoring Group', 'Relief Coalition', 'Energy Agency', 'Observer Mission', 'Refugee Council', 'Civil Protection Service', 'Press Office'];
const SIDES = ['Ukraine', 'Russia', 'North Korea', 'NATO', 'United Nations', 'Neutral'];
const PUBLISHERS = ['Reuters', 'Associated Press', 'BBC News', 'Kyiv Independent', 'Meduza', 'Institute for the Study of War', 'The Guardian', 'Al Jazeera', 'Ukrainska Pravda', 'Novaya Gazeta Europe'];

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

/** `text` cut at a word boundary to at most `max` characters. */
function fit(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max + 1);
	const space = cut.lastIndexOf(' ');
	return (space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).replace(/[\s,;:-]+$/, '');
}

function sentences(rng: Random, minChars: number, maxChars: number): string {
	const target = rng.int(minChars, maxChars);
	let text = '';
	let last = '';
	while (text.length < target) {
		let next = rng.pick(SENTENCES);
		while (next === last) next = rng.pick(SENTENCES);
		text += (text ? ' ' : '') + next;
		last = next;
	}
	return fit(text, maxChars);
}

// --- dates ---

const DAY = 86_400_000;
const FIRST = Date.UTC(2020, 0, 1);
const LAST = Date.UTC(2025, 11, 31);

const pad = (n: number) => String(n).padStart(2, '0');

function partialDate(time: number, precision: 'year' | 'month' | 'day'): string {
	const d = new Date(time);
	const year = String(d.getUTCFullYear());
	if (precision === 'year') return year;
	const month = `${year}-${pad(d.getUTCMonth() + 1)}`;
	return precision === 'month' ? month : `${month}-${pad(d.getUTCDate())}`;
}

const precisions = [['day', 65], ['month', 25], ['year', 10]] as const;

/** A day in 2020–2025, denser in 2024–2025 (the period the dataset is about). */
function randomDay(rng: Random): number {
	const recent = Date.UTC(2024, 0, 1);
	const from = rng.chance(0.6) ? recent : FIRST;
	return from + Math.floor(rng.next() * ((LAST - from) / DAY + 1)) * DAY;
}

// --- ids ---

function uniqueId(rng: Random, base: string, taken: Set<string>): string {
	for (let attempt = 0; ; attempt++) {
		const id = `${base}-${rng.suffix(attempt < 10 ? 4 : 8)}`;
		if (!taken.has(id)) {
			taken.add(id);
			return id;
		}
	}
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// --- the document ---

/** A valid Causeway document of the given size, the same for the same options. */
export function generateDocument(options: GenerateOptions = {}): CausewayDocument {
	const eventCount = options.events ?? BUDGET_SIZE.events;
	const linkCount = options.links ?? BUDGET_SIZE.links;
	const actorCount = options.actors ?? BUDGET_SIZE.actors;
	const sourceCount = options.sources ?? Math.max(20, Math.round(eventCount / 25));
	const seed = options.seed ?? 1;
	if (linkCount > 0 && eventCount < 2) throw new RangeError('links need at least two events');
	if (linkCount > eventCount * (eventCount - 1)) throw new RangeError(`${eventCount} events cannot carry ${linkCount} distinct links`);
	if (eventCount > 0 && (actorCount < 1 || sourceCount < 1)) throw new RangeError('events need at least one actor and one source');

	const rng = new Random(seed);
	let clock = Date.UTC(2025, 5, 1, 8, 0, 0);
	/** createdAt/updatedAt and revision for the next entity: created in order, some edited since. */
	const meta = () => {
		clock += rng.int(1, 120) * 1000;
		const revision = rng.weighted([[1, 70], [2, 20], [3, 7], [5, 3]] as const);
		const updated = revision === 1 ? clock : clock + rng.int(1, 30 * 24 * 3600) * 1000;
		return { revision, createdAt: new Date(clock).toISOString(), updatedAt: new Date(updated).toISOString() };
	};

	// Actors
	const actorIds = new Set<string>();
	const actors: Actor[] = [];
	for (let i = 0; i < actorCount; i++) {
		const kind = rng.weighted([['armed-force', 45], ['person', 25], ['organization', 15], ['state', 8], ['alliance', 3], ['other', 4]] as const);
		const name =
			kind === 'armed-force'
				? `${ordinal(rng.int(1, 160))} ${rng.pick(UNIT_TYPES)}`
				: kind === 'person'
					? `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`
					: kind === 'organization'
						? `${rng.pick(PLACES)[0]} ${rng.pick(ORGANIZATIONS)}`
						: kind === 'state'
							? `${rng.pick(SIDES)} government (${i})`
							: kind === 'alliance'
								? `Coalition of ${rng.pick(SIDES)} partners`
								: `Volunteer group ${i}`;
		const actor: Actor = {
			id: uniqueId(rng, slugify(name), actorIds),
			...meta(),
			name,
			kind,
			description: sentences(rng, 60, 300)
		};
		if (rng.chance(0.8)) actor.side = rng.pick(SIDES);
		if (rng.chance(0.5)) actor.color = `#${rng.int(0, 0xffffff).toString(16).padStart(6, '0')}`;
		actors.push(actor);
	}

	// Sources
	const sourceIds = new Set<string>();
	const sources: Source[] = [];
	for (let i = 0; i < sourceCount; i++) {
		const publisher = rng.pick(PUBLISHERS);
		const title = fit(`${rng.pick(PLACES)[0]}: ${rng.pick(ACTIONS)} ${rng.pick(CONTEXTS)}`, 120);
		const id = uniqueId(rng, slugify(title), sourceIds);
		const source: Source = {
			id,
			...meta(),
			title,
			publisher,
			author: rng.chance(0.7) ? `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}` : '',
			url: `https://www.${slugify(publisher)}.example/news/${id}`,
			notes: rng.chance(0.3) ? sentences(rng, 40, 200) : ''
		};
		if (rng.chance(0.9)) source.publishedAt = partialDate(randomDay(rng), rng.weighted([['day', 85], ['month', 15]] as const));
		if (rng.chance(0.7)) source.reliability = rng.pick(RELIABILITIES);
		sources.push(source);
	}

	// Events, remembering each one's first day for the links
	const eventIds = new Set<string>();
	const events: Event[] = [];
	const startDay: number[] = [];
	for (let i = 0; i < eventCount; i++) {
		const actorsOf = rng.sample(actors, rng.weighted([[1, 40], [2, 40], [3, 20]] as const));
		const [place, lat, lon] = rng.pick(PLACES);
		// "<actor> <does something> [near <place>] [<context>]": 40–80 characters.
		let title = `${actorsOf[0].name} ${rng.pick(ACTIONS)}`;
		const near = ` near ${place}`;
		if ((title.length < 40 || rng.chance(0.6)) && title.length + near.length <= 80) title += near;
		const context = ` ${rng.pick(CONTEXTS)}`;
		if ((title.length < 40 || rng.chance(0.4)) && title.length + context.length <= 80) title += context;
		title = fit(title, 80);

		const day = randomDay(rng);
		const precision = rng.weighted(precisions);
		const start = partialDate(day, precision);
		const firstDay = Date.parse(
			precision === 'year' ? `${start}-01-01` : precision === 'month' ? `${start}-01` : start
		);
		const citations: Citation[] = rng.sample(sources, rng.weighted([[1, 65], [2, 35]] as const)).map((s) =>
			rng.chance(0.35) ? { sourceId: s.id, quote: sentences(rng, 60, 180) } : { sourceId: s.id }
		);
		const event: Event = {
			id: uniqueId(rng, slugify(title), eventIds),
			...meta(),
			title,
			description: sentences(rng, 150, 450),
			start,
			approximate: rng.chance(0.1),
			kind: rng.weighted([['military', 55], ['political', 12], ['diplomatic', 10], ['aid', 7], ['intelligence', 6], ['humanitarian', 7], ['other', 3]] as const),
			actorIds: actorsOf.map((a) => a.id),
			tags: rng.sample(TAGS, rng.int(0, 3)),
			sources: citations
		};
		if (rng.chance(0.25)) {
			// The end lies on or after the first day the start covers, so it is never before it.
			const endDay = Math.min(LAST, firstDay + rng.int(0, 90) * DAY);
			event.end = partialDate(endDay, rng.weighted(precisions));
		}
		if (rng.chance(0.6)) {
			event.location = {
				name: place,
				lat: Math.round((lat + (rng.next() - 0.5) * 0.2) * 1e4) / 1e4,
				lon: Math.round((lon + (rng.next() - 0.5) * 0.2) * 1e4) / 1e4
			};
		} else if (rng.chance(0.2)) {
			event.location = { name: `${place} district` };
		}
		events.push(event);
		startDay.push(firstDay);
	}

	// Links: mostly a cause followed, within a few weeks to months, by its effect.
	const byTime = events.map((_, i) => i).sort((a, b) => startDay[a] - startDay[b] || a - b);
	const pairs = new Set<string>();
	const linkIds = new Set<string>();
	const links: Link[] = [];
	const window = Math.max(2, Math.min(300, Math.round(eventCount / 30)));
	let attempts = 0;
	while (links.length < linkCount) {
		if (++attempts > linkCount * 100) throw new Error(`could not place ${linkCount} distinct links among ${eventCount} events`);
		let from: number;
		let to: number;
		if (rng.chance(0.95) && eventCount > 1) {
			// Forward in time: an effect among the next `window` events by start date.
			const i = rng.int(0, eventCount - 2);
			const j = Math.min(eventCount - 1, i + 1 + Math.floor(rng.next() ** 2 * window));
			from = byTime[i];
			to = byTime[j];
		} else {
			// Anywhere: a long-range link, sometimes backwards (flagged as a temporal inconsistency).
			from = rng.int(0, eventCount - 1);
			to = rng.int(0, eventCount - 1);
		}
		if (from === to) continue;
		const key = `${from}>${to}`;
		if (pairs.has(key)) continue;
		pairs.add(key);
		const link: Link = {
			id: uniqueId(rng, 'item', linkIds),
			...meta(),
			from: events[from].id,
			to: events[to].id,
			relation: rng.weighted([['causes', 35], ['enables', 20], ['triggers', 20], ['responds-to', 20], ['prevents', 5]] as const),
			confidence: rng.weighted([['low', 20], ['medium', 50], ['high', 30]] as const),
			note: rng.chance(0.35) ? sentences(rng, 50, 160) : '',
			sources: rng.chance(0.4) ? [{ sourceId: rng.pick(sources).id }] : []
		};
		links.push(link);
	}

	return {
		schemaVersion: SCHEMA_VERSION,
		revision: actorCount + sourceCount + eventCount + linkCount,
		title: options.title ?? `Benchmark: ${eventCount} events, ${linkCount} links, ${actorCount} actors (seed ${seed})`,
		events: events.sort(byId),
		actors: actors.sort(byId),
		links: links.sort(byId),
		sources: sources.sort(byId),
		claims: []
	};
}

/** The document as the store writes it: compact JSON and a final newline. */
export function documentText(doc: CausewayDocument): string {
	return JSON.stringify(doc) + '\n';
}

// Command line: write a generated document to a file.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const args = process.argv.slice(2);
	const arg = (name: string) => {
		const i = args.indexOf(`--${name}`);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const num = (name: string) => (arg(name) === undefined ? undefined : Number(arg(name)));
	const out = arg('out');
	const doc = generateDocument({ events: num('events'), links: num('links'), actors: num('actors'), sources: num('sources'), seed: num('seed') });
	const text = documentText(doc);
	if (out) {
		writeFileSync(out, text);
		console.log(`${out}: ${doc.events.length} events, ${doc.links.length} links, ${doc.actors.length} actors, ${doc.sources.length} sources, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`);
	} else {
		process.stdout.write(text);
	}
}
