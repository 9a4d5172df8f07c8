import { describe, expect, it } from 'vitest';
import { makeChain, makeDocument, makeEvent, makeLink } from '../test-data/factories';
import { findById } from './collections';
import { DomainError } from './errors';
import { planChange, type Op } from './ops';
import { revertOps } from './revert';

const NOW = '2026-11-21T10:00:00.000Z';
const plan = (ops: Op[], doc = makeChain()) => planChange(doc, ops, { now: NOW });
const refusal = (ops: Op[], doc = makeChain()) => {
	try {
		plan(ops, doc);
	} catch (e) {
		if (e instanceof DomainError) return e;
		throw e;
	}
	throw new Error('the plan was not refused');
};

describe('planChange', () => {
	it('refuses a create whose id exists, with the entity that is there (a retry can tell its own)', () => {
		const err = refusal([{ op: 'create', collection: 'events', value: { id: 'a', title: 'Again', start: '2024', kind: 'other' } }]);
		expect(err.code).toBe('conflict');
		expect(err.current).toMatchObject({ id: 'a', title: 'Event a' });
	});

	it('creates a whole event from title, start and kind, with defaults, id, revision and timestamps', () => {
		const { doc, change } = plan([{ op: 'create', collection: 'events', value: { title: 'Capture of Sudzha', start: '2024-08', kind: 'military' } }]);
		const created = change.events!.added![0];
		expect(created).toMatchObject({ title: 'Capture of Sudzha', description: '', approximate: false, actorIds: [], tags: [], sources: [], revision: 1, createdAt: NOW, updatedAt: NOW });
		expect(created.id).toMatch(/^capture-of-sudzha-[a-z0-9]{4}$/);
		expect('end' in created).toBe(false);
		expect(findById(doc, 'events', created.id)).toEqual(created);
	});

	it('gives a link confidence medium by default', () => {
		const { change } = plan([{ op: 'create', collection: 'links', value: { from: 'a', to: 'c', relation: 'enables' } }]);
		expect(change.links!.added![0].confidence).toBe('medium');
	});

	it('updates only what the patch names, bumps the revision, and null clears an optional field', () => {
		const withEnd = plan([{ op: 'update', collection: 'events', id: 'c', patch: { end: '2025-06', title: 'C' } }]).doc;
		const c = findById(withEnd, 'events', 'c')!;
		expect(c).toMatchObject({ title: 'C', end: '2025-06', revision: 2, updatedAt: NOW, start: '2025' });
		const cleared = findById(plan([{ op: 'update', collection: 'events', id: 'c', patch: { end: null } }], withEnd).doc, 'events', 'c')!;
		expect('end' in cleared).toBe(false);
		expect(cleared.revision).toBe(3);
	});

	it('treats a patch that changes nothing as no change', () => {
		const { change } = plan([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Event a' } }]);
		expect(change).toEqual({});
	});

	it('refuses a stale If-Match revision, giving the current entity', () => {
		const e = refusal([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'x' }, ifRevision: 4 }]);
		expect(e.code).toBe('stale');
		expect((e.current as { id: string }).id).toBe('a');
	});

	it('says which field is wrong, and why', () => {
		const e = refusal([{ op: 'create', collection: 'events', value: { title: '', start: '2024-13', kind: 'war', colour: 1 } }]);
		expect(e.code).toBe('invalid');
		const paths = Object.fromEntries(e.issues!.map((i) => [i.path, i.message]));
		expect(paths['ops[0].value.title']).toBe('required');
		expect(paths['ops[0].value.start']).toMatch(/not a date/);
		expect(paths['ops[0].value.kind']).toBeDefined();
		expect(paths['ops[0].value']).toMatch(/unknown field: colour/);
	});

	it('refuses an end before the start, also when only the patch makes it so', () => {
		expect(refusal([{ op: 'create', collection: 'events', value: { title: 't', start: '2024-08', end: '2024-07-31', kind: 'other' } }]).issues?.[0].path).toBe('ops[0].value.end');
		expect(refusal([{ op: 'update', collection: 'events', id: 'c', patch: { end: '2024' } }]).message).toMatch(/end is before start/);
	});

	it('refuses a link to a missing event (conflict), a self-link and a duplicate', () => {
		expect(refusal([{ op: 'create', collection: 'links', value: { from: 'a', to: 'nope', relation: 'causes' } }]).code).toBe('conflict');
		expect(refusal([{ op: 'create', collection: 'links', value: { from: 'a', to: 'a', relation: 'causes' } }]).message).toMatch(/cannot cause itself/);
		expect(refusal([{ op: 'create', collection: 'links', value: { from: 'a', to: 'b', relation: 'causes' } }]).message).toMatch(/duplicates link "ab"/);
		// the same pair with another relation is a different claim
		expect(plan([{ op: 'create', collection: 'links', value: { from: 'a', to: 'b', relation: 'enables' } }]).change.links!.added).toHaveLength(1);
	});

	it('refuses an event naming an actor or source that does not exist', () => {
		expect(refusal([{ op: 'update', collection: 'events', id: 'a', patch: { actorIds: ['ghost'] } }]).message).toMatch(/actor "ghost" does not exist/);
		expect(refusal([{ op: 'update', collection: 'events', id: 'a', patch: { sources: [{ sourceId: 'ghost' }] } }]).message).toMatch(/source "ghost"/);
	});

	it('refuses a duplicate id and an unknown id', () => {
		expect(refusal([{ op: 'create', collection: 'events', value: { id: 'a', title: 't', start: '2024', kind: 'other' } }]).code).toBe('conflict');
		expect(refusal([{ op: 'delete', collection: 'events', id: 'zz' }]).code).toBe('not_found');
	});

	it('deleting an event takes its links along', () => {
		const { change, doc } = plan([{ op: 'delete', collection: 'events', id: 'b' }]);
		expect(change.events!.removed!.map((e) => e.id)).toEqual(['b']);
		expect(change.links!.removed!.map((l) => l.id)).toEqual(['ab', 'bc']);
		expect(doc.links).toEqual([]);
	});

	it('deleting an actor removes it from events; deleting a source removes its citations', () => {
		const noActor = plan([{ op: 'delete', collection: 'actors', id: 'ukraine' }]);
		expect(noActor.change.events!.updated!.map(([, e]) => [e.id, e.actorIds, e.revision])).toEqual([['a', [], 2], ['b', [], 2]]);
		const noSource = plan([{ op: 'delete', collection: 'sources', id: 'src-1' }]);
		expect(noSource.change.events!.updated![0][1].sources).toEqual([]);
		expect(noSource.change.links!.updated![0][1].sources).toEqual([]);
	});

	it('claims: about an entity that exists; deleting it takes its claims along, and undo brings them back', () => {
		const claim = (id: string, about: { collection: 'events' | 'links' | 'actors'; id: string }, value: string) =>
			({ op: 'create', collection: 'claims', value: { id, about, property: 'troops', value, sources: [{ sourceId: 'src-1', quote: 'q' }] } }) as const;
		expect(refusal([claim('x', { collection: 'events', id: 'nope' }, '1')]).message).toMatch(/event "nope" does not exist/);
		expect(refusal([{ op: 'create', collection: 'claims', value: { about: { collection: 'sources', id: 'src-1' }, property: 'p', value: 'v' } }]).code).toBe('invalid');
		const { doc } = plan([claim('on-b', { collection: 'events', id: 'b' }, '12,000'), claim('on-ab', { collection: 'links', id: 'ab' }, 'x'), claim('on-ukraine', { collection: 'actors', id: 'ukraine' }, 'y')]);
		expect(doc.claims.map((c) => c.id)).toEqual(['on-ab', 'on-b', 'on-ukraine']);

		// An event goes with its claims and those of its links.
		const gone = planChange(doc, [{ op: 'delete', collection: 'events', id: 'b' }], { now: NOW });
		expect(gone.change.claims!.removed!.map((c) => c.id).sort()).toEqual(['on-ab', 'on-b']);
		expect(gone.doc.claims.map((c) => c.id)).toEqual(['on-ukraine']);
		const back = planChange(gone.doc, revertOps(gone.change), { now: NOW });
		expect(back.doc.claims.map((c) => c.id)).toEqual(['on-ab', 'on-b', 'on-ukraine']);

		// An actor with its claims; a source leaves the claims, uncited.
		expect(planChange(doc, [{ op: 'delete', collection: 'actors', id: 'ukraine' }], { now: NOW }).doc.claims.map((c) => c.id)).toEqual(['on-ab', 'on-b']);
		const unsourced = planChange(doc, [{ op: 'delete', collection: 'sources', id: 'src-1' }], { now: NOW });
		expect(unsourced.doc.claims.every((c) => c.sources.length === 0)).toBe(true);
		// A quantity or a date, not both.
		expect(refusal([{ op: 'create', collection: 'claims', value: { about: { collection: 'events', id: 'a' }, property: 'p', value: 'v', quantity: { amount: 1, unit: 'u' }, date: '2024' } }]).message).toMatch(/quantity or a date/);
	});

	it('applies a batch in order and all or nothing', () => {
		const ok = plan([
			{ op: 'create', collection: 'events', value: { id: 'd', title: 'D', start: '2025-03-11', kind: 'diplomatic' } },
			{ op: 'create', collection: 'links', value: { id: 'cd', from: 'c', to: 'd', relation: 'triggers' } },
			{ op: 'update', collection: 'events', id: 'd', patch: { title: 'Jeddah talks' } }
		]);
		// created and then updated in one batch is one addition, at revision 2
		expect(ok.change.events!.added!.map((e) => [e.title, e.revision])).toEqual([['Jeddah talks', 2]]);
		const refused = refusal([
			{ op: 'create', collection: 'events', value: { id: 'd', title: 'D', start: '2025', kind: 'other' } },
			{ op: 'delete', collection: 'events', id: 'nope' }
		]);
		expect(refused.message).toBe('ops[1]: event "nope" does not exist');
	});

	it('keeps hostile strings as plain data and refuses __proto__ keys', () => {
		const title = '<img src=x onerror=alert(1)>';
		expect(plan([{ op: 'create', collection: 'events', value: { title, start: '2024', kind: 'other' } }]).change.events!.added![0].title).toBe(title);
		const value = JSON.parse('{"title":"t","start":"2024","kind":"other","__proto__":{"polluted":true}}');
		expect(refusal([{ op: 'create', collection: 'events', value }]).message).toMatch(/unknown field: __proto__/);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('refuses a javascript: URL on a source', () => {
		expect(refusal([{ op: 'create', collection: 'sources', value: { title: 's', url: 'javascript:alert(1)' } }]).message).toMatch(/not an http\(s\) URL/);
	});
});

describe('ids', () => {
	it('refuses the reserved ids constructor and prototype', () => {
		for (const id of ['constructor', 'prototype']) {
			expect(refusal([{ op: 'create', collection: 'events', value: { id, title: 't', start: '2024', kind: 'other' } }]).message).toMatch(/reserved/);
		}
	});
});

describe('planning a large batch', () => {
	const pad = (i: number) => String(i).padStart(6, '0');
	/**
	 * A document of n events in a chain of n - 1 links whose id, from and to count how often they
	 * are read: work that looks at every link for every operation reads them n × n times.
	 */
	function counted(n: number) {
		let reads = 0;
		const events = Array.from({ length: n }, (_, i) => makeEvent(`e${pad(i)}`));
		const links = Array.from({ length: n - 1 }, (_, i) => {
			const link = makeLink(`l${pad(i)}`, events[i].id, events[i + 1].id);
			for (const key of ['id', 'from', 'to'] as const) {
				const value = link[key];
				Object.defineProperty(link, key, { enumerable: true, get: () => (reads++, value) });
			}
			return link;
		});
		return { doc: makeDocument({ events, links }), reads: () => reads };
	}
	const creates = (n: number): Op[] =>
		Array.from({ length: n - 2 }, (_, i) => ({ op: 'create', collection: 'links', value: { from: `e${pad(i)}`, to: `e${pad(i + 2)}`, relation: 'causes' } }));
	const deletes = (n: number): Op[] => Array.from({ length: n / 2 }, (_, i) => ({ op: 'delete', collection: 'events', id: `e${pad(2 * i)}` }));

	// Reads per link stay about the same when the document and the batch grow 4×: n log n at most,
	// where a scan per operation would make them grow 4× too.
	it('reads each link about as often for 4× the links and operations: link creates', () => {
		const perLink = (n: number) => {
			const { doc, reads } = counted(n);
			expect(plan(creates(n), doc).change.links!.added).toHaveLength(n - 2);
			return reads() / n;
		};
		expect(perLink(2000) / perLink(500)).toBeLessThan(2);
	});

	it('reads each link about as often for 4× the links and operations: deletes that take links along', () => {
		const perLink = (n: number) => {
			const { doc, reads } = counted(n);
			expect(plan(deletes(n), doc).change.links!.removed).toHaveLength(n - 1);
			return reads() / n;
		};
		expect(perLink(2000) / perLink(500)).toBeLessThan(2);
	});
});
