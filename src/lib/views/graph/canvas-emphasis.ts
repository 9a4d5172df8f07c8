/**
 * What the canvas stresses beyond each element's own classes: the exploration's highlight (with
 * the rest faded or not), the links flagged as closing a cycle, and the keyboard's focus. Kept
 * here so that an element drawn later (a large graph draws as the view moves) gets them too, and
 * so that a change touches only the elements whose emphasis changed.
 */
import type { Core } from 'cytoscape';
import type { ElementDef } from './graph-model';
import type { Highlight } from './highlight';

export class Emphasis {
	/** Element id → the highlight's classes. */
	lit = new Map<string, string>();
	#faded = false;
	#flagged = new Set<string>();
	focused: string | null = null;

	/** The classes an element gets on the canvas: its own and its emphasis. */
	classesOf(def: ElementDef): string {
		const id = def.data.id;
		const extra = [this.lit.get(id), this.#faded && !this.lit.has(id) ? 'faded' : '', this.#flagged.has(id) ? 'cycle' : '', this.focused === id ? 'focused' : ''];
		return [def.classes, ...extra].filter(Boolean).join(' ');
	}

	/**
	 * Paints the highlight on `cy`: classes per element, the rest faded or not. Only differences are
	 * touched; false when there were none (each edit makes the highlight anew, mostly the same).
	 */
	highlight(cy: Core, next: Highlight): boolean {
		const previous = this.lit;
		if (next.fade === this.#faded && next.classes.size === previous.size && [...next.classes].every(([id, classes]) => previous.get(id) === classes)) {
			this.lit = next.classes;
			return false;
		}
		cy.batch(() => {
			for (const [id, classes] of previous) if (next.classes.get(id) !== classes) cy.getElementById(id).removeClass(classes);
			for (const [id, classes] of next.classes) if (previous.get(id) !== classes) cy.getElementById(id).addClass(classes);
			if (next.fade && !this.#faded) cy.elements().not('.tick').addClass('faded');
			if (!next.fade && this.#faded) cy.elements('.faded').removeClass('faded');
			if (next.fade) {
				if (this.#faded) for (const id of previous.keys()) if (!next.classes.has(id)) cy.getElementById(id).addClass('faded');
				for (const id of next.classes.keys()) cy.getElementById(id).removeClass('faded');
			}
		});
		this.lit = next.classes;
		this.#faded = next.fade;
		return true;
	}

	/** Marks the links that close a cycle (element ids). */
	flagCycles(cy: Core, edgeIds: Set<string>): void {
		cy.batch(() => {
			for (const id of this.#flagged) if (!edgeIds.has(id)) cy.getElementById(id).removeClass('cycle');
			for (const id of edgeIds) if (!this.#flagged.has(id)) cy.getElementById(id).addClass('cycle');
		});
		this.#flagged = edgeIds;
	}
}
