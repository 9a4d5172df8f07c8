/**
 * The journal over real HTTP against the built server: kill -9 in the middle of a burst of edits
 * loses none that were acknowledged; a tab reconnecting after a restart catches up from the journal
 * instead of reloading; each entity's history comes from it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let file: string;
const running: RunningServer[] = [];
const start = async () => {
	const s = await startServer({ CAUSEWAY_DATA: file });
	running.push(s);
	return s;
};
const send = (s: RunningServer, method: string, path: string, body: unknown) =>
	fetch(s.url + path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const revisionOf = async (s: RunningServer) => (await (await fetch(`${s.url}/api/document`)).json()).revision as number;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-journal-api-'));
	file = join(dir, 'causeway.json');
});
afterEach(async () => {
	for (const s of running.splice(0)) await s.kill();
	await rm(dir, { recursive: true, force: true });
});

/** Server-sent events of `path` until `count` have arrived (comments skipped). */
async function events(s: RunningServer, path: string, count: number, headers: Record<string, string> = {}) {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), 10_000);
	const res = await fetch(s.url + path, { headers, signal: controller.signal });
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	const out: { event: string; id?: string; data: { revision: number; change?: { events?: { updated?: [unknown, { title: string }][] } } } }[] = [];
	let buffer = '';
	try {
		while (out.length < count) {
			const { done, value } = await reader.read();
			if (done) break;
			buffer += decoder.decode(value, { stream: true });
			for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
				const fields: Record<string, string> = {};
				for (const line of buffer.slice(0, end).split('\n')) {
					if (!line || line.startsWith(':')) continue;
					const at = line.indexOf(':');
					fields[line.slice(0, at)] = line.slice(at + 1).trimStart();
				}
				buffer = buffer.slice(end + 2);
				if (fields.event) out.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data) });
			}
		}
	} catch {
		/* aborted: return what arrived */
	} finally {
		clearTimeout(timer);
		controller.abort();
	}
	return out;
}

describe('the journal', () => {
	it('kill -9 during a burst of edits loses none that were acknowledged', async () => {
		const first = await start();
		const before = await revisionOf(first);
		const acknowledged: string[] = [];
		let sent = 0;
		// Eight writers, each sending its next edit as soon as the last is answered, until the kill.
		const writer = async () => {
			for (;;) {
				const n = sent++;
				try {
					const r = await send(first, 'POST', '/api/events', { title: `Burst ${n}`, start: '2025-03', kind: 'other' });
					if (r.status === 201) acknowledged.push((await r.json()).id);
				} catch {
					return; // the server is gone
				}
			}
		};
		const writers = Array.from({ length: 8 }, writer);
		while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
		await first.kill();
		await Promise.all(writers);
		expect(sent).toBeGreaterThan(acknowledged.length); // some were in flight when it died

		const second = await start();
		const doc = await (await fetch(`${second.url}/api/document`)).json();
		const ids = new Set(doc.events.map((e: { id: string }) => e.id));
		for (const id of acknowledged) expect(ids.has(id), id).toBe(true);
		expect(doc.revision).toBeGreaterThanOrEqual(before + acknowledged.length);
		// and it takes edits again, after whatever the kill cut short
		expect((await send(second, 'POST', '/api/events', { title: 'After', start: '2025', kind: 'other' })).status).toBe(201);
	});

	it('a tab reconnecting after a restart gets what it missed, not a reset', async () => {
		const first = await start();
		const seen = await revisionOf(first);
		const id = (await (await send(first, 'POST', '/api/events', { title: 'Tracked', start: '2025', kind: 'other' })).json()).id;
		for (const title of ['Renamed once', 'Renamed twice']) expect((await send(first, 'PATCH', `/api/events/${id}`, { title })).status).toBe(200);
		await first.kill();

		const second = await start();
		const missed = await events(second, '/api/changes/stream', 3, { 'last-event-id': String(seen) });
		expect(missed.map((e) => [e.event, e.id])).toEqual([
			['change', String(seen + 1)],
			['change', String(seen + 2)],
			['change', String(seen + 3)]
		]);
		expect(missed[2].data.change?.events?.updated?.[0][1].title).toBe('Renamed twice');
	});

	it('answers an entity\'s history: who, when, revision, and each field from → to, newest first, across a restart', async () => {
		const first = await start();
		const created = await (await send(first, 'POST', '/api/events', { title: 'Draft title', start: '2025', kind: 'other' })).json();
		await send(first, 'PATCH', `/api/events/${created.id}`, { title: 'Better title' });
		await send(first, 'PATCH', `/api/events/${created.id}`, { title: 'Final title', start: '2025-04' });
		await first.stop();

		const second = await start();
		const res = await fetch(`${second.url}/api/events/${created.id}/history`);
		expect(res.status).toBe(200);
		const { entries } = await res.json();
		expect(entries.map((e: { action: string }) => e.action)).toEqual(['updated', 'updated', 'created']);
		expect(entries[0].fields).toEqual(
			expect.arrayContaining([
				{ field: 'title', from: 'Better title', to: 'Final title' },
				{ field: 'start', from: '2025', to: '2025-04' }
			])
		);
		expect(entries[1].fields.find((f: { field: string }) => f.field === 'title')).toEqual({ field: 'title', from: 'Draft title', to: 'Better title' });
		expect(entries[0].revision).toBeGreaterThan(entries[1].revision);
		expect(Date.parse(entries[0].at)).not.toBeNaN();
		expect(entries.some((e: { fields: { field: string }[] }) => e.fields.some((f) => f.field === 'revision' || f.field === 'updatedAt'))).toBe(false);

		expect((await fetch(`${second.url}/api/events/no-such-event/history`)).status).toBe(404);
	});
});
