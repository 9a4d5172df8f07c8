/**
 * The change stream's memory is bounded per client: clients that connect and never read, while
 * many large edits happen, are closed once they fall too far behind — the server does not queue
 * for them without end — and a reconnect with Last-Event-ID still gets every change it missed.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-stream-bounds-'));
	server = await startServer({ CAUSEWAY_DATA: join(dir, 'causeway.json') });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

/** The server process's resident memory in MB, as the kernel counts it. */
function residentMb(): number {
	const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** A client that asks for the stream and then never reads a byte of it. */
function stalledClient(): Promise<{ socket: Socket; ended: Promise<void> }> {
	const { port } = new URL(server.url);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), '127.0.0.1', () => {
			socket.write(`GET /api/changes/stream HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`);
			socket.pause();
			const ended = new Promise<void>((done) => socket.once('close', () => done()));
			socket.on('error', () => {});
			resolve({ socket, ended });
		});
		socket.once('error', reject);
	});
}

/** Reads `count` change events from a reconnect with Last-Event-ID; resolves with their ids. */
async function catchUp(lastEventId: number, count: number): Promise<string[]> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), 30_000);
	const res = await fetch(`${server.url}/api/changes/stream`, { headers: { 'last-event-id': String(lastEventId) }, signal: controller.signal });
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	const ids: string[] = [];
	let buffer = '';
	try {
		while (ids.length < count) {
			const { done, value } = await reader.read();
			if (done) break;
			buffer += decoder.decode(value, { stream: true });
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const id = /^id: (\d+)$/m.exec(block)?.[1];
				if (id && /^event: change$/m.test(block)) ids.push(id);
			}
		}
	} finally {
		clearTimeout(timer);
		controller.abort();
	}
	return ids;
}

describe('the change stream under clients that stop reading', () => {
	it('closes them, stays bounded in memory, and catches each up on reconnect', { timeout: 120_000 }, async () => {
		const doc = await (await fetch(`${server.url}/api/document`)).json();
		const start: number = doc.revision;
		const target: string = doc.events[0].id;
		const clients = await Promise.all(Array.from({ length: 16 }, stalledClient));
		const before = residentMb();

		// Each edit is a change event of ~40 KB (the event before and after): 16 MB per client if queued.
		const EDITS = 400;
		for (let i = 0; i < EDITS; i++) {
			const res = await fetch(`${server.url}/api/events/${target}`, {
				method: 'PATCH',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ description: `${i} ${'x'.repeat(19_000)}` })
			});
			expect(res.status).toBe(200);
		}
		const grown = residentMb() - before;
		// Queued for every client, 16 × 16 MB; bounded, about 1 MB each (the rest is the edits themselves).
		expect(grown).toBeLessThan(100);

		// Every stalled client was closed by the server (reading now only drains what was sent).
		for (const { socket, ended } of clients) {
			socket.resume();
			await expect(Promise.race([ended.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 10_000))])).resolves.toBe('closed');
		}

		const ids = await catchUp(start, EDITS);
		expect(ids).toEqual(Array.from({ length: EDITS }, (_, i) => String(start + 1 + i)));
		expect((await fetch(`${server.url}/api/document`)).status).toBe(200);
		expect(server.output()).not.toMatch(/error/i);
	});
});
