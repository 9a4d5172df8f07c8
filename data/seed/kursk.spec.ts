/**
 * The bundled dataset: valid, complete, cited, and honest about where its sources disagree (as claims,
 * one value per source).
 * Quotes are checked against the articles in ../shared/seed-articles (where the project keeps its
 * source material; CAUSEWAY_ARTICLES overrides).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '$lib/domain/document';
import { findCycles, pathsBetween, temporalInconsistencies } from '$lib/domain/causality';
import { contestedQuestions, questionsOf } from '$lib/domain/claims';

const doc = parseDocument(JSON.parse(readFileSync(resolve('data/seed/kursk.json'), 'utf8')));
const byId = new Map(doc.events.map((e) => [e.id, e]));
const articles = resolve(process.env.CAUSEWAY_ARTICLES ?? '../shared/seed-articles');

describe('the Kursk dataset', () => {
	it('is large enough: ≥ 30 events, 12 actors, 30 links, and the 5 sources', () => {
		expect(doc.events.length).toBeGreaterThanOrEqual(30);
		expect(doc.actors.length).toBeGreaterThanOrEqual(12);
		expect(doc.links.length).toBeGreaterThanOrEqual(30);
		expect(doc.sources.map((s) => s.id)).toEqual(['src-000', 'src-001', 'src-002', 'src-003', 'src-004']);
	});

	it('has the events the story needs, at the precision the articles give', () => {
		const expected: Record<string, string> = {
			'first-incursion': '2024-08-06',
			'sudzha-captured': '2024-08',
			'russia-diverts-troops': '2024-08',
			'north-korean-troops-arrive': '2024',
			'russia-retakes-half': '2024-10',
			'second-offensive': '2025-01-05',
			'biden-final-aid': '2025-01',
			'trump-inauguration': '2025-01-20',
			'us-aid-pause': '2025-03',
			'us-intel-pause': '2025-03',
			'jeddah-talks': '2025-03',
			'us-ceasefire-proposal': '2025-03',
			'ukraine-accepts-ceasefire': '2025-03',
			'putin-command-post': '2025-03',
			'sudzha-recaptured': '2025-03'
		};
		for (const [id, start] of Object.entries(expected)) expect(byId.get(id)?.start, id).toBe(start);
	});

	it('cites at least one source with a quote for every event and link', () => {
		for (const item of [...doc.events, ...doc.links]) {
			expect(item.sources.length, item.id).toBeGreaterThan(0);
			for (const c of item.sources) expect(c.quote?.trim().length, `${item.id} cites ${c.sourceId}`).toBeGreaterThan(0);
		}
	});

	it.skipIf(!existsSync(articles))('quotes the articles verbatim', () => {
		const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
		const files = readdirSync(articles);
		const textOf = new Map(
			doc.sources.map((s) => {
				const file = files.find((f) => f.startsWith(s.id.replace('src-', '') + '_'));
				return [s.id, squash(readFileSync(join(articles, file!), 'utf8'))];
			})
		);
		for (const item of [...doc.events, ...doc.links, ...doc.claims]) {
			for (const c of item.sources) expect(textOf.get(c.sourceId), `${item.id}: "${c.quote}"`).toContain(squash(c.quote!));
		}
	});

	it('adds nothing from outside the five articles', () => {
		// A fact from "other reporting" cannot be checked against any source the dataset cites.
		const texts = [
			...doc.events.map((e) => [e.id, e.title, e.description]),
			...doc.links.map((l) => [l.id, l.note]),
			...doc.actors.map((a) => [a.id, a.name, a.description])
		];
		for (const [id, ...text] of texts) expect(text.join(' '), id).not.toMatch(/other reporting|reported elsewhere|outside (the|these) (five )?articles/i);
	});

	it('keeps both sides of each known disagreement, each with its source', () => {
		const disputed = doc.events.filter((e) => e.tags.includes('disputed'));
		expect(disputed.map((e) => e.id).sort()).toEqual(
			['first-incursion', 'north-korean-troops-arrive', 'peak-territory', 'russia-diverts-troops', 'russian-casualties-kursk', 'second-offensive', 'ukraine-area-january'].sort()
		);
		for (const e of disputed) expect(new Set(e.sources.map((s) => s.sourceId)).size, e.id).toBeGreaterThanOrEqual(2);
		// the 2023 claim of 002 is kept, cited, and explained — not silently dropped
		const first = byId.get('first-incursion')!;
		expect(first.sources.some((s) => s.sourceId === 'src-002' && /2023/.test(s.quote ?? ''))).toBe(true);
		expect(first.description).toMatch(/2023/);
	});

	it('states each side of a disagreement as a claim: one source each, quoted, about something in the dataset', () => {
		for (const c of doc.claims) {
			expect(doc[c.about.collection].some((e) => e.id === c.about.id), `${c.id} is about ${c.about.collection}/${c.about.id}`).toBe(true);
			expect(c.sources.length, c.id).toBeGreaterThan(0);
			// one value per source: a claim is what one article says (it may quote that article twice)
			expect(new Set(c.sources.map((s) => s.sourceId)).size, c.id).toBe(1);
			for (const s of c.sources) expect(s.quote?.trim().length, c.id).toBeGreaterThan(0);
		}
		for (const q of questionsOf(doc.claims)) {
			// rival amounts are compared only in one unit: square miles are converted to km², and so on
			expect(new Set(q.claims.filter((c) => c.quantity).map((c) => c.quantity!.unit)).size, q.key).toBeLessThanOrEqual(1);
			// no article answers one question twice
			expect(new Set(q.claims.map((c) => c.sources[0].sourceId)).size, q.key).toBe(q.claims.length);
		}
	});

	it('finds each known disagreement contested, and more besides', () => {
		const contested = contestedQuestions(doc.claims).map((q) => `${q.about.collection}/${q.about.id}: ${q.property}`);
		const known = [
			'events/first-incursion: start',
			'events/peak-territory: area held at the peak',
			'events/ukraine-area-january: area held in January 2025',
			'events/second-offensive: area gained',
			'events/north-korean-troops-arrive: North Korean troops deployed',
			'events/russian-casualties-kursk: Russian casualties in Kursk',
			'events/russia-diverts-troops: Russian troops diverted to Kursk'
		];
		for (const question of known) expect(contested).toContain(question);
		expect(contested.length).toBeGreaterThanOrEqual(12);
		// each contested question has at least two articles on it
		for (const q of contestedQuestions(doc.claims)) expect(new Set(q.claims.map((c) => c.sources[0].sourceId)).size, q.key).toBeGreaterThanOrEqual(2);
		// where the articles agree, the claims say so: 12,000 North Korean troops in 001 and 004 is one value
		const nk = questionsOf(doc.claims).find((q) => q.about.id === 'north-korean-troops-arrive')!;
		expect(nk.claims.filter((c) => c.quantity?.amount === 12000).map((c) => c.sources[0].sourceId).sort()).toEqual(['src-001', 'src-004']);
		expect(questionsOf(doc.claims).filter((q) => !q.contested).length).toBeGreaterThan(0);
		// 002's "summer of 2023" is the outlier on the start of the first incursion
		const start = questionsOf(doc.claims).find((q) => q.key === 'events/first-incursion/start')!;
		expect(start.claims.find((c) => c.sources[0].sourceId === 'src-002')?.date).toBe('2023');
	});

	it('records what the articles say led to the ceasefire proposal, and where Kursk enters the ceasefire', () => {
		const causesOf = (id: string) => doc.links.filter((l) => l.to === id).map((l) => l.from).sort();
		// the Trump administration's push for a deal (003, 004), not only the date it took office
		expect(causesOf('us-ceasefire-proposal')).toEqual(['trump-inauguration', 'trump-promises-end-war']);
		expect(causesOf('kellogg-aid-threat')).toEqual(['trump-promises-end-war']);
		// Putin's conditions turn on the Ukrainian troops the incursion left in Kursk (002)
		const [shortest] = pathsBetween(doc, 'first-incursion', 'putin-ceasefire-conditions').paths;
		expect(shortest?.links).toEqual(['first-incursion--putin-ceasefire-conditions']);
		expect(pathsBetween(doc, 'us-ceasefire-proposal', 'ukraine-accepts-ceasefire').paths.length).toBeGreaterThan(0);
	});

	it('rates links no higher than their quotes carry, and runs them the way the articles do', () => {
		const linkOf = (from: string, to: string) => doc.links.find((l) => l.from === from && l.to === to);
		// the quote for the counteroffensive names air support and logistics, not the new troops
		expect(linkOf('russia-diverts-troops', 'russian-counteroffensive')?.confidence).toBe('medium');
		// arriving is a precondition of the North Korean casualties, not their cause
		expect(linkOf('north-korean-troops-arrive', 'nk-casualties')).toMatchObject({ relation: 'enables', confidence: 'medium' });
		// Putin held back because his forces were advancing in the east (002), not the other way round
		expect(linkOf('russia-muted-response', 'russia-gains-east-2024')).toBeUndefined();
		expect(linkOf('russia-gains-east-2024', 'russia-muted-response')?.relation).toBe('causes');
		// 001: Russia's response brought in the North Korean soldiers
		expect(linkOf('russia-diverts-troops', 'north-korean-troops-arrive')?.sources.map((c) => c.sourceId)).toContain('src-001');
		for (const l of doc.links) expect(l.note.trim().length, `${l.id} explains its confidence`).toBeGreaterThan(0);
	});

	it('dates every source as far as the articles do, and says where an article is silent', () => {
		for (const s of doc.sources) {
			expect(s.publishedAt, s.id).toMatch(/^2025(-0[13])?$/);
			expect(s.notes, s.id).toMatch(/Published: .*publishedAt/);
			// no article names its publisher: the field stays empty and the notes say so
			if (!s.publisher) expect(s.notes, s.id).toMatch(/Publisher, author and URL: the article names none/);
		}
	});

	it('has the people and facts the story turns on, each cited and tied to its actor', () => {
		const people = ['grabsky', 'ryan', 'loss', 'kagan', 'bierman', 'senior-defense-official'];
		for (const id of people) {
			expect(doc.actors.find((a) => a.id === id)?.kind, id).toBe('person');
			expect(doc.events.some((e) => e.actorIds.includes(id)), `${id} has an event`).toBe(true);
		}
		const quoted = (id: string) => (byId.get(id)?.sources ?? []).map((c) => c.quote).join(' ');
		expect(quoted('ryan-assessment')).toMatch(/18 percent.*1 percent/);
		expect(quoted('bierman-testing')).toMatch(/testing out Russia’s capability/);
		expect(quoted('russia-recession')).toMatch(/economic recession/);
		expect(quoted('reported-deal-outline')).toMatch(/four territories/);
		expect(byId.get('reported-deal-outline')?.tags).toContain('unconfirmed');
		for (const id of ['kagan-warning', 'loss-assessment', 'senior-official-more-pressure']) expect(quoted(id), id).not.toBe('');
		// every actor takes part in at least one event
		for (const a of doc.actors) expect(doc.events.some((e) => e.actorIds.includes(a.id)), a.id).toBe(true);
	});

	it('has no effect that certainly comes before its cause, and no cycle', () => {
		expect(temporalInconsistencies(doc).map((t) => t.link.id)).toEqual([]);
		// a reversed link can close a loop; no article tells of an event that causes itself
		expect(findCycles(doc).cycles).toEqual([]);
	});
});
