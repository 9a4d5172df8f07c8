import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { assert, describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { parseImport } from './index';
import { IMPORT_CAPS, MAX_ISSUES, UNZIPPED_LIMIT, ZIP_ENTRIES } from './limits';

function refusal(run: () => unknown): DomainError {
	try {
		run();
	} catch (err) {
		if (err instanceof DomainError) return err;
		throw err;
	}
	throw new Error('expected a DomainError');
}

const causeway = (events: unknown[]) => JSON.stringify({ format: 'causeway', schemaVersion: 1, exportedAt: '2026-11-21T10:00:00.000Z', title: 'T', events, actors: [], links: [], sources: [] });

describe('bounds of an import', () => {
	it('stops checking after the first problems, and says so', () => {
		const err = refusal(() => parseImport(causeway(Array.from({ length: 50_000 }, () => ({})))));
		expect(err.issues).toHaveLength(MAX_ISSUES + 1);
		expect(err.issues!.at(-1)).toEqual({ path: '(file)', message: `and more problems: checking stops after the first ${MAX_ISSUES}` });
		// A record needs what a create needs: a title first (an id is made for it).
		expect(err.issues![0].path).toBe('events[0].title');
	});

	it('refuses more entities than an import takes, naming the cap', () => {
		const err = refusal(() => parseImport(causeway(Array.from({ length: IMPORT_CAPS.events + 1 }, () => ({})))));
		expect(err.message).toBe('events: the file holds 100,001 events; an import takes at most 100,000');
		const jgf = { graph: { nodes: {}, edges: Array.from({ length: IMPORT_CAPS.links + 1 }, () => ({})) } };
		expect(refusal(() => parseImport(JSON.stringify(jgf))).message).toBe('graph.edges: the file holds 150,001 links; an import takes at most 150,000');
	});

	it('refuses a CSV file of more rows than the cap while reading it', () => {
		// Millions of one-letter rows deflate to a few KB: refused at the cap, not after reading them all.
		const rows = 'id\r\n' + 'a\r\n'.repeat(3_000_000);
		const bomb = zipSync({ 'events.csv': strToU8(rows) }, { level: 9 });
		expect(bomb.length).toBeLessThan(100 * 1024);
		expect(refusal(() => parseImport(bomb)).message).toBe('events.csv: the file holds more than 100,000 events; an import takes at most 100,000');
	});

	it('refuses a zip of too many entries or too many bytes', () => {
		const many = zipSync(Object.fromEntries(Array.from({ length: ZIP_ENTRIES + 1 }, (_, i) => [`f${i}.txt`, strToU8('x')])));
		expect(refusal(() => parseImport(many)).message).toBe(`(file): the zip holds more than ${ZIP_ENTRIES} entries`);
		const bomb = zipSync({ 'events.csv': new Uint8Array(UNZIPPED_LIMIT + 1) }, { level: 9 });
		expect(refusal(() => parseImport(bomb)).message).toBe('(file): the zip unpacks to more than the limit of 64 MB');
	});

	it('refuses a zip bomb that does not declare its size, while unpacking it', () => {
		// Written as a stream, a zip gives sizes only after the data: counted as it inflates.
		const parts: Uint8Array[] = [];
		const zip = new Zip((err, chunk) => (err ? assert.fail(err.message) : parts.push(chunk)));
		const file = new ZipDeflate('events.csv', { level: 9 });
		zip.add(file);
		const mb = new Uint8Array(1024 * 1024);
		for (let i = 0; i <= UNZIPPED_LIMIT / mb.length; i++) file.push(mb);
		file.push(new Uint8Array(0), true);
		zip.end();
		const bomb = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
		parts.reduce((at, p) => (bomb.set(p, at), at + p.length), 0);
		expect(refusal(() => parseImport(bomb)).message).toBe('(file): the zip unpacks to more than the limit of 64 MB');
	});

	it('refuses a file nested 10,000 deep with the usual error, not a stack overflow', () => {
		const deep = `{"format":"causeway","schemaVersion":1,"events":[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`;
		expect(refusal(() => parseImport(deep)).message).toMatch(/^events\[0\](\[0\])+: nested more than 64 levels deep$/);
	});
});
