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

const moved = (moves: RevisionMoves, key: string, revision: number) => {
	const move = moves.get(key);
	return move && move.from === revision ? move.to : revision;
};

/** Operations waiting to be sent, with the revisions they expect moved over a commit of this tab. */
export function rebaseOps(ops: Op[], moves: RevisionMoves): Op[] {
	if (!moves.size) return ops;
	return ops.map((o) => {
		if (o.op === 'create' || o.ifRevision === undefined) return o;
		const to = moved(moves, `${o.collection}/${o.id}`, o.ifRevision);
		return to === o.ifRevision || to === 0 ? o : { ...o, ifRevision: to };
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
