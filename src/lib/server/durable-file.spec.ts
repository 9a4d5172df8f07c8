import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeChain, makeEvent } from '$lib/test-data/factories';
import { DurableJSONFile, RecordEncoder } from './durable-file';

describe('RecordEncoder', () => {
	it('gives exactly what JSON.stringify gives, before and after an edit', () => {
		const encoder = new RecordEncoder();
		const doc = { ...makeChain(), title: 'A "quoted" title\n<img onerror>' };
		const text = (parts: Buffer[]) => Buffer.concat(parts).toString();
		expect(text(encoder.encode(doc))).toBe(JSON.stringify(doc) + '\n');
		const next = { ...doc, revision: 2, events: [...doc.events, makeEvent('d', { title: 'Ünïcode — “quotes”' })] };
		expect(text(encoder.encode(next))).toBe(JSON.stringify(next) + '\n');
	});
});

describe('DurableJSONFile', () => {
	it('writes the document whole and reads it back', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'causeway-file-'));
		try {
			const file = join(dir, 'doc.json');
			const adapter = new DurableJSONFile<object>(file);
			expect(await adapter.read()).toBeNull();
			await adapter.write(makeChain());
			expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(makeChain());
			expect(await adapter.read()).toEqual(makeChain());
			expect(adapter.lastWritten?.toString()).toBe(await readFile(file, 'utf8'));
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
