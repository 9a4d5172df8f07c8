import { describe, expect, it } from 'vitest';
import type { Op } from '$lib/domain/ops';
import type { Claim } from '$lib/domain/schema';
import { makeChain } from '$lib/test-data/factories';
import { MemoryServer } from '$lib/test-data/memory-server';
import { Editor } from './editor.svelte';

const claim = (id: string, value: string, about: Claim['about'] = { collection: 'events', id: 'a' }): Op => ({
	op: 'create',
	collection: 'claims',
	value: { id, about, property: 'Troops deployed', value, sources: [{ sourceId: 'src-1', quote: value }] }
});

describe('Editor: what is contested', () => {
	it('follows the claims committed, undone and redone: one answer for every view', async () => {
		const server = new MemoryServer(makeChain());
		const editor = new Editor(server.doc, { transport: server.tab(), session: null });
		editor.connect();
		await editor.commit([claim('c1', '12,000')], { label: 'one claim' });
		expect(editor.isContested('events', 'a')).toBe(false);
		expect(editor.claimsAbout('events', 'a').map((c) => c.id)).toEqual(['c1']);

		await editor.commit([claim('a-rival', '11,000')], { label: 'a rival claim' });
		expect(editor.isContested('events', 'a')).toBe(true);
		expect([...editor.contested]).toEqual(['events/a']);
		expect(editor.isContested('events', 'b')).toBe(false);

		await editor.undo();
		expect(editor.isContested('events', 'a')).toBe(false);
		await editor.redo();
		expect(editor.isContested('events', 'a')).toBe(true);
	});

	it('marks a link or an actor as well as an event', async () => {
		const server = new MemoryServer(makeChain());
		const editor = new Editor(server.doc, { transport: server.tab(), session: null });
		editor.connect();
		const link: Claim['about'] = { collection: 'links', id: 'ab' };
		await editor.commit([claim('l1', 'in August', link), claim('l2', 'in September', link)], { label: 'two claims' });
		expect(editor.isContested('links', 'ab')).toBe(true);
		expect(editor.isContested('events', 'a')).toBe(false);
	});
});
