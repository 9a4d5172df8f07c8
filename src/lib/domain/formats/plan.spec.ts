import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../document';
import { DomainError } from '../errors';
import { makeActor, makeChain, makeDocument, makeEvent, makeLink } from '$lib/test-data/factories';
import type { CausewayDocument } from '../schema';
import { exportDocument, parseImport, planImport } from './index';

const NOW = '2027-01-01T00:00:00.000Z';
const asFile = (doc: CausewayDocument) => parseImport(exportDocument(doc, 'causeway').body as string);

function conflict(run: () => unknown): DomainError {
	try {
		run();
	} catch (err) {
		if (err instanceof DomainError) return err;
		throw err;
	}
	throw new Error('expected a DomainError');
}

describe('planImport', () => {
	const current = makeChain();

	it('merge: adds the new, overwrites what differs (the file wins), keeps the rest', () => {
		const file = makeDocument({
			actors: current.actors,
			events: [makeEvent('b', { ...current.events[1], title: 'Changed', revision: 1 }), makeEvent('d', { start: '2025-03' })],
			links: [makeLink('cd', 'c', 'd')]
		});
		const plan = planImport(current, asFile(file), { mode: 'merge', now: NOW });
		expect(plan.summary.events).toEqual({ added: 1, updated: 1, removed: 0, unchanged: 2 });
		expect(plan.summary.links).toEqual({ added: 1, updated: 0, removed: 0, unchanged: 2 });
		expect(plan.overwritten).toEqual({ events: ['b'] });
		expect(plan.removed).toEqual({});
		const b = plan.document.events.find((e) => e.id === 'b')!;
		// revisions only go up, so an If-Match held from before the import is stale
		expect(b).toMatchObject({ title: 'Changed', revision: 2, createdAt: current.events[1].createdAt, updatedAt: NOW });
		expect(plan.document.events.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
	});

	it('keeps the very objects of entities whose content did not change (revision and timestamps aside)', () => {
		const same = makeDocument({ ...current, events: current.events.map((e) => ({ ...e, revision: 9, updatedAt: NOW })) });
		const plan = planImport(current, asFile(same), { mode: 'merge', now: NOW });
		expect(plan.summary.events).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 3 });
		plan.document.events.forEach((e, i) => expect(e).toBe(current.events[i]));
	});

	it('replace: the file becomes the document, removals listed; the title comes from the file', () => {
		const file = { ...makeDocument({ events: [makeEvent('x')] }), title: 'Other story' };
		const plan = planImport(current, asFile(file), { mode: 'replace', now: NOW });
		expect(plan.summary.events).toEqual({ added: 1, updated: 0, removed: 3, unchanged: 0 });
		expect(plan.removed).toEqual({ events: ['a', 'b', 'c'], actors: ['ukraine'], links: ['ab', 'bc'], sources: ['src-1'] });
		expect(plan.document.title).toBe('Other story');
		expect(plan.document.revision).toBe(current.revision);
	});

	it('replace keeps the collections a format does not carry (Cytoscape: events and links only)', () => {
		const cy = parseImport(exportDocument(current, 'cytoscape').body as string);
		const plan = planImport(current, cy, { mode: 'replace', now: NOW });
		expect(plan.document.actors[0]).toBe(current.actors[0]);
		expect(plan.summary.actors.unchanged).toBe(1);
	});

	it('refuses a result with links to missing events, naming the place in the file (409)', () => {
		const file = makeDocument({ events: [makeEvent('x')], links: [makeLink('xz', 'x', 'nowhere')] });
		const err = conflict(() => planImport(current, asFile(file), { mode: 'merge', now: NOW }));
		expect(err.code).toBe('conflict');
		expect(err.issues).toEqual([{ path: 'links[0].to', message: 'effect event "nowhere" does not exist' }]);
	});

	it('merge may link to events the document already has; a duplicate of a current link is refused', () => {
		const ok = planImport(current, asFile(makeDocument({ links: [makeLink('ac', 'a', 'c')] })), { mode: 'merge', now: NOW });
		expect(ok.summary.links.added).toBe(1);
		const err = conflict(() => planImport(current, asFile(makeDocument({ links: [makeLink('ab-again', 'a', 'b')] })), { mode: 'merge', now: NOW }));
		expect(err.issues?.[0]).toEqual({ path: 'links[0]', message: 'duplicates link "ab" (a causes b)' });
	});

	it('says when a problem lies in the current document (a replace of events that kept links need)', () => {
		const events = parseImport(JSON.stringify({ data: {}, elements: { nodes: [{ data: { id: 'a', label: 'A', start: '2024', kind: 'other' } }] } }));
		// as a file that carries events only: the links stay, and two of them lose an end
		const err = conflict(() => planImport(current, { ...events, collections: ['events'] }, { mode: 'replace', now: NOW }));
		expect(err.issues?.[0]).toEqual({ path: 'links.ab.to', message: 'effect event "b" does not exist (in the current document)' });
	});

	it('imports into an empty document', () => {
		const plan = planImport(emptyDocument(), asFile(makeDocument({ actors: [makeActor('x')] })), { mode: 'merge', now: NOW });
		expect(plan.summary.actors.added).toBe(1);
	});
});
