import { beforeEach, describe, expect, it } from 'vitest';
import type { Event } from '$lib/domain/schema';
import { MemoryServer } from '$lib/test-data/memory-server';
import { makeChain } from '$lib/test-data/factories';
import { EVENT_FIELDS } from '$lib/views/inspector/fields';
import { Editor } from './editor.svelte';
import { FormDraft } from './form-draft.svelte';

let server: MemoryServer;
let editor: Editor;
let draft: FormDraft<Event>;

beforeEach(() => {
	server = new MemoryServer(makeChain());
	editor = new Editor(server.doc, { transport: server.tab(), session: null });
	draft = new FormDraft<Event>(editor, 'events', () => editor.eventsById.get('a'), EVENT_FIELDS, (key) => `edit ${key}`);
});

describe('FormDraft', () => {
	it('shows the entity until the user types, then what they typed', () => {
		expect(draft.text('title')).toBe('Event a');
		draft.input('title', 'New');
		expect(draft.text('title')).toBe('New');
		expect(draft.dirty('title')).toBe(true);
		expect(draft.text('kind')).toBe('military');
	});

	it('checks each keystroke with the shared schema, across fields (end before start)', () => {
		draft.input('start', '2024-13');
		expect(draft.error('start')).toBe('Not a date: use YYYY, YYYY-MM or YYYY-MM-DD, naming a real calendar day.');
		draft.input('start', '2024-08-06');
		expect(draft.error('start')).toBe('');
		draft.input('end', '2024-08-01');
		expect(draft.error('end')).toBe('End is before start.');
		draft.input('title', '   ');
		expect(draft.error('title')).toBe('Required.');
	});

	it('sends nothing while a field is invalid', async () => {
		draft.input('title', '');
		await expect(draft.commit('title')).resolves.toBe(false);
		expect(server.received).toHaveLength(0);
		expect(draft.text('title')).toBe('');
	});

	it('saves one field as one step, conditional on the revision it was typed against', async () => {
		draft.input('tags', 'one, two ,, three');
		draft.input('title', 'Renamed');
		await draft.commit('tags');
		expect(server.received).toEqual([[{ op: 'update', collection: 'events', id: 'a', patch: { tags: ['one', 'two', 'three'] }, ifRevision: 1 }]]);
		expect(draft.dirty('tags')).toBe(false);
		expect(draft.text('tags')).toBe('one, two, three');
		// the title is still being typed: kept
		expect(draft.text('title')).toBe('Renamed');
		expect(editor.history.nextUndo?.label).toBe('edit tags');
	});

	it('an emptied optional field clears it; typing back what was there sends nothing', async () => {
		draft.input('location', 'Sudzha');
		await draft.commit('location');
		expect(editor.eventsById.get('a')!.location).toEqual({ name: 'Sudzha' });
		draft.input('location', '');
		await draft.commit('location');
		expect(server.received.at(-1)![0]).toMatchObject({ patch: { location: null } });
		expect(editor.eventsById.get('a')!.location).toBeUndefined();
		draft.input('kind', 'political');
		draft.input('kind', 'military');
		await draft.commit('kind');
		expect(server.received).toHaveLength(2);
	});

	it('keeps what is typed when the entity changes elsewhere, and shows the rest as it is now', async () => {
		draft.input('title', 'Mine');
		server.elsewhere([{ op: 'update', collection: 'events', id: 'a', patch: { description: 'theirs' } }]);
		await editor.applyRemote({ revision: server.doc.revision, change: { events: { updated: [[editor.eventsById.get('a')!, server.doc.events.find((e) => e.id === 'a')!]] } } });
		expect(draft.text('description')).toBe('theirs');
		expect(draft.text('title')).toBe('Mine');
	});

	it('Escape (revert) drops the draft and its message', () => {
		draft.input('start', 'soon');
		draft.revert('start');
		expect(draft.text('start')).toBe('2024-08-06');
		expect(draft.error('start')).toBe('');
	});
});
