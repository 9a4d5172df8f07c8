import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { makeDocument, makeEvent, makeLink, makeSource } from '$lib/test-data/factories';
import { NODE } from '../graph/graph-style';
import { graphSvg } from './graph-svg';
import { storyPositions } from './story-positions';

const long = 'Putin gives preliminary support to the ceasefire but raises the fate of Ukrainian troops in Kursk, and more besides, at length';

function sample() {
	const doc = makeDocument({
		events: [
			makeEvent('a', { title: 'First Kursk offensive', start: '2024-08-06', sources: [{ sourceId: 's1' }] }),
			makeEvent('b', { title: long, start: '2025-03', kind: 'political' }),
			makeEvent('c', { title: '<script>alert("x")</script>', start: '2025', kind: 'diplomatic' })
		],
		links: [makeLink('ab', 'a', 'b', { sources: [{ sourceId: 's2' }] }), makeLink('ac', 'a', 'c', { relation: 'prevents' })],
		sources: [makeSource('s1'), makeSource('s2'), makeSource('s3')]
	});
	return { ...doc, title: 'Kursk <&> after' };
}

/** Each box: its place and the text lines it shows. */
function boxes(svg: string) {
	return [...svg.matchAll(/<g data-event="([^"]+)"><rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
		id: m[1],
		x: Number(m[2]),
		y: Number(m[3]),
		w: Number(m[4]),
		h: Number(m[5]),
		text: [...svg.slice(m.index).split('</g>')[0].matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((t) => t[1]).join(' ')
	}));
}

describe('the graph picture', () => {
	it('shows every title in full, wrapped in boxes that never overlap, with the title, the legend and the sources line', () => {
		const doc = sample();
		const svg = graphSvg(doc, { positions: storyPositions(doc), node: NODE, exportedOn: new Date('2026-11-25T10:00:00Z') });
		expect(XMLValidator.validate(svg)).toBe(true);
		const drawn = boxes(svg);
		expect(drawn.map((b) => b.id).sort()).toEqual(['a', 'b', 'c']);
		expect(drawn.find((b) => b.id === 'b')!.text).toContain(long);
		expect(svg).not.toContain('…');
		for (const a of drawn) for (const b of drawn) if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
		expect(svg).toContain('Kursk &lt;&amp;&gt; after');
		expect(svg).toContain('>enables<');
		expect(svg).toContain('>Military<');
		expect(svg).toContain('Based on 2 sources · 3 events, 2 links · exported 25 Nov 2026');
		// an arrow per link, the "prevents" one ending in a bar
		expect(svg.match(/<line x1=[^>]*marker-end/g)).toHaveLength(2);
		expect(svg).toContain('marker-end="url(#tee)"');
	});

	it('keeps user text as text', () => {
		const doc = sample();
		const svg = graphSvg(doc, { positions: storyPositions(doc), node: NODE });
		expect(svg).not.toContain('<script>');
		expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
	});
});
