import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Op } from '$lib/domain/ops';
import { makeChain } from '$lib/test-data/factories';
import { MemoryServer, type MemoryTab } from '$lib/test-data/memory-server';
import { Editor } from './editor.svelte';

let server: MemoryServer;
let tab: MemoryTab;
let editor: Editor;

beforeEach(() => {
	server = new MemoryServer(makeChain());
	tab = server.tab();
	editor = new Editor(server.doc, { transport: tab, session: null });
	editor.connect();
});

const settle = () => new Promise((r) => setTimeout(r, 0));
const event = (id: string) => server.doc.events.find((e) => e.id === id)!;
const rename = (id: string, title: string): Op[] => [{ op: 'update', collection: 'events', id, patch: { title } }];

describe('Sync: a tab never refuses its own edits', () => {
	it('two field saves of one event made offline are both saved, without a conflict', async () => {
		server.offline = true;
		const base = editor.eventsById.get('a')!;
		const title = editor.update('events', base, { title: 'New title' }, 'edit the title');
		const description = editor.update('events', base, { description: 'New note' }, 'edit the description');
		await settle();
		server.offline = false;
		editor.retry();
		await expect(Promise.all([title, description])).resolves.toEqual([true, true]);
		expect(editor.conflict).toBeNull();
		expect(event('a')).toMatchObject({ title: 'New title', description: 'New note', revision: 3 });
		expect(server.received.map((ops) => (ops[0] as { ifRevision: number }).ifRevision)).toEqual([1, 2]);
	});

	it('two quick drags of one item both land', async () => {
		const before = editor.eventsById.get('a')!;
		const drag = (start: string): Op[] => [{ op: 'update', collection: 'events', id: 'a', patch: { start }, ifRevision: before.revision }];
		await Promise.all([editor.commit(drag('2024-09-01'), { label: 'move' }), editor.commit(drag('2024-09-05'), { label: 'move' })]);
		expect(event('a').start).toBe('2024-09-05');
	});

	it('an update whose answer was lost and that is refused as stale when sent again counts as saved, and undoes', async () => {
		server.loseAnswers = 1;
		const base = editor.eventsById.get('a')!;
		const saving = editor.update('events', base, { title: 'Said once' }, 'rename a');
		await vi.waitFor(() => expect(editor.saveState.kind).toBe('offline'));
		editor.retry();
		await expect(saving).resolves.toBe(true);
		expect(editor.conflict).toBeNull();
		expect(server.received).toHaveLength(2);
		expect(editor.history.nextUndo?.label).toBe('rename a');
		await editor.undo();
		expect(event('a').title).toBe('Event a');
	});

	it('an edit begun before its previous save came back is moved over that save when it goes out', async () => {
		const base = editor.eventsById.get('a')!;
		await editor.update('events', base, { title: 'Kind first' });
		// the form still holds the entity as it was when the user began on the next field
		await expect(editor.update('events', base, { description: 'then this' })).resolves.toBe(true);
		expect(editor.conflict).toBeNull();
		expect(event('a')).toMatchObject({ title: 'Kind first', description: 'then this', revision: 3 });
	});

	it('someone else’s change in between is still a conflict', async () => {
		server.offline = true;
		const base = editor.eventsById.get('a')!;
		const mine = editor.update('events', base, { title: 'Mine' });
		await settle();
		server.offline = false;
		server.elsewhere(rename('a', 'Theirs'));
		editor.retry();
		await vi.waitFor(() => expect(editor.conflict?.theirs).toMatchObject({ title: 'Theirs' }));
		editor.conflict!.choose('theirs');
		await expect(mine).resolves.toBe(false);
	});
});

describe('Sync: undo never gets stuck', () => {
	it('a refused undo says why, drops its step, and the next Undo takes the one before', async () => {
		await editor.commit(rename('a', 'A renamed'), { label: 'rename “Event a”' });
		await editor.commit(rename('b', 'B renamed'), { label: 'rename “Event b”' });
		server.elsewhere([{ op: 'update', collection: 'events', id: 'b', patch: { description: 'their note' } }]);
		await settle();

		await editor.undo();
		expect(editor.notice?.kind).toBe('error');
		expect(editor.notice?.text).toMatch(/Could not undo “rename “Event b””: it was changed since.*dropped.*“rename “Event a””/);
		expect(event('b').title).toBe('B renamed');
		expect(editor.history.nextUndo?.label).toBe('rename “Event a”');

		await editor.undo();
		expect(event('a').title).toBe('Event a');
		expect(editor.notice?.text).toBe('Undo: rename “Event a”.');
	});

	it('undoes several of its own edits of one entity, one after another', async () => {
		await editor.commit(rename('a', 'First'), { label: 'first' });
		await editor.commit([{ op: 'update', collection: 'events', id: 'a', patch: { description: 'note' } }], { label: 'second' });
		await editor.commit(rename('a', 'Third'), { label: 'third' });
		await editor.undo();
		await editor.undo();
		await editor.undo();
		expect(editor.notice?.kind).toBe('info');
		expect(event('a')).toMatchObject({ title: 'Event a', description: '' });
		await editor.redo();
		await editor.redo();
		expect(event('a')).toMatchObject({ title: 'First', description: 'note' });
	});
});

describe('Sync: undo across a delete', () => {
	it('edit, delete, then two undos: the event comes back, then its old title', async () => {
		await editor.commit(rename('c', 'C renamed'), { label: 'rename c' });
		await editor.commit([{ op: 'delete', collection: 'events', id: 'c' }], { label: 'delete c' });
		await editor.undo();
		await editor.undo();
		expect(editor.notice?.text).toBe('Undo: rename c.');
		expect(event('c').title).toBe('Event c');
	});
});

