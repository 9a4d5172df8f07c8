import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { makeDocument, makeEvent, makeLink, makeSource } from '$lib/test-data/factories';
import { timelineSvg } from './timeline-svg';

const long = 'A very long title that runs on and on about the offensive, its aims, its cost and what followed from it in the months after';

function sample() {
	const doc = makeDocument({
		events: [
			makeEvent('a', { title: 'First Kursk offensive', start: '2024-08-06', sources: [{ sourceId: 's1' }] }),
			makeEvent('b', { title: long, start: '2024-10', kind: 'political' }),
			makeEvent('c', { title: '<script>alert(1)</script>', start: '2025', approximate: true, kind: 'diplomatic', sources: [{ sourceId: 's2' }] })
		],
		links: [makeLink('ab', 'a', 'b')],
		sources: [makeSource('s1'), makeSource('s2'), makeSource('s3')]
	});
	return { ...doc, title: 'Kursk & after' };
}

/** All the text the picture shows, line by line, as a reader would see it. */
function textOf(svg: string): string {
	const parsed = new XMLParser({ ignoreAttributes: true, preserveOrder: true, trimValues: false }).parse(svg);
	const out: string[] = [];
	const walk = (nodes: unknown[]) => {
		for (const node of nodes as Record<string, unknown>[]) {
			for (const [key, value] of Object.entries(node)) {
				if (key === '#text') out.push(String(value));
				else if (Array.isArray(value)) walk(value);
			}
		}
	};
	walk(parsed);
	return out.join('');
}

describe('the timeline picture', () => {
	it('is well-formed SVG with the title, every title in full, the legend and the sources line', () => {
		const svg = timelineSvg(sample(), { exportedOn: new Date('2026-11-25T12:00:00Z') });
		expect(() => new XMLParser().parse(svg)).not.toThrow();
		expect(svg.startsWith('<svg')).toBe(true);
		const text = textOf(svg).replace(/\s+/g, ' ');
		expect(text).toContain('Kursk & after');
		expect(text).toContain('First Kursk offensive');
		// a long title wraps but is never cut
		for (const word of long.split(' ')) expect(text).toContain(word);
		expect(text).not.toContain('…');
		expect(text).toContain('Military');
		expect(text).toContain('Diplomatic');
		expect(text).toContain('Based on 2 sources · 3 events, 1 links · exported 25 Nov 2026');
		// dates at their own precision
		expect(text).toContain('6 Aug 2024');
		expect(text).toContain('Oct 2024');
		expect(text).toContain('c. 2025');
	});

	it('keeps user text as text: a title that looks like markup is escaped', () => {
		const svg = timelineSvg(sample());
		expect(svg).not.toContain('<script>');
		expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(textOf(svg)).toContain('<script>alert(1)</script>');
		expect(timelineSvg(sample())).toContain('Kursk &amp; after');
	});

	it('draws a band across a month or a year, a dot for a known day', () => {
		const svg = timelineSvg(sample());
		const group = (id: string) => svg.slice(svg.indexOf(`data-event="${id}"`), svg.indexOf('</g>', svg.indexOf(`data-event="${id}"`)));
		expect(group('a')).toContain('<circle');
		const band = (id: string) => Number(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(group(id))![1]);
		expect(band('c')).toBeGreaterThan(band('b') * 8);
	});

	it('draws only what is shown when asked', () => {
		const svg = timelineSvg(sample(), { eventIds: new Set(['a']) });
		const text = textOf(svg);
		expect(text).toContain('First Kursk offensive');
		expect(text).not.toContain('alert');
		expect(text).toContain('1 event (as filtered)');
		expect(text).toContain('Based on 1 source');
	});
});
