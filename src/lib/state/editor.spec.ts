import { describe, expect, it } from 'vitest';
import { planChange } from '$lib/domain/ops';
import { makeChain } from '$lib/test-data/factories';
import { Editor } from './editor.svelte';

const NOW = '2026-11-21T10:00:00.000Z';

describe('Editor: changes from other tabs', () => {
	it('applies the next revision without entering this tab’s history, keeping nothing stale', async () => {
		const doc = makeChain();
		const editor = new Editor(doc);
		const { change } = planChange(doc, [{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Renamed elsewhere' } }], { now: NOW });
		await editor.applyRemote({ revision: doc.revision + 1, change, title: 'New title' });
		expect(editor.document.revision).toBe(doc.revision + 1);
		expect(editor.eventsById.get('a')!.title).toBe('Renamed elsewhere');
		expect(editor.document.title).toBe('New title');
		expect(editor.history.canUndo).toBe(false);
	});

	it('skips a change it already has (its own edit, echoed back)', async () => {
		const doc = { ...makeChain(), revision: 5 };
		const editor = new Editor(doc);
		const { change } = planChange(doc, [{ op: 'delete', collection: 'links', id: 'ab' }], { now: NOW });
		await editor.applyRemote({ revision: 5, change });
		expect(editor.document.links).toHaveLength(2);
	});

	it('does not apply a change after a gap: it reloads instead (and says so when it cannot)', async () => {
		const doc = makeChain();
		const editor = new Editor(doc);
		const { change } = planChange(doc, [{ op: 'delete', collection: 'links', id: 'ab' }], { now: NOW });
		await editor.applyRemote({ revision: doc.revision + 3, change });
		expect(editor.document.links).toHaveLength(2);
		// no server in a unit test: the reload fails, visibly
		expect(editor.notice?.kind).toBe('error');
		expect(editor.notice?.text).toMatch(/could not be loaded/);
	});
});
