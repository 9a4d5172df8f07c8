/**
 * GET /api/changes/stream over real HTTP against the built server: each committed change arrives as
 * a Server-Sent Event with its revision as id; a reconnect with Last-Event-ID catches up; what
 * cannot be caught up is a `reset`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-stream-'));
	server = await startServer({ CAUSEWAY_DATA: join(dir, 'causeway.json') });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

interface StreamEvent {
	id?: string;
	event: string;
	data: unknown;
}

/** Reads server-sent events until `count` have arrived (comments skipped). */
async function collect(path: string, count: number, headers: Record<string, string> = {}, act?: () => Promise<void>): Promise<StreamEvent[]> {
	const controller = new AbortController();
	const res = await fetch(server.url + path, { headers, signal: controller.signal });
	expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	const events: StreamEvent[] = [];
	let buffer = '';
	const acting = act?.();
	const timer = setTimeout(() => controller.abort(), 10_000);
	try {
		while (events.length < count) {
			const { done, value } = await reader.read();
			if (done) break;
			buffer += decoder.decode(value, { stream: true });
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const fields: Record<string, string> = {};
				for (const line of block.split('\n')) {
					if (!line || line.startsWith(':')) continue;
					const at = line.indexOf(':');
					fields[line.slice(0, at)] = line.slice(at + 1).trimStart();
				}
				if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
			}
		}
	} finally {
		clearTimeout(timer);
		controller.abort();
		await acting;
	}
	return events;
}

const post = (path: string, body: unknown) =>
	fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the change stream', () => {
	it('sends each committed change, with its revision as the event id', async () => {
		const start = (await (await fetch(`${server.url}/api/document`)).json()).revision;
		const events = await collect('/api/changes/stream', 2, {}, async () => {
			await new Promise((r) => setTimeout(r, 200));
			expect((await post('/api/events', { title: 'Streamed one', start: '2025', kind: 'other' })).status).toBe(201);
			expect((await post('/api/events', { title: 'Streamed two', start: '2025', kind: 'other' })).status).toBe(201);
		});
		expect(events.map((e) => [e.event, e.id])).toEqual([
			['change', String(start + 1)],
			['change', String(start + 2)]
		]);
		const first = events[0].data as { revision: number; change: { events: { added: { title: string }[] } } };
		expect(first.revision).toBe(start + 1);
		expect(first.change.events.added[0].title).toBe('Streamed one');
	});

	it('replays what a reconnecting tab missed (Last-Event-ID), in order', async () => {
		const before = (await (await fetch(`${server.url}/api/document`)).json()).revision;
		await post('/api/events', { title: 'Missed one', start: '2025', kind: 'other' });
		await post('/api/events', { title: 'Missed two', start: '2025', kind: 'other' });
		const events = await collect('/api/changes/stream', 2, { 'last-event-id': String(before) });
		expect(events.map((e) => (e.data as { change: { events: { added: { title: string }[] } } }).change.events.added[0].title)).toEqual(['Missed one', 'Missed two']);
	});

	it('says reset when what was missed is no longer kept', async () => {
		// revision 0 comes from before this server started: it cannot be replayed
		const [event] = await collect('/api/changes/stream?since=0', 1);
		expect(event.event).toBe('reset');
	});
});
