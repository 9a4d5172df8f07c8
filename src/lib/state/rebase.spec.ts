import { describe, expect, it } from 'vitest';
import { makeEvent } from '$lib/test-data/factories';
import { OwnRevisions, rebaseChange, rebaseOps, revisionMoves } from './rebase';

const a1 = makeEvent('a');
const a2 = makeEvent('a', { title: 'two', revision: 2 });
const a3 = makeEvent('a', { title: 'three', revision: 3 });

describe('rebase over this tab’s own commits', () => {
	it('moves a queued update’s expected revision on, and leaves other entities and other revisions alone', () => {
		const own = new OwnRevisions();
		own.add(revisionMoves({ events: { updated: [[a1, a2]] } }));
		own.add(revisionMoves({ events: { updated: [[a2, a3]] } }));
		const ops = rebaseOps(
			[
				{ op: 'update', collection: 'events', id: 'a', patch: { title: 'x' }, ifRevision: 1 },
				{ op: 'update', collection: 'events', id: 'a', patch: { title: 'y' }, ifRevision: 5 },
				{ op: 'update', collection: 'events', id: 'b', patch: { title: 'z' }, ifRevision: 1 },
				{ op: 'update', collection: 'links', id: 'a', patch: { note: 'n' }, ifRevision: 1 }
			],
			own
		);
		expect(ops.map((o) => (o as { ifRevision?: number }).ifRevision)).toEqual([3, 5, 1, 1]);
	});

	it('follows only this tab’s own moves: where someone else moved the entity, the chain stops', () => {
		const own = new OwnRevisions();
		own.add(revisionMoves({ events: { updated: [[a1, a2]] } }));
		// 2 → 3 was another tab's; this tab then moved 3 → 4
		own.add(revisionMoves({ events: { updated: [[a3, makeEvent('a', { revision: 4 })]] } }));
		expect(own.follow('events/a', 1)).toBe(2);
		expect(own.follow('events/a', 3)).toBe(4);
	});

	it('moves an undo step’s revisions but not its fields', () => {
		const step = { events: { updated: [[a1, a2]] as [typeof a1, typeof a2][] } };
		const rebased = rebaseChange(step, revisionMoves({ events: { updated: [[a2, a3]] } }));
		expect(rebased.events!.updated![0][1]).toMatchObject({ title: 'two', revision: 3 });
		expect(rebased.events!.updated![0][0]).toBe(a1);
	});

	it('follows an entity deleted and brought back by this tab', () => {
		const step = { events: { updated: [[a1, a2]] as [typeof a1, typeof a2][] } };
		const deleted = rebaseChange(step, revisionMoves({ events: { removed: [a2] } }));
		const back = rebaseChange(deleted, revisionMoves({ events: { added: [makeEvent('a', { title: 'two' })] } }));
		expect(back.events!.updated![0][1].revision).toBe(1);
	});
});
