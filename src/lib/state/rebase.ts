/**
 * Rebasing over this tab's own commits. An edit names the revision of what it changes as the user
 * saw it (`ifRevision`, and an undo step the revisions its change left). When this tab commits
 * again to the same entity, that revision moves on; what is still waiting must move with it, or
 * the tab would refuse its own edits. Someone else's commits are never rebased over: they are the
 * conflicts the revisions are there to catch.
 */
import type { Change, CollectionDiff } from '$lib/domain/changes';
import type { Op } from '$lib/domain/ops';
import { COLLECTIONS, type Entity } from '$lib/domain/schema';

/** Per entity ("events/a"), the revision a commit found → the one it left (0: removed, or not there yet). */
export type RevisionMoves = Map<string, { from: number; to: number }>;

/** The revision moves a committed change made. */
export function revisionMoves(change: Change): RevisionMoves {
	const moves: RevisionMoves = new Map();
	for (const c of COLLECTIONS) {
		const diff = change[c] as CollectionDiff<Entity> | undefined;
		for (const [before, after] of diff?.updated ?? []) moves.set(`${c}/${after.id}`, { from: before.revision, to: after.revision });
		for (const gone of diff?.removed ?? []) moves.set(`${c}/${gone.id}`, { from: gone.revision, to: 0 });
		for (const born of diff?.added ?? []) moves.set(`${c}/${born.id}`, { from: 0, to: born.revision });
	}
	return moves;
}

/** The revision a commit's moves turn `revision` of `key` into. */
const moved = (moves: RevisionMoves, key: string, revision: number) => {
	const move = moves.get(key);
	return move && move.from === revision ? move.to : revision;
};

/**
 * This tab's own revision moves, remembered: an edit may have been made (its form opened, its
 * drag begun) before this tab's previous commit to the same entity came back, and it must still
 * be moved over it. A chain is followed only through this tab's moves: where someone else moved
 * the entity, the chain stops, and the server refuses the edit as the conflict it is.
 */
export class OwnRevisions {
	#moves = new Map<string, Map<number, number>>();

	/** Remembers the moves of a commit this tab made. */
	add(moves: RevisionMoves): void {
		for (const [key, { from, to }] of moves) {
			// Made again (an undone delete): its revisions start over, and the old ones mean nothing now.
			const entity = (from !== 0 && this.#moves.get(key)) || new Map<number, number>();
			entity.set(from, to);
			// The oldest entity goes first: a long session does not grow without end.
			this.#moves.delete(key);
			this.#moves.set(key, entity);
			if (this.#moves.size > 5000) this.#moves.delete(this.#moves.keys().next().value!);
		}
	}

	/** The revision `revision` of `key` became through this tab's own commits (itself when none, or when they removed it). */
	follow(key: string, revision: number): number {
		const entity = this.#moves.get(key);
		let at = revision;
		for (let steps = 0; entity?.has(at) && steps < 10_000; steps++) at = entity.get(at)!;
		return at === 0 ? revision : at;
	}
}

/** Operations with the revisions they expect moved over this tab's own commits. */
export function rebaseOps(ops: Op[], own: OwnRevisions): Op[] {
	return ops.map((o) => {
		if (o.op === 'create' || o.ifRevision === undefined) return o;
		const to = own.follow(`${o.collection}/${o.id}`, o.ifRevision);
		return to === o.ifRevision ? o : { ...o, ifRevision: to };
	});
}

/**
 * An undo step's change with the revisions it left moved over a commit of this tab, so undoing it
 * still expects what is there. Only revisions change: the fields the step restores stay its own.
 */
export function rebaseChange(change: Change, moves: RevisionMoves): Change {
	if (!moves.size) return change;
	const out: Change = {};
	for (const c of COLLECTIONS) {
		const diff = change[c] as CollectionDiff<Entity> | undefined;
		if (!diff) continue;
		const at = <T extends Entity>(e: T): T => {
			const to = moved(moves, `${c}/${e.id}`, e.revision);
			return to === e.revision ? e : { ...e, revision: to };
		};
		(out as Record<string, CollectionDiff<Entity>>)[c] = {
			...diff,
			...(diff.updated && { updated: diff.updated.map(([before, after]) => [before, at(after)] as [Entity, Entity]) }),
			...(diff.added && { added: diff.added.map(at) })
		};
	}
	return out;
}