describe('Sync: creates', () => {
	const create: Op[] = [{ op: 'create', collection: 'events', value: { title: 'Talks in Geneva', start: '2025-03', kind: 'diplomatic' } }];

	it('gives a create its id in the browser', async () => {
		const { change } = await editor.commit(create);
		const sent = server.received[0][0] as { value: { id: string } };
		expect(sent.value.id).toMatch(/^talks-in-geneva-[a-z0-9]{4}$/);
		expect(change.events!.added![0].id).toBe(sent.value.id);
	});

	it('a create retried after its answer was lost is refused as a duplicate and taken as done: one entity, one undo step', async () => {
		server.loseAnswers = 1;
		const saving = editor.commit(create, { label: 'create “Talks in Geneva”' });
		await vi.waitFor(() => expect(editor.saveState.kind).toBe('offline'));
		editor.retry();
		const committed = await saving;
		expect(server.received).toHaveLength(2);
		expect(server.doc.events.filter((e) => e.title === 'Talks in Geneva')).toHaveLength(1);
		expect(committed.change.events!.added![0].title).toBe('Talks in Geneva');
		expect(editor.saveState.kind).toBe('saved');
		await editor.undo();
		expect(server.doc.events.some((e) => e.title === 'Talks in Geneva')).toBe(false);
	});

	it('a duplicate id that is not its own is still refused', async () => {
		await expect(editor.commit([{ op: 'create', collection: 'events', value: { id: 'a', title: 'Other', start: '2025', kind: 'other' } }])).rejects.toMatchObject({ status: 409 });
	});
});

describe('Sync: labels and the session', () => {
	it('every step has a label in the user’s words, also when its view gave none', async () => {
		await editor.commit([{ op: 'create', collection: 'links', value: { from: 'a', to: 'c', relation: 'causes' } }]);
		expect(editor.history.nextUndo?.label).toBe('link “Event a” to “Event c”');
		await editor.commit([{ op: 'delete', collection: 'events', id: 'c' }]);
		expect(editor.history.nextUndo?.label).toBe('delete “Event c”');
		await editor.commit(rename('b', 'B'));
		expect(editor.history.nextUndo?.label).toBe('edit “B”'.replace('B', 'Event b'));
	});

	it('a 401 says “Signed out” and goes to sign in', async () => {
		server.refuseWith = 401;
		await expect(editor.commit(rename('a', 'x'))).rejects.toMatchObject({ status: 401 });
		expect(editor.notice?.text).toBe('Signed out: sign in again.');
		expect(tab.signIns).toBe(1);
	});

	it('checks a kept history against a large document once it is loaded, not against the empty page', async () => {
		const store = new Map<string, string>();
		const session = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
		const first = new Editor(server.doc, { transport: tab, session });
		await first.commit(rename('a', 'A renamed'), { label: 'rename a' });
		first.saveHistory();
		server.elsewhere(rename('b', 'elsewhere'));
		const placeholder = { ...server.doc, events: [], links: [], actors: [], sources: [] };
		const again = new Editor(placeholder, { transport: server.tab(), session });
		expect(again.history.canUndo).toBe(false);
		await again.reload();
		expect(again.history.nextUndo?.label).toBe('rename a');
	});

	it('keeps the history for the session, and takes back only the steps that still fit the document', async () => {
		const store = new Map<string, string>();
		const session = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
		const first = new Editor(server.doc, { transport: tab, session });
		await first.commit(rename('a', 'A renamed'), { label: 'rename a' });
		await first.commit(rename('b', 'B renamed'), { label: 'rename b' });
		first.saveHistory();

		const again = new Editor(server.doc, { transport: server.tab(), session });
		expect(again.history.nextUndo?.label).toBe('rename b');
		await again.undo();
		expect(event('b').title).toBe('Event b');

		// someone else changes a before this tab comes back: that step no longer fits
		again.saveHistory();
		server.elsewhere(rename('a', 'Theirs'));
		const third = new Editor(server.doc, { transport: server.tab(), session });
		expect(third.history.canUndo).toBe(false);
		expect(third.history.nextRedo?.label).toBe('rename b');
	});
});

describe('Sync: imports', () => {
	it('a merge import goes through the same client, arrives by the stream without a reload, and is one undo step', async () => {
		const file = { format: 'causeway', schemaVersion: 1, exportedAt: '2026-01-01T00:00:00.000Z', title: 'Hand-made', events: [{ title: 'Imported one', start: '2025', kind: 'other' }, { id: 'b', title: 'B from the file', start: '2024-08', kind: 'military', actorIds: ['ukraine'] }], actors: [], links: [], sources: [] };
		const report = await editor.importFile(new Blob([JSON.stringify(file)]), { name: 'hand.json', mode: 'merge', dryRun: false, contentType: 'application/json' });
		expect(report.summary.events).toMatchObject({ added: 1, updated: 1 });
		expect(editor.events.some((e) => e.title === 'Imported one')).toBe(true);
		expect(editor.eventsById.get('b')!.title).toBe('B from the file');
		expect(tab.loads).toBe(0);
		expect(editor.history.nextUndo?.label).toBe('import “hand.json”');
		await editor.undo();
		expect(server.doc.events.some((e) => e.title === 'Imported one')).toBe(false);
		expect(event('b').title).toBe('Event b');
		expect(editor.history.canUndo).toBe(false);
	});
});
