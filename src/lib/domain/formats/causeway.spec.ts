import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDocument, parseDocument } from '../document';
import { DomainError } from '../errors';
import { makeChain, makeEvent } from '$lib/test-data/factories';
import { exportDocument, parseImport, planImport } from './index';
import { migrate } from './migrations';

const kursk = parseDocument(JSON.parse(readFileSync(resolve('data/seed/kursk.json'), 'utf8')));
const now = new Date('2026-11-21T10:00:00.000Z');
const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : new TextDecoder().decode(body));
const withoutExportedAt = (s: string) => s.replace(/"exportedAt": "[^"]*"/, '"exportedAt": ""');

function refusal(run: () => unknown): DomainError {
	try {
		run();
	} catch (err) {
		if (err instanceof DomainError) return err;
		throw err;
	}
	throw new Error('expected a DomainError');
}

describe('causeway format', () => {
	it('takes records written by hand: an event needs only what a create needs, a link only its ends and relation', () => {
		const file = JSON.parse(text(exportDocument(makeChain(), 'causeway', { now }).body));
		file.events.push({ title: 'Written by hand', start: '2025-02', kind: 'political' });
		file.links.push({ from: 'a', to: 'c', relation: 'enables' });
		const imported = parseImport(JSON.stringify(file), { now: '2027-01-01T00:00:00.000Z' });
		const added = imported.document.events.find((e) => e.title === 'Written by hand')!;
		expect(added).toMatchObject({ id: expect.stringMatching(/^written-by-hand-/), revision: 1, createdAt: '2027-01-01T00:00:00.000Z', description: '', actorIds: [] });
		expect(imported.document.links.find((l) => l.relation === 'enables')).toMatchObject({ from: 'a', to: 'c', confidence: 'medium', revision: 1 });
		const plan = planImport(makeChain(), imported, { mode: 'merge', now: '2027-01-01T00:00:00.000Z' });
		expect(plan.summary.events.added).toBe(1);
		expect(plan.summary.links.added).toBe(1);
		// the exported records, whole, stay as they were
		expect(plan.summary.events.unchanged).toBe(3);
	});

	it('still says what is wrong with a record written by hand', () => {
		const file = JSON.parse(text(exportDocument(makeChain(), 'causeway', { now }).body));
		file.events.push({ title: 'No start', kind: 'political' });
		const err = refusal(() => parseImport(JSON.stringify(file)));
		expect(err.issues).toEqual([{ path: 'events[3].start', message: expect.any(String) }]);
	});

	it('exports the envelope and every entity whole, with a file name from the title and the date', () => {
		const file = exportDocument(kursk, 'causeway', { now });
		expect(file.filename).toBe('causeway-kursk-offensives-2024-2025-2026-11-21.json');
		expect(file.contentType).toBe('application/json');
		const json = JSON.parse(text(file.body));
		expect(Object.keys(json)).toEqual(['format', 'schemaVersion', 'exportedAt', 'title', 'events', 'actors', 'links', 'sources', 'claims']);
		expect(json).toMatchObject({ format: 'causeway', schemaVersion: 2, exportedAt: now.toISOString(), title: kursk.title });
		expect(json.events).toEqual(kursk.events);
		expect(json.links).toHaveLength(kursk.links.length);
	});

	it('round-trips exactly: export, replace into an empty store, export again gives the same file', () => {
		const first = text(exportDocument(kursk, 'causeway', { now }).body);
		const plan = planImport(emptyDocument(), parseImport(first), { mode: 'replace', now: '2027-01-01T00:00:00.000Z' });
		const second = text(exportDocument(plan.document, 'causeway', { now: new Date('2027-01-01T00:00:00.000Z') }).body);
		expect(withoutExportedAt(second)).toBe(withoutExportedAt(first));
		expect(plan.summary.events).toEqual({ added: kursk.events.length, updated: 0, removed: 0, unchanged: 0 });
	});

	it('reads a bare document too (GET /api/document, the data file, a backup)', () => {
		const imported = parseImport(JSON.stringify(makeChain()));
		expect(imported.format).toBe('causeway');
		expect(imported.document.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
	});

	it('refuses a malformed file with the path of each problem in the file', () => {
		const json = JSON.parse(text(exportDocument(kursk, 'causeway', { now }).body));
		json.events[3].start = '2024-02-30';
		json.events[5].kind = 'war';
		const err = refusal(() => parseImport(JSON.stringify(json)));
		expect(err.code).toBe('invalid');
		expect(err.message).toMatch(/^events\[3\]\.start: not a date/);
		expect(err.issues?.map((i) => i.path)).toEqual(['events[3].start', 'events[5].kind']);
	});

	it('refuses duplicate ids (conflict) naming both places', () => {
		const doc = makeChain();
		const err = refusal(() => parseImport(JSON.stringify({ ...doc, events: [...doc.events, makeEvent('a')] })));
		expect(err.code).toBe('conflict');
		expect(err.issues).toEqual([{ path: 'events[3].id', message: 'duplicate id "a" (also at events[0].id)' }]);
	});

	it('refuses hostile keys anywhere, before looking at anything else', () => {
		const err = refusal(() => parseImport('{"format":"causeway","events":[{"__proto__":{"admin":true}}]}'));
		expect(err.message).toBe('events[0].__proto__: the key "__proto__" is not allowed');
		expect(({} as Record<string, unknown>).admin).toBeUndefined();
	});

	it('refuses files from a newer Causeway and files without a version', () => {
		expect(refusal(() => parseImport('{"format":"causeway","schemaVersion":3}')).message).toMatch(/newer Causeway \(schemaVersion 3\)/);
		expect(refusal(() => parseImport('{"format":"causeway"}')).message).toMatch(/^schemaVersion: expected a schema version/);
	});
});

describe('migrations', () => {
	it('runs the table step by step up to the current version', () => {
		const steps = {
			1: (f: Record<string, unknown>) => ({ ...f, renamed: f.old, old: undefined }),
			2: (f: Record<string, unknown>) => ({ ...f, third: true })
		};
		expect(migrate({ schemaVersion: 1, old: 'x' }, steps, 3)).toEqual({ schemaVersion: 3, renamed: 'x', old: undefined, third: true });
	});

	it('leaves a current file alone and refuses a gap in the table', () => {
		const file = { schemaVersion: 2, title: 't' };
		expect(migrate(file)).toBe(file);
		// A version-1 file is brought forward: it had no claims.
		expect(migrate({ schemaVersion: 1, title: 't' })).toEqual({ schemaVersion: 2, title: 't', claims: [] });
		expect(() => migrate({ schemaVersion: 1 }, {}, 2)).toThrow(/no migration from schemaVersion 1 to 2/);
	});
});

describe('exportCausewayChunks', () => {
	it('joined, is exactly the whole file as JSON.stringify writes it, empty collections included', async () => {
		const { exportCausewayChunks, joinPieces } = await import('./causeway');
		const { inSchemaOrder } = await import('./common');
		const { makeChain } = await import('$lib/test-data/factories');
		const now = new Date('2026-11-25T12:00:00.000Z');
		for (const doc of [makeChain(), { ...makeChain(), events: [], links: [] }]) {
			const whole = {
				format: 'causeway',
				schemaVersion: doc.schemaVersion,
				exportedAt: now.toISOString(),
				title: doc.title,
				events: doc.events.map((e) => inSchemaOrder('events', e)),
				actors: doc.actors.map((a) => inSchemaOrder('actors', a)),
				links: doc.links.map((l) => inSchemaOrder('links', l)),
				sources: doc.sources.map((s) => inSchemaOrder('sources', s)),
				claims: doc.claims.map((c) => inSchemaOrder('claims', c))
			};
			const pieces = [...exportCausewayChunks(doc, now)];
			expect(pieces.length).toBeGreaterThan(doc.events.length);
			expect(new TextDecoder().decode(joinPieces(pieces))).toBe(JSON.stringify(whole, null, 2) + '\n');
		}
	});
});
