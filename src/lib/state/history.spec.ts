import { describe, expect, it } from 'vitest';
import { makeEvent } from '$lib/test-data/factories';
import { History } from './history.svelte';

const step = (label: string) => ({ label, change: { events: { added: [makeEvent(label)] } } });

describe('History', () => {
	it('undoes last first, and a new edit clears redo', () => {
		const h = new History();
		expect(h.canUndo).toBe(false);
		const a = step('a');
		const b = step('b');
		h.record(a);
		h.record(b);
		expect(h.nextUndo).toBe(b);
		h.undone(b, { events: { removed: [makeEvent('b')] } });
		expect(h.nextUndo).toBe(a);
		expect(h.canRedo).toBe(true);
		expect(h.nextRedo!.label).toBe('b');
		// the redo step is the change the undo made, to be inverted in turn
		expect(h.nextRedo!.change).toEqual({ events: { removed: [makeEvent('b')] } });
		h.record(step('c'));
		expect(h.canRedo).toBe(false);
	});

	it('redo puts the step back on the undo stack', () => {
		const h = new History();
		const a = step('a');
		h.record(a);
		h.undone(a, { events: { removed: [makeEvent('a')] } });
		const redo = h.nextRedo!;
		h.redone(redo, { events: { added: [makeEvent('a', { revision: 2 })] } });
		expect(h.canRedo).toBe(false);
		expect(h.nextUndo!.change.events!.added![0].revision).toBe(2);
	});

	it('keeps at most 200 steps', () => {
		const h = new History();
		for (let i = 0; i < 250; i++) h.record(step(`s${i}`));
		let n = 0;
		while (h.canUndo) {
			h.undone(h.nextUndo!, {});
			n++;
		}
		expect(n).toBe(200);
	});
});
