import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeChain } from '../test-data/factories';
import { DomainError } from './errors';
import { planChange, type Op } from './ops';
import { revertOps } from './revert';
import type { CausewayDocument } from './schema';

const NOW = '2026-11-21T10:00:00.000Z';
const LATER = '2026-11-21T11:00:00.000Z';
const plan = (doc: CausewayDocument, ops: Op[], now = NOW) => planChange(doc, ops, { now });

/** The document without what an undo cannot give back: revisions and timestamps move forward. */
function content(doc: CausewayDocument) {
	const strip = <T extends object>(items: T[]) =>
		items.map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => !['revision', 'createdAt', 'updatedAt'].includes(k))));
	return { events: strip(doc.events), actors: strip(doc.actors), links: strip(doc.links), sources: strip(doc.sources) };
}

describe('revertOps', () => {
	it('undoes an update, clearing a field the update added', () => {
		const doc = makeChain();
		const edited = plan(doc, [{ op: 'update', collection: 'events', id: 'c', patch: { title: 'C!', end: '2025-06' } }]);
		const ops = revertOps(edited.change);
		expect(ops).toEqual([{ op: 'update', collection: 'events', id: 'c', patch: { title: 'Event c', end: null }, ifRevision: 2 }]);
		expect(content(plan(edited.doc, ops, LATER).doc)).toEqual(content(doc));
	});

	it('brings back a deleted event with the links it took along', () => {
		const doc = makeChain();
		const deleted = plan(doc, [{ op: 'delete', collection: 'events', id: 'b' }]);
		const restored = plan(deleted.doc, revertOps(deleted.change), LATER).doc;
		expect(content(restored)).toEqual(content(doc));
		expect(restored.links.map((l) => l.id)).toEqual(['ab', 'bc']);
	});

	it('brings back a deleted actor and puts it back on its events', () => {
		const doc = makeChain();
		const deleted = plan(doc, [{ op: 'delete', collection: 'actors', id: 'ukraine' }]);
		expect(content(plan(deleted.doc, revertOps(deleted.change), LATER).doc)).toEqual(content(doc));
	});

	it('removes what a batch created, links before events', () => {
		const doc = makeChain();
		const created = plan(doc, [
			{ op: 'create', collection: 'events', value: { id: 'd', title: 'D', start: '2025', kind: 'other' } },
			{ op: 'create', collection: 'links', value: { id: 'cd', from: 'c', to: 'd', relation: 'causes' } }
		]);
		const ops = revertOps(created.change);
		expect(ops.map((o) => `${o.op} ${o.collection}`)).toEqual(['delete links', 'delete events']);
		expect(content(plan(created.doc, ops, LATER).doc)).toEqual(content(doc));
	});

	it('is refused, changing nothing, when its target changed since', () => {
		const doc = makeChain();
		const mine = plan(doc, [{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Mine' } }]);
		const theirs = plan(mine.doc, [{ op: 'update', collection: 'events', id: 'a', patch: { description: 'theirs' } }]);
		try {
			plan(theirs.doc, revertOps(mine.change));
			expect.unreachable();
		} catch (e) {
			expect((e as DomainError).code).toBe('stale');
		}
	});

	it('undoes a link deleted and then drawn again (the restored link and the new one say the same)', () => {
		const doc = makeChain();
		const done = plan(doc, [
			{ op: 'delete', collection: 'links', id: 'ab' },
			{ op: 'create', collection: 'links', value: { from: 'a', to: 'b', relation: 'causes' } }
		]);
		expect(content(plan(done.doc, revertOps(done.change), LATER).doc)).toEqual(content(doc));
	});

	// Random edits to a small story: undoing any successful one gives back the same content.
	const ids = ['a', 'b', 'c', 'd'];
	const anOp: fc.Arbitrary<Op> = fc.oneof(
		fc.record({ op: fc.constant('create' as const), collection: fc.constant('events' as const), value: fc.record({ id: fc.constantFrom(...ids), title: fc.string({ minLength: 1, maxLength: 4 }), start: fc.constantFrom('2024', '2025-01'), kind: fc.constant('other') }) }),
		fc.record({ op: fc.constant('create' as const), collection: fc.constant('links' as const), value: fc.record({ from: fc.constantFrom(...ids), to: fc.constantFrom(...ids), relation: fc.constantFrom('causes', 'prevents') }) }),
		fc.record({ op: fc.constant('update' as const), collection: fc.constant('events' as const), id: fc.constantFrom(...ids), patch: fc.record({ title: fc.string({ minLength: 1, maxLength: 4 }), end: fc.constantFrom(null, '2026'), tags: fc.constantFrom([], ['disputed']) }, { requiredKeys: [] }) }),
		fc.record({ op: fc.constant('delete' as const), collection: fc.constantFrom('events' as const, 'actors' as const, 'sources' as const, 'links' as const), id: fc.constantFrom(...ids, 'ab', 'bc', 'ukraine', 'src-1') })
	);
	it('undoes any successful batch (property)', () => {
		let undone = 0;
		fc.assert(
			fc.property(fc.array(anOp, { minLength: 1, maxLength: 4 }), (ops) => {
				const doc = makeChain();
				let done;
				try {
					done = plan(doc, ops);
				} catch (e) {
					if (e instanceof DomainError) return;
					throw e;
				}
				expect(content(plan(done.doc, revertOps(done.change), LATER).doc)).toEqual(content(doc));
				undone++;
			}),
			{ numRuns: 800 }
		);
		// the property means something only if many random batches really were undone
		expect(undone).toBeGreaterThan(80);
	});
});
