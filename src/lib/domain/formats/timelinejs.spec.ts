import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document';
import { makeDocument, makeEvent, makeLink, makeSource } from '$lib/test-data/factories';
import { exportDocument } from './index';
import type { TimelineFile } from './timelinejs';

const kursk = parseDocument(JSON.parse(readFileSync(resolve('data/seed/kursk.json'), 'utf8')));
const timeline = (doc = kursk): TimelineFile => JSON.parse(exportDocument(doc, 'timelinejs').body as string);

describe('timelinejs format', () => {
	it('has what TimelineJS requires: events with a start_date year and a headline', () => {
		const file = timeline();
		expect(file.events).toHaveLength(kursk.events.length);
		expect(file.title.text.headline).toBe(kursk.title);
		for (const slide of file.events) {
			expect(Number.isInteger(slide.start_date.year)).toBe(true);
			expect(typeof slide.text.headline).toBe('string');
			expect(slide.text.headline.length).toBeGreaterThan(0);
			expect(typeof slide.unique_id).toBe('string');
		}
		expect(new Set(file.events.map((s) => s.unique_id)).size).toBe(file.events.length);
	});

	it('gives each date only the precision the event has, grouped by kind', () => {
		const doc = makeDocument({
			events: [
				makeEvent('y', { start: '2024', kind: 'political' }),
				makeEvent('m', { start: '2024-08', end: '2025-03' }),
				makeEvent('d', { start: '2024-08-06', approximate: true })
			]
		});
		const byId = Object.fromEntries(timeline(doc).events.map((s) => [s.unique_id, s]));
		expect(byId.y).toMatchObject({ start_date: { year: 2024 }, group: 'political' });
		expect(byId.y.start_date).toEqual({ year: 2024 });
		expect(byId.m.start_date).toEqual({ year: 2024, month: 8 });
		expect(byId.m.end_date).toEqual({ year: 2025, month: 3 });
		expect(byId.d.start_date).toEqual({ year: 2024, month: 8, day: 6 });
		expect(byId.d.display_date).toBe('c. 6 Aug 2024');
	});

	it('escapes user text, which TimelineJS would show as HTML; the only markup is its own', () => {
		const doc = makeDocument({
			sources: [makeSource('s', { title: 'Report <i>', publisher: 'A & B', url: 'https://example.org/?a=1&b="2"' })],
			events: [
				makeEvent('a', { title: '<img src=x onerror=alert(1)>', description: 'First <script>alert(1)</script>\n\nSecond', sources: [{ sourceId: 's' }] }),
				makeEvent('b', { title: 'Effect & co' })
			],
			links: [makeLink('ab', 'a', 'b')]
		});
		const slide = timeline(doc).events.find((s) => s.unique_id === 'a')!;
		expect(slide.text.headline).toBe('&lt;img src=x onerror=alert(1)&gt;');
		expect(slide.text.text).toBe(
			'<p>First &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Second</p><p class="causeway-led-to">Led to: Effect &amp; co</p>' +
				'<p class="causeway-sources">Sources: <a href="https://example.org/?a=1&amp;b=&quot;2&quot;" target="_blank" rel="noopener noreferrer">Report &lt;i&gt; (A &amp; B)</a></p>'
		);
	});
});
