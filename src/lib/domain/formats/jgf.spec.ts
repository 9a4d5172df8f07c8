import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document';
import { makeChain } from '$lib/test-data/factories';
import { exportDocument, parseImport, planImport } from './index';

const kursk = parseDocument(JSON.parse(readFileSync(resolve('data/seed/kursk.json'), 'utf8')));
// The published JGF v2 schema is draft-07: Ajv's default class.
const schema = JSON.parse(readFileSync(resolve('tests/fixtures/jgf-v2.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('jgf format', () => {
	it('is valid against the JSON Graph Format v2 schema', () => {
		const file = JSON.parse(exportDocument(kursk, 'jgf').body as string);
		expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
		expect(Object.keys(file.graph.nodes)).toHaveLength(kursk.events.length);
		expect(file.graph.edges).toHaveLength(kursk.links.length);
		expect(file.graph.directed).toBe(true);
	});

	it('the schema does catch a broken file (so the check above means something)', () => {
		const file = JSON.parse(exportDocument(kursk, 'jgf').body as string);
		delete file.graph.edges[0].source;
		expect(validate(file)).toBe(false);
	});

	it('keeps labels and relations where JGF has fields for them, the rest in metadata', () => {
		const file = JSON.parse(exportDocument(makeChain(), 'jgf').body as string);
		expect(file.graph.nodes.a).toMatchObject({ label: 'Event a', metadata: { start: '2024-08-06', kind: 'military', sources: [{ sourceId: 'src-1', quote: 'q' }] } });
		expect(file.graph.edges[0]).toMatchObject({ id: 'ab', source: 'a', target: 'b', relation: 'causes', directed: true, metadata: { confidence: 'medium' } });
		expect(file.graph.metadata.actors.map((a: { id: string }) => a.id)).toEqual(['ukraine']);
	});

	it('round-trips whole, all four collections', () => {
		const imported = parseImport(exportDocument(kursk, 'jgf').body as string);
		expect(imported.format).toBe('jgf');
		expect(imported.document).toEqual({ ...kursk, revision: 0 });
		const plan = planImport(kursk, imported, { mode: 'replace', now: '2027-01-01T00:00:00.000Z' });
		expect(Object.values(plan.summary).every((s) => s.added + s.updated + s.removed === 0)).toBe(true);
	});

	it('points problems at nodes by id and at edges by index', () => {
		const file = JSON.parse(exportDocument(makeChain(), 'jgf').body as string);
		file.graph.nodes.b.metadata.kind = 'war';
		file.graph.edges[1].relation = 'sort of';
		expect(() => parseImport(JSON.stringify(file))).toThrow(/^graph\.nodes\.b\.metadata\.kind: /);
		try {
			parseImport(JSON.stringify(file));
		} catch (err) {
			expect((err as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['graph.nodes.b.metadata.kind', 'graph.edges[1].relation']);
		}
	});
});
