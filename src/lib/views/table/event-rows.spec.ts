import { describe, expect, it } from 'vitest';
import { generateDocument } from '../../../../scripts/bench/generate';
import { applyChange, type Change } from '$lib/domain/changes';
import type { CausewayDocument, Event } from '$lib/domain/schema';
import { makeEvent } from '$lib/test-data/factories';
import { EventRows, sortEvents, type EventSortKey } from './event-rows';
import { collator, dateSortKey } from './rows';

/** The table's rows as it sorted them before they were kept between edits, verbatim. */
function sortedAsBefore(events: readonly Event[], filtered: ReadonlySet<string> | null, key: EventSortKey, ascending: boolean) {
	const shown = filtered ? events.filter((e) => filtered.has(e.id)) : events.slice();
	const keys = new Map(shown.map((e) => [e, dateSortKey(e.start)]));
	const byDate = (a: Event, b: Event) => (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : collator.compare(a.title, b.title));
	const byTitle = (a: Event, b: Event) => collator.compare(a.title, b.title) || (keys.get(a)! < keys.get(b)! ? -1 : 1);
	shown.sort(key === 'date' ? byDate : byTitle);
	if (!ascending) shown.reverse();
	return shown;
}

const bump = (e: Event, fields: Partial<Event>): [Event, Event] => [e, { ...e, ...fields, revision: e.revision + 1 }];
const ids = (rows: Event[]) => rows.map((e) => e.id);

describe('the events table rows', () => {
	it('are ordered as before on a generated document, every way', () => {
		const { events } = generateDocument({ events: 3000, links: 100, actors: 20, seed: 3 });
		// Same titles and dates exist, so ties are tried too.
		const rows = new EventRows();
		for (const key of ['date', 'title'] as const) {
			for (const ascending of [true, false]) expect(ids(rows.rows(events, null, key, ascending))).toEqual(ids(sortedAsBefore(events, null, key, ascending)));
		}
	});

	it('stay as a fresh sort would order them, edit after edit, filtered or not', () => {
		let doc: CausewayDocument = generateDocument({ events: 2000, links: 0, actors: 20, seed: 5 });
		const some = new Set(doc.events.filter((_, i) => i % 3 === 0).map((e) => e.id));
		const tables = ([null, some] as const).flatMap((shown) => (['date', 'title'] as const).map((key) => ({ shown, key, rows: new EventRows() })));
		const check = () => {
			for (const { shown, key, rows } of tables) {
				for (const ascending of [true, false]) expect(ids(rows.rows(doc.events, shown, key, ascending))).toEqual(ids(sortEvents(doc.events, shown, key, ascending)));
			}
		};
		check();
		const e = (i: number) => doc.events[i];
		const edits: (() => Change)[] = [
			// Re-dated: from the first rows to the last.
			() => ({ events: { updated: [bump(e(0), { start: '2999' }), bump(e(3), { start: '2999-01-01' })] } }),
			() => ({ events: { updated: [bump(e(6), { title: 'Zzz last by title' }), bump(e(7), { title: 'Aaa first by title' })] } }),
			() => ({ events: { added: [makeEvent('0000-new', { start: '1000' }), makeEvent('zzzz-new', { start: '1000', title: 'Event zzzz-new' })] } }),
			() => ({ events: { removed: [e(9), e(12), e(13)] } }),
			// More than is worth patching: sorted again.
			() => ({ events: { updated: doc.events.slice(0, 400).map((x) => bump(x, { start: '1999-12' })) } })
		];
		for (const edit of edits) {
			doc = applyChange(doc, edit());
			check();
		}
	});

	it('are a new array after an edit, and the same order when nothing changed', () => {
		const events = [makeEvent('a', { start: '2024' }), makeEvent('b', { start: '2023' })];
		const rows = new EventRows();
		const first = rows.rows(events, null, 'date', true);
		expect(ids(first)).toEqual(['b', 'a']);
		expect(ids(rows.rows(events, null, 'date', true))).toEqual(['b', 'a']);
		const next = [events[0], { ...events[1], start: '2025' }];
		const second = rows.rows(next, null, 'date', true);
		expect(second).not.toBe(first);
		expect(ids(second)).toEqual(['a', 'b']);
	});
});
