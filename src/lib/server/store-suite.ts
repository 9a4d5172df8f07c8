/**
 * The store contract's spec suite (store-contract.ts), run against every implementation: the
 * embedded file (store.spec.ts) and PostgreSQL (pg-store.spec.ts). What only one of them does —
 * file locks and temp files, notifications between servers, table migrations — is specified beside
 * it; what every caller may rely on is specified here once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CausewayDocument } from '$lib/domain/schema';
import { makeChain } from '$lib/test-data/factories';
import type { DocumentStore } from './store-contract';

export interface StoreHarness {
	/** A store on new, empty storage that starts from `seed`. */
	open(seed: CausewayDocument): Promise<DocumentStore>;
	/** Another store on the storage of the last `open` (the caller closes the earlier one first). */
	reopen(): Promise<DocumentStore>;
}

const newEvent = (title: string) => ({ op: 'create' as const, collection: 'events' as const, value: { title, start: '2025', kind: 'other' } });

export function storeContractSuite(name: string, harness: () => StoreHarness) {
	describe(`${name}: the store contract`, () => {
		const open: DocumentStore[] = [];
		const track = (s: DocumentStore) => (open.push(s), s);
		const first = async () => track(await harness().open(makeChain()));
		/** Closes every store open so far, then opens the storage again: what is read back is what was stored. */
		const reopened = async () => {
			for (const s of open.splice(0)) await s.close();
			return track(await harness().reopen());
		};
		afterEach(async () => {
			for (const s of open.splice(0)) await s.close();
		});

		it('starts new storage from the seed', async () => {
			const store = await first();
			expect(store.document.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
			expect((await reopened()).document.events).toHaveLength(3);
		});

		it('keeps each acknowledged edit, with document and entity revisions', async () => {
			const store = await first();
			const { revision } = await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Incursion' } }]);
			expect(revision).toBe(1);
			expect(store.get('events', 'a')).toMatchObject({ title: 'Incursion', revision: 2 });
			const again = await reopened();
			expect(again.document.revision).toBe(1);
			expect(again.get('events', 'a')).toMatchObject({ title: 'Incursion', revision: 2 });
			expect(JSON.parse(again.documentJson().toString()).events[0].title).toBe('Incursion');
		});

		it('answers edits sent together with consecutive revisions, each kept', async () => {
			const store = await first();
			const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.commit([newEvent(`E${i}`)])));
			expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
			expect((await reopened()).document.events).toHaveLength(23);
		});

		it('changes nothing when an edit is refused, and takes the next one', async () => {
			const store = await first();
			await expect(store.commit([{ op: 'create', collection: 'links', value: { from: 'a', to: 'ghost', relation: 'causes' } }])).rejects.toThrow(/does not exist/);
			expect(store.document.links).toHaveLength(2);
			expect(store.document.revision).toBe(0);
			await store.commit([{ op: 'delete', collection: 'links', id: 'bc' }]);
			const again = await reopened();
			expect(again.document.revision).toBe(1);
			expect(again.document.links.map((l) => l.id)).toEqual(['ab']);
		});

		it('refuses an edit made against a stale entity revision', async () => {
			const store = await first();
			await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'First' }, ifRevision: 1 }]);
			await expect(store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Second' }, ifRevision: 1 }])).rejects.toMatchObject({ code: 'stale' });
			expect(store.get('events', 'a').title).toBe('First');
		});

		it('tells subscribers about each commit once, in order, with its author and time', async () => {
			const store = await first();
			const seen: { revision: number; author?: string; at?: string }[] = [];
			const stop = store.subscribe((c) => seen.push(c));
			await store.commit([{ op: 'delete', collection: 'links', id: 'bc' }], { author: 'ana' });
			await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'X' } }]);
			stop();
			await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Y' } }]);
			expect(seen.map((c) => c.revision)).toEqual([1, 2]);
			expect(seen[0].author).toBe('ana');
			expect(Number.isNaN(Date.parse(seen[0].at ?? ''))).toBe(false);
		});

		it('replays the commits after a revision, oldest first', async () => {
			const store = await first();
			await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'One' } }], { author: 'ana' });
			await store.commit([{ op: 'update', collection: 'events', id: 'b', patch: { title: 'Two' } }]);
			const since = await store.changesSince(0);
			expect(since?.map((c) => c.revision)).toEqual([1, 2]);
			expect(since?.[0]).toMatchObject({ author: 'ana', change: { events: { updated: [[{ title: 'Event a' }, { title: 'One' }]] } } });
			expect(await store.changesSince(2)).toEqual([]);
		});

		it('commits a large batch and an edit sent while it is planned, both kept', async () => {
			const store = await first();
			const ops = Array.from({ length: 5000 }, (_, i) => ({ op: 'create' as const, collection: 'events' as const, value: { id: `e${i}`, title: `E${i}`, start: '2025', kind: 'other' } }));
			const [batched, edited] = await Promise.all([store.commit(ops), store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Meanwhile' } }])]);
			expect([batched.revision, edited.revision].sort()).toEqual([1, 2]);
			const again = await reopened();
			expect(again.document.events).toHaveLength(5003);
			expect(again.get('events', 'a').title).toBe('Meanwhile');
		});

		it('replaces the whole document as one commit, keeping a backup when asked', async () => {
			const store = await first();
			const seen: number[] = [];
			store.subscribe((c) => seen.push(c.revision));
			const { committed, backupFile } = await store.replaceDocument((current) => ({ document: { ...current, title: 'Replaced', links: [] } }), { backup: true, author: 'ana' });
			expect(committed).toMatchObject({ revision: 1, title: 'Replaced', author: 'ana' });
			expect(committed.change.links?.removed?.map((l) => l.id).sort()).toEqual(['ab', 'bc']);
			expect(backupFile).toBeTruthy();
			expect(seen).toEqual([1]);
			const again = await reopened();
			expect(again.document).toMatchObject({ title: 'Replaced', revision: 1, links: [] });
		});

		it('changes nothing when a replace plan throws or changes nothing', async () => {
			const store = await first();
			await expect(
				store.replaceDocument(() => {
					throw new Error('bad file');
				})
			).rejects.toThrow('bad file');
			const same = await store.replaceDocument((current) => ({ document: current }));
			expect(same.committed.revision).toBe(0);
			expect((await reopened()).document.revision).toBe(0);
		});

		it("keeps each change's author and time, and an entity's history across a restart", async () => {
			const store = await first();
			await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Incursion' } }], { author: 'Alice' });
			await store.commit([{ op: 'update', collection: 'events', id: 'b', patch: { title: 'Other' } }], { author: 'Bob' });
			await store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Incursion into Kursk' } }]);
			const history = await (await reopened()).history('events', 'a');
			expect(history.map((c) => [c.revision, c.author])).toEqual([
				[1, 'Alice'],
				[3, undefined]
			]);
			expect(Date.parse(history[0].at ?? '')).not.toBeNaN();
			expect(history[0].change.events?.updated?.[0][1].title).toBe('Incursion');
		});
	});
}
