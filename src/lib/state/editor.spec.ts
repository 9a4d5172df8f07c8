import { afterEach, describe, expect, it, vi } from 'vitest';
import { planChange, type Op } from '$lib/domain/ops';
import { makeChain } from '$lib/test-data/factories';
import { MemoryServer } from '$lib/test-data/memory-server';
import { Editor } from './editor.svelte';

const NOW = '2026-11-21T10:00:00.000Z';
const rename = (id: string, title: string): Op[] => [{ op: 'update', collection: 'events', id, patch: { title } }];

afterEach(() => vi.useRealTimers());

function setUp() {
	const server = new MemoryServer(makeChain());
	const tab = server.tab();
	const editor = new Editor(server.doc, { transport: tab, session: null });
	editor.connect();
	return { server, tab, editor };
}

describe('Editor: changes from other tabs', () => {
	it('applies the next revision without entering this tab’s history, keeping nothing stale', async () => {
		const doc = makeChain();
		const editor = new Editor(doc, { session: null });
		const { change } = planChange(doc, rename('a', 'Renamed elsewhere'), { now: NOW });
		editor.applyRemote({ revision: doc.revision + 1, change, title: 'New title' });
		expect(editor.document.revision).toBe(doc.revision + 1);
		expect(editor.eventsById.get('a')!.title).toBe('Renamed elsewhere');
		expect(editor.document.title).toBe('New title');
		expect(editor.history.canUndo).toBe(false);
	});

	it('skips a change it already has (its own edit, echoed back)', async () => {
		const doc = { ...makeChain(), revision: 5 };
		const editor = new Editor(doc, { session: null });
		const { change } = planChange(doc, [{ op: 'delete', collection: 'links', id: 'ab' }], { now: NOW });
		editor.applyRemote({ revision: 5, change });
		expect(editor.document.links).toHaveLength(2);
	});

	it('applies changes in revision order: its own answer that comes before another tab’s earlier change waits for it, and nothing is reloaded', async () => {
		const { server, tab, editor } = setUp();
		tab.holdStream = true;
		server.elsewhere(rename('b', 'Renamed elsewhere'));
		let done = false;
		const saving = editor.commit(rename('a', 'Mine')).then(() => (done = true));
		await vi.waitFor(() => expect(server.received).toHaveLength(1));
		await new Promise((r) => setTimeout(r, 0));
		// the answer (revision 2) is in, revision 1 is not: the document waits at 0
		expect(done).toBe(false);
		expect(editor.document.revision).toBe(0);
		tab.release();
		await saving;
		expect(editor.document.revision).toBe(2);
		expect(editor.eventsById.get('a')!.title).toBe('Mine');
		expect(editor.eventsById.get('b')!.title).toBe('Renamed elsewhere');
		expect(tab.loads).toBe(0);
	});

	it('changes from the stream that arrive out of order are put in order', () => {
		const { server, tab, editor } = setUp();
		tab.holdStream = true;
		server.elsewhere(rename('a', 'One'));
		server.elsewhere(rename('a', 'Two'));
		server.elsewhere(rename('b', 'Three'));
		tab.release([3, 1, 2]);
		expect(editor.document.revision).toBe(3);
		expect(editor.eventsById.get('a')!.title).toBe('Two');
		expect(tab.loads).toBe(0);
	});

	it('loads the document when a gap stays open (a change was missed)', async () => {
		vi.useFakeTimers();
		const { server, tab, editor } = setUp();
		tab.holdStream = true;
		server.elsewhere(rename('a', 'One'));
		server.elsewhere(rename('b', 'Two'));
		tab.release([2]);
		expect(editor.document.revision).toBe(0);
		await vi.advanceTimersByTimeAsync(5000);
		expect(tab.loads).toBe(1);
		expect(editor.document.revision).toBe(2);
		expect(editor.eventsById.get('a')!.title).toBe('One');
	});

	it('a load never replaces the document with an older one', async () => {
		const { server, tab, editor } = setUp();
		const stale = server.doc;
		await editor.commit(rename('a', 'Newer'));
		tab.loadOverride = stale;
		await editor.reload();
		expect(editor.document.revision).toBe(1);
		expect(editor.eventsById.get('a')!.title).toBe('Newer');
	});

	it('a large document loaded after the page: changes that arrive meanwhile wait for it', async () => {
		const server = new MemoryServer(makeChain());
		const tab = server.tab();
		// the page starts with an empty placeholder at the document's revision
		const editor = new Editor({ ...server.doc, events: [], links: [], actors: [], sources: [] }, { transport: tab, session: null });
		tab.loadOverride = server.doc;
		tab.holdStream = true;
		editor.connect();
		server.elsewhere([{ op: 'create', collection: 'events', value: { id: 'd', title: 'Arrived while loading', start: '2025', kind: 'other' } }]);
		const loading = editor.reload();
		tab.release();
		await loading;
		expect(editor.document.revision).toBe(1);
		expect(editor.events.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
	});

	it('says so when the document cannot be loaded', async () => {
		const { server, editor } = setUp();
		server.offline = true;
		await editor.reload();
		expect(editor.notice).toEqual({ kind: 'error', text: expect.stringMatching(/could not be loaded/) });
	});
});
