import { describe, expect, it } from 'vitest';
import { makeChain, makeDocument, makeEvent, makeLink } from '$lib/test-data/factories';
import { planImport } from './plan';
import { previewImport } from './preview';
import type { ImportedDocument } from './types';

const NOW = '2027-01-01T00:00:00.000Z';
const imported = (doc: ReturnType<typeof makeDocument>): ImportedDocument => ({
	format: 'causeway',
	title: doc.title,
	collections: ['events', 'actors', 'links', 'sources'],
	document: doc,
	locate: (c, id) => `${c}.${id}`
});

describe('previewImport', () => {
	it('names what a merge adds and what it overwrites, field by field', () => {
		const current = makeChain();
		const file = makeDocument({
			...current,
			events: [...current.events.filter((e) => e.id !== 'a'), makeEvent('a', { ...current.events[0], title: 'A, retitled', start: '2024-08-07' }), makeEvent('d', { title: 'Brand new' })],
			links: [...current.links, makeLink('cd', 'c', 'd')]
		});
		const plan = planImport(current, imported(file), { mode: 'merge', now: NOW });
		const preview = previewImport(current, plan);
		expect(preview.added.events).toEqual(['Brand new']);
		expect(preview.added.links).toEqual(['Event c → Brand new']);
		expect(preview.changed.events).toEqual([
			{ name: 'A, retitled', fields: [{ field: 'title', before: 'Event a', after: 'A, retitled' }, { field: 'start', before: '2024-08-06', after: '2024-08-07' }] }
		]);
		expect(preview.removed.events).toEqual([]);
	});

	it('names what a replace removes', () => {
		const current = makeChain();
		const file = makeDocument({ events: [current.events[0]] , actors: current.actors, sources: current.sources });
		const plan = planImport(current, imported(file), { mode: 'replace', now: NOW });
		const preview = previewImport(current, plan);
		expect(preview.removed.events).toEqual(['Event b', 'Event c']);
		expect(preview.removed.links).toEqual(['Event a → Event b', 'Event b → Event c']);
	});
});
