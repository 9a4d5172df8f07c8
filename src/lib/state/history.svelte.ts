/**
 * Undo and redo stacks of this tab's committed changes. A step is the change an edit made; undoing
 * it commits the inverse (revertOps), and the change *that* made becomes the redo step, so redo is
 * the inverse of the undo — both go through the API like any edit. Selection is not history: it
 * never clears redo. Remote changes (other tabs) never enter it; this tab's own commits move the
 * revisions its steps expect (rebase), so its own later edits never make an older step stale.
 */
import type { Change } from '$lib/domain/changes';
import { rebaseChange, type RevisionMoves } from './rebase';

export interface Step {
	/** What the user did, in their words, for "Undo: move “…”" and messages. */
	label: string;
	change: Change;
}

/** What is kept of a history between page loads: its steps and the document revision they were made against. */
export interface SavedHistory {
	revision: number;
	undo: Step[];
	redo: Step[];
}

/** Steps kept; older ones fall off. */
const LIMIT = 200;

export class History {
	#undo = $state.raw<Step[]>([]);
	#redo = $state.raw<Step[]>([]);

	get canUndo(): boolean {
		return this.#undo.length > 0;
	}
	get canRedo(): boolean {
		return this.#redo.length > 0;
	}
	/** The step Undo would take back, if any. */
	get nextUndo(): Step | undefined {
		return this.#undo.at(-1);
	}
	/** The step Redo would do again, if any. */
	get nextRedo(): Step | undefined {
		return this.#redo.at(-1);
	}

	/** A new edit: it can be undone, and what was undone before can no longer be redone. */
	record(step: Step): void {
		this.#undo = [...this.#undo.slice(-(LIMIT - 1)), step];
		this.#redo = [];
	}

	/** `step` was undone by committing `change`: redoing means undoing that. */
	undone(step: Step, change: Change): void {
		this.#undo = this.#undo.filter((s) => s !== step);
		this.#redo = [...this.#redo, { label: step.label, change }];
	}

	/** `step` was redone by committing `change`: it can be undone again. */
	redone(step: Step, change: Change): void {
		this.#redo = this.#redo.filter((s) => s !== step);
		this.#undo = [...this.#undo, { label: step.label, change }];
	}

	/** `step` can no longer be undone or redone (what it changed was changed elsewhere): it goes. */
	drop(step: Step): void {
		this.#undo = this.#undo.filter((s) => s !== step);
		this.#redo = this.#redo.filter((s) => s !== step);
	}

	/** This tab committed a change: the revisions the steps expect move with it. */
	rebase(moves: RevisionMoves): void {
		if (!moves.size) return;
		const moved = (s: Step) => ({ label: s.label, change: rebaseChange(s.change, moves) });
		this.#undo = this.#undo.map(moved);
		this.#redo = this.#redo.map(moved);
	}

	/** The steps, to keep for the session. */
	save(revision: number): SavedHistory {
		return { revision, undo: this.#undo, redo: this.#redo };
	}

	/** Takes back steps kept earlier in this session. */
	restore(saved: Pick<SavedHistory, 'undo' | 'redo'>): void {
		this.#undo = saved.undo.slice(-LIMIT);
		this.#redo = saved.redo.slice(-LIMIT);
	}
}
