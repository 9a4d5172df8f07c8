import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryServer } from '$lib/test-data/memory-server';
import { makeChain } from '$lib/test-data/factories';
import { Editor } from './editor.svelte';

let server: MemoryServer;
let editor: Editor;

beforeEach(() => {
	server = new MemoryServer(makeChain());
	editor = new Editor(server.doc, { transport: server.tab(), session: null });
	editor.connect();
});
afterEach(() => {
	vi.useRealTimers();
});

const rename = (id: string, title: string) => [{ op: 'update' as const, collection: 'events' as const, id, patch: { title } }];
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Editor: saving', () => {
	it('says "Saving…" while an edit is on its way and "Saved" once the server has it', async () => {
		expect(editor.saveState.kind).toBe('idle');
		const saving = editor.commit(rename('a', 'One'));
		expect(editor.saveState).toEqual({ kind: 'saving', pending: 1 });
		await saving;
		expect(editor.saveState.kind).toBe('saved');
		expect(editor.eventsById.get('a')!.title).toBe('One');
	});

	it('keeps edits made while the server is unreachable, says so, and sends them in order when it is back', async () => {
		server.offline = true;
		const first = editor.commit(rename('a', 'First'), { label: 'first' });
		const second = editor.commit(rename('a', 'Second'), { label: 'second' });
		await settle();
		expect(editor.saveState).toEqual({ kind: 'offline', pending: 2 });
		expect(editor.eventsById.get('a')!.title).toBe('Event a');

		server.offline = false;
		editor.retry();
		await Promise.all([first, second]);
		expect(server.received.map((ops) => (ops[0] as { patch: { title: string } }).patch.title)).toEqual(['First', 'Second']);
		expect(server.doc.events.find((e) => e.id === 'a')!.title).toBe('Second');
		expect(editor.eventsById.get('a')!.title).toBe('Second');
		expect(editor.saveState.kind).toBe('saved');
		// each is its own undo step
		expect(editor.history.nextUndo?.label).toBe('second');
	});

	it('tries again by itself after a pause when nobody presses Retry', async () => {
		vi.useFakeTimers();
		server.offline = true;
		const edit = editor.commit(rename('a', 'Later'));
		await vi.advanceTimersByTimeAsync(10);
		expect(editor.saveState.kind).toBe('offline');
		server.offline = false;
		await vi.advanceTimersByTimeAsync(2_100);
		await edit;
		expect(server.doc.events.find((e) => e.id === 'a')!.title).toBe('Later');
	});

	it('shows a refusal with a retry, and changes nothing', async () => {
		await expect(editor.commit([{ op: 'update', collection: 'events', id: 'nope', patch: { title: 'x' } }])).rejects.toThrow(/does not exist/);
		expect(editor.saveState).toEqual({ kind: 'error', message: expect.stringMatching(/does not exist/) });
		expect(editor.history.canUndo).toBe(false);
		// the retry sends it again (and here fails again, visibly)
		editor.retry();
		await settle();
		await settle();
		expect(server.received).toHaveLength(2);
	});
});

describe('Editor: conflicts', () => {
	it('puts a stale update to the user; "Keep mine" saves the patch over the newer version', async () => {
		const base = editor.eventsById.get('a')!;
		server.elsewhere([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Theirs', description: 'their note' } }]);
		const saving = editor.update('events', base, { title: 'Mine' }, 'rename');
		await vi.waitFor(() => expect(editor.conflict).not.toBeNull());
		const conflict = editor.conflict!;
		expect(conflict.patch).toEqual({ title: 'Mine' });
		expect(conflict.base).toBe(base);
		expect(conflict.theirs).toMatchObject({ title: 'Theirs', description: 'their note', revision: 2 });
		// nothing was overwritten while the question is open
		expect(server.doc.events.find((e) => e.id === 'a')!.title).toBe('Theirs');

		conflict.choose('mine');
		await expect(saving).resolves.toBe(true);
		expect(editor.conflict).toBeNull();
		// their other change stays
		expect(server.doc.events.find((e) => e.id === 'a')).toMatchObject({ title: 'Mine', description: 'their note' });
		expect(editor.history.nextUndo?.label).toBe('rename');
	});

	it('"Take theirs" drops the patch and sends nothing more', async () => {
		const base = editor.eventsById.get('a')!;
		server.elsewhere(rename('a', 'Theirs'));
		const saving = editor.update('events', base, { title: 'Mine' });
		await vi.waitFor(() => expect(editor.conflict).not.toBeNull());
		editor.conflict!.choose('theirs');
		await expect(saving).resolves.toBe(false);
		expect(server.received).toHaveLength(1);
		expect(server.doc.events.find((e) => e.id === 'a')!.title).toBe('Theirs');
		expect(editor.history.canUndo).toBe(false);
		expect(editor.saveState.kind).not.toBe('error');
	});
});

describe('Editor: history through the API', () => {
	it('a drag (start and end moved together) is one step: one undo restores both, in one request', async () => {
		await editor.commit([{ op: 'update', collection: 'events', id: 'a', patch: { start: '2024-09-01', end: '2024-09-03' } }], { label: 'move “Event a”' });
		expect(editor.history.nextUndo?.label).toBe('move “Event a”');
		await editor.undo();
		expect(server.received).toHaveLength(2);
		const restored = server.doc.events.find((e) => e.id === 'a')!;
		expect(restored.start).toBe('2024-08-06');
		expect(restored.end).toBeUndefined();
		expect(editor.history.canUndo).toBe(false);
		await editor.redo();
		expect(server.doc.events.find((e) => e.id === 'a')).toMatchObject({ start: '2024-09-01', end: '2024-09-03' });
	});

	it('Undo pressed while an edit is still on its way takes back that edit, not the one before', async () => {
		await editor.commit(rename('a', 'First'), { label: 'first' });
		const second = editor.commit(rename('a', 'Second'), { label: 'second' });
		await editor.undo();
		await second;
		expect(server.doc.events.find((e) => e.id === 'a')!.title).toBe('First');
		expect(editor.history.nextUndo?.label).toBe('first');
	});

	it('a delete’s undo brings back the links it took along, in one step', async () => {
		await editor.commit([{ op: 'delete', collection: 'events', id: 'b' }], { label: 'delete b' });
		expect(server.doc.links).toHaveLength(0);
		await editor.undo();
		expect(server.doc.events.map((e) => e.id)).toContain('b');
		expect(server.doc.links.map((l) => l.id).sort()).toEqual(['ab', 'bc']);
		expect(editor.document.links).toHaveLength(2);
	});
});

