/**
 * Export and import over real HTTP against the built server and a real data file: every format as
 * a download, the published schema, and every way an import can be refused — each checked against
 * the answer and against the data file on disk, byte for byte. Then dry runs, merge, replace with
 * its backup, the exact round trip through an empty store, and the command line's lock refusal.
 */
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseImport, planImport } from '$lib/domain/formats';
import { Store, type Committed } from '$lib/server/store';
import { makeChain, makeDocument, makeEvent } from '$lib/test-data/factories';
import { storedBytes, storedDocument } from '../support/stored';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let file: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-export-import-'));
	file = join(dir, 'causeway.json');
	server = await startServer({ CAUSEWAY_DATA: file });
});
afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

type Init = { method?: string; body?: unknown; raw?: string | Uint8Array<ArrayBuffer>; type?: string | null };
async function call(path: string, init: Init = {}, on = server) {
	const headers: Record<string, string> = {};
	const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
	if (body !== undefined && init.type !== null) headers['content-type'] = init.type ?? 'application/json';
	const res = await fetch(on.url + path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
	const bytes = new Uint8Array(await res.arrayBuffer());
	let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	try {
		json = JSON.parse(new TextDecoder().decode(bytes));
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, json, bytes, text: () => new TextDecoder().decode(bytes) };
}
const disk = () => storedBytes(file);
const exported = async (format = 'causeway') => (await call(`/api/export?format=${format}`)).json;
const withoutExportedAt = (s: string) => s.replace(/"exportedAt": "[^"]*"/, '"exportedAt": ""');

describe('GET /api/export', () => {
	const formats: [format: string, type: RegExp, suffix: string][] = [
		['causeway', /^application\/json/, '.json'],
		['cytoscape', /^application\/json/, '.cyjs'],
		['jgf', /^application\/json/, '.jgf.json'],
		['graphml', /^application\/graphml\+xml/, '.graphml'],
		['csv', /^application\/zip/, '-csv.zip'],
		['timelinejs', /^application\/json/, '-timelinejs.json']
	];

	it.each(formats)('%s: a download named after the title and the date', async (format, type, suffix) => {
		const res = await call(`/api/export?format=${format}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(type);
		const date = new Date().toISOString().slice(0, 10);
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="causeway-kursk-offensives-2024-2025-${date}${suffix}"`);
		expect(res.bytes.length).toBeGreaterThan(1000);
	});

	it('the whole document by default; what is shown with ids (links only between those events)', async () => {
		const doc = (await call('/api/document')).json;
		const whole = await exported();
		expect([whole.events.length, whole.links.length]).toEqual([doc.events.length, doc.links.length]);
		const link = doc.links[0];
		const part = (await call(`/api/export?format=causeway&ids=${link.from},${link.to}`)).json;
		expect(part.events.map((e: { id: string }) => e.id).sort()).toEqual([link.from, link.to].sort());
		expect(part.links.every((l: { from: string; to: string }) => [link.from, link.to].includes(l.from) && [link.from, link.to].includes(l.to))).toBe(true);
		expect(part.links.map((l: { id: string }) => l.id)).toContain(link.id);
	});

	it('the CSV download is a zip of the CSV files', async () => {
		const files = unzipSync((await call('/api/export?format=csv')).bytes);
		expect(Object.keys(files).sort()).toEqual(['actors.csv', 'citations.csv', 'claims.csv', 'document.csv', 'events.csv', 'links.csv', 'sources.csv']);
	});

	it('refuses an unknown format or parameter with 400', async () => {
		expect(await call('/api/export?format=pdf')).toMatchObject({ status: 400, json: { error: { code: 'invalid', message: expect.stringMatching(/^format: unknown format "pdf"/) } } });
		expect(await call('/api/export?formats=jgf')).toMatchObject({ status: 400, json: { error: { message: expect.stringMatching(/^formats: unknown query parameter/) } } });
	});
});

describe('the JSON Schema of the causeway format', () => {
	it('GET /api/schema and /schema/causeway-2.json give the committed schema', async () => {
		const committed = JSON.parse(await readFile(resolve('static/schema/causeway-2.json'), 'utf8'));
		const api = await call('/api/schema');
		expect(api.status).toBe(200);
		expect(api.json).toEqual(committed);
		expect((await call('/schema/causeway-2.json')).json).toEqual(committed);
	});
});

describe('POST /api/import refuses bad files with a precise error and changes nothing', () => {
	const zip = zipSync({ 'events.csv': strToU8('id,title,start,kind\r\nx,X,2024,other\r\n') });
	let valid: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	beforeAll(async () => {
		valid = await exported();
	});
	const withEvent = (i: number, fields: Record<string, unknown>) => ({ ...valid, events: valid.events.map((e: object, j: number) => (j === i ? { ...e, ...fields } : e)) });

	const cases: [name: string, query: string, init: () => Init, status: number, code: string, message: RegExp][] = [
		['invalid JSON', 'mode=merge', () => ({ raw: '{"format": "causeway",' }), 400, 'invalid', /^\(file\): not valid JSON/],
		['an unknown format', 'mode=merge', () => ({ body: { nodes: [] } }), 400, 'invalid', /^\(file\): unknown format/],
		['a format that is not the content', 'format=jgf', () => ({ body: valid }), 400, 'invalid', /^format: the file looks like causeway, not jgf/],
		['a date that is not one', 'mode=replace', () => ({ body: withEvent(3, { start: '2024-02-30' }) }), 400, 'invalid', /^events\[3\]\.start: not a date/],
		['an unknown field', 'mode=merge', () => ({ body: withEvent(1, { colour: 'red' }) }), 400, 'invalid', /^events\[1\]: unknown field: colour/],
		['a link to a missing event', 'mode=merge', () => ({ body: { ...valid, links: [{ ...valid.links[0], to: 'nowhere' }] } }), 409, 'conflict', /^links\[0\]\.to: effect event "nowhere" does not exist/],
		['duplicate ids', 'mode=replace', () => ({ body: { ...valid, events: [...valid.events, valid.events[0]] } }), 409, 'conflict', /duplicate id/],
		['a __proto__ key', 'mode=merge', () => ({ raw: JSON.stringify(valid).replace('"events":[{', '"events":[{"__proto__":{"admin":true},') }), 400, 'invalid', /^events\[0\]\.__proto__: the key "__proto__" is not allowed/],
		['a constructor key in Cytoscape data', 'mode=merge', () => ({ raw: '{"elements":{"nodes":[{"data":{"id":"x","constructor":{}}}]}}' }), 400, 'invalid', /constructor/],
		['a file from a newer Causeway', 'mode=merge', () => ({ body: { ...valid, schemaVersion: 3 } }), 400, 'invalid', /newer Causeway/],
		['text/plain', 'mode=merge', () => ({ raw: JSON.stringify(valid), type: 'text/plain' }), 415, 'unsupported_media_type', /application\/json or application\/zip/],
		['no content type', 'mode=merge', () => ({ raw: strToU8(JSON.stringify(valid)) as Uint8Array<ArrayBuffer>, type: null }), 415, 'unsupported_media_type', /got none/],
		['a zip sent as JSON', 'mode=merge', () => ({ raw: zip as Uint8Array<ArrayBuffer> }), 400, 'invalid', /send it as application\/zip/],
		['JSON sent as a zip', 'mode=merge', () => ({ raw: JSON.stringify(valid), type: 'application/zip' }), 400, 'invalid', /not a zip archive/],
		['a broken zip', 'mode=merge', () => ({ raw: zip.slice(0, 40) as Uint8Array<ArrayBuffer>, type: 'application/zip' }), 400, 'invalid', /^\(file\): /],
		['a misspelt dryRun', 'dryrun=true', () => ({ body: valid }), 400, 'invalid', /^dryrun: unknown query parameter/],
		['an unknown mode', 'mode=overwrite', () => ({ body: valid }), 400, 'invalid', /^mode: use merge or replace/],
	];

	it.each(cases)('%s', async (_name, query, init, status, code, message) => {
		const before = await disk();
		const res = await call(`/api/import?${query}`, { method: 'POST', ...init() });
		expect(res.status).toBe(status);
		expect(res.json.error.code).toBe(code);
		expect(res.json.error.message).toMatch(message);
		if (status === 400 && code === 'invalid') expect(res.json.error.issues?.length).toBeGreaterThan(0);
		expect(await disk()).toBe(before);
	});

	it('a file over 50 MB is refused from its declared length, before it is sent', async () => {
		const before = await disk();
		// The server answers as soon as it has the headers and closes the connection: a client that
		// went on sending 50 MB would meet a closed socket, so this one waits for the answer first.
		const { hostname, port } = new URL(server.url);
		const answer = await new Promise<{ status: number; body: string; connection?: string }>((ok, fail) => {
			const req = httpRequest({ host: hostname, port, method: 'POST', path: '/api/import?mode=merge', headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024 + 1) } }, (res) => {
				let body = '';
				res.on('data', (d) => (body += d));
				res.on('end', () => ok({ status: res.statusCode!, body, connection: res.headers.connection }));
			});
			req.on('error', fail);
			req.flushHeaders();
		});
		expect(answer.status).toBe(413);
		expect(JSON.parse(answer.body).error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/limit of 50 MB/) });
		expect(answer.connection).toBe('close');
		expect(await disk()).toBe(before);
	});

	it('lists every problem with its path', async () => {
		const body = { ...withEvent(3, { start: 'soon' }), links: valid.links.map((l: object, i: number) => (i === 2 ? { ...l, confidence: 'total' } : l)) };
		const res = await call('/api/import?mode=merge', { body });
		expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['events[3].start', 'links[2].confidence']);
	});

	it('Object.prototype is untouched afterwards', () => {
		expect(({} as Record<string, unknown>).admin).toBeUndefined();
	});
});

describe('POST /api/import', () => {
	it('a dry run reports what would change and writes nothing', async () => {
		const file0 = await exported();
		file0.events[0].title = 'Renamed by the import';
		file0.events.push({ ...file0.events[1], id: 'imported-event', title: 'Imported' });
		const before = await disk();
		const res = await call('/api/import?mode=merge&dryRun=true', { body: file0 });
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ mode: 'merge', format: 'causeway', dryRun: true, problems: [], wouldApply: true, overwritten: { events: [file0.events[0].id] } });
		expect(res.json.summary.events).toMatchObject({ added: 1, updated: 1, removed: 0 });
		expect(res.json.revision).toBeUndefined();
		expect(await disk()).toBe(before);
	});

	it('a dry run of a bad file answers with its problems instead of an error', async () => {
		const before = await disk();
		const res = await call('/api/import?dryRun=true', { body: { ...(await exported()), links: [{ ...(await exported()).links[0], from: 'nowhere' }] } });
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ wouldApply: false, problems: [{ path: 'links[0].from', message: 'cause event "nowhere" does not exist' }] });
		expect(await disk()).toBe(before);
	});

	it('merge: by id, the file wins, one commit on disk before the answer', async () => {
		const before = (await call('/api/document')).json;
		const target = before.events[0];
		const body = { ...(await exported()), events: [{ ...target, title: 'Merged title' }, { ...target, id: 'merged-new', title: 'New from merge' }], links: [], actors: [], sources: [] };
		const res = await call('/api/import?mode=merge', { body });
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ dryRun: false, revision: before.revision + 1, overwritten: { events: [target.id] }, removed: {} });
		expect(res.json.backup).toBeUndefined();
		const stored = await storedDocument(file);
		expect(stored.revision).toBe(before.revision + 1);
		expect(stored.events.find((e: { id: string }) => e.id === target.id)).toMatchObject({ title: 'Merged title', revision: target.revision + 1 });
		expect(stored.events).toHaveLength(before.events.length + 1);
		expect(stored.links).toHaveLength(before.links.length);
	});

	it('a CSV zip comes in as application/zip', async () => {
		const csv = (await call('/api/export?format=csv')).bytes;
		const res = await call('/api/import?mode=merge&dryRun=true', { raw: csv, type: 'application/zip' });
		expect(res.json).toMatchObject({ format: 'csv', wouldApply: true });
		expect(res.json.summary.events.added + res.json.summary.events.updated).toBe(0);
	});

	it('replace: the document replaced, the old one saved as a backup beside the data file, the answer says where', async () => {
		const before = await disk();
		const small = { format: 'causeway', schemaVersion: 1, exportedAt: new Date().toISOString(), title: 'Small', events: [], actors: [], links: [], sources: [] };
		const res = await call('/api/import?mode=replace', { body: small });
		expect(res.status).toBe(200);
		expect(res.json.backup).toMatch(new RegExp(`^${join(dir, 'backups', 'causeway-')}\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z\\.json$`));
		expect(await readdir(join(dir, 'backups'))).toHaveLength(1);
		// the backup is the replaced document exactly as it was on disk
		expect(JSON.parse(await readFile(res.json.backup, 'utf8'))).toEqual(JSON.parse(before));
		const stored = await storedDocument(file);
		expect(stored).toMatchObject({ title: 'Small', events: [], links: [], revision: JSON.parse(before).revision + 1 });
		// and the backup reads back in as a bare document
		const restore = await call('/api/import?mode=replace', { raw: await readFile(res.json.backup, 'utf8') });
		expect(restore.json.summary.events.added).toBe(JSON.parse(before).events.length);
	});
});

describe('round trip through an empty store', () => {
	it('export, replace into an empty store, export again: the same file but for exportedAt', async () => {
		const first = (await call('/api/export?format=causeway')).text();
		const emptyDir = await mkdtemp(join(tmpdir(), 'causeway-empty-'));
		const emptyFile = join(emptyDir, 'causeway.json');
		await writeFile(emptyFile, JSON.stringify({ schemaVersion: 1, revision: 0, title: 'Untitled', events: [], actors: [], links: [], sources: [] }));
		const empty = await startServer({ CAUSEWAY_DATA: emptyFile });
		try {
			const res = await call('/api/import?mode=replace', { raw: first }, empty);
			expect(res.status).toBe(200);
			const second = (await call('/api/export?format=causeway', {}, empty)).text();
			expect(withoutExportedAt(second)).toBe(withoutExportedAt(first));
		} finally {
			await empty.stop();
			await rm(emptyDir, { recursive: true, force: true });
		}
	});
});

describe('command line', () => {
	const cli = (script: string, args: string[], env: Record<string, string>) =>
		spawnSync(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), '--tsconfig', 'scripts/cli/tsconfig.paths.json', `scripts/cli/${script}.ts`, ...args], {
			encoding: 'utf8',
			env: { ...process.env, ...env }
		});

	it('refuses politely, with exit code 1, while a server holds the data file', async () => {
		const before = await disk();
		const run = cli('import', [resolve('data/seed/kursk.json'), '--mode', 'replace'], { CAUSEWAY_DATA: file });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(`${file} is in use by another Causeway server (pid ${server.process.pid}`);
		expect(await disk()).toBe(before);
	});

	it('exports and imports a data file no server holds', async () => {
		const cliDir = await mkdtemp(join(tmpdir(), 'causeway-cli-'));
		try {
			const data = join(cliDir, 'causeway.json');
			const imported = cli('import', [resolve('data/seed/kursk.json'), '--mode', 'merge'], { CAUSEWAY_DATA: data });
			expect(imported.status, imported.stderr).toBe(0);
			expect(imported.stdout).toMatch(/events\s+\d+ added/);
			const out = join(cliDir, 'kursk.jgf.json');
			const run = cli('export', ['--format', 'jgf', '--out', out], { CAUSEWAY_DATA: data });
			expect(run.status, run.stderr).toBe(0);
			expect(Object.keys(JSON.parse(await readFile(out, 'utf8')).graph.nodes).length).toBeGreaterThan(30);
		} finally {
			await rm(cliDir, { recursive: true, force: true });
		}
	});

	it('imports into and exports another investigation with --document, leaving the default one be', async () => {
		const cliDir = await mkdtemp(join(tmpdir(), 'causeway-cli-documents-'));
		try {
			const env = { CAUSEWAY_DATA_DIR: cliDir };
			const owner = await startServer(env);
			const { id } = await (await fetch(`${owner.url}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Toretsk' }) })).json();
			const defaultBefore = await (await fetch(`${owner.url}/api/document`)).json();
			await owner.stop();

			const imported = cli('import', [resolve('data/seed/kursk.json'), '--mode', 'merge', '--document', id], env);
			expect(imported.status, imported.stderr).toBe(0);
			const out = join(cliDir, 'toretsk.json');
			const exported = cli('export', ['--out', out, '--document', id], env);
			expect(exported.status, exported.stderr).toBe(0);
			const doc = JSON.parse(await readFile(out, 'utf8'));
			expect(doc.title).toBe('Toretsk');
			expect(doc.events.length).toBe(defaultBefore.events.length);

			const unknown = cli('export', ['--out', out, '--document', 'no-such-one'], env);
			expect(unknown.status).toBe(1);
			expect(unknown.stderr).toContain('There is no investigation "no-such-one"');
			const outside = cli('import', [resolve('data/seed/kursk.json'), '--document', '../default'], env);
			expect(outside.status).toBe(1);
			expect(outside.stderr).toContain('is not a document id');

			const again = await startServer(env);
			try {
				expect((await (await fetch(`${again.url}/api/document`)).json()).revision).toBe(defaultBefore.revision);
				expect((await (await fetch(`${again.url}/api/d/${id}/events`)).json()).length).toBe(defaultBefore.events.length);
			} finally {
				await again.stop();
			}
		} finally {
			await rm(cliDir, { recursive: true, force: true });
		}
	});
});

describe('Store.replaceDocument (what an import commits through)', () => {
	async function withStore(run: (store: Store, dir: string) => Promise<void>) {
		const home = await mkdtemp(join(tmpdir(), 'causeway-replace-'));
		const seed = join(home, 'seed.json');
		await writeFile(seed, JSON.stringify(makeChain()));
		const store = await Store.open({ file: join(home, 'causeway.json'), seedFile: seed });
		try {
			await run(store, home);
		} finally {
			await store.close();
			await rm(home, { recursive: true, force: true });
		}
	}
	const file = JSON.stringify(makeDocument({ events: [makeEvent('x')] }));

	it('is one commit: on disk when it resolves, revision up by one, subscribers told the change', async () => {
		await withStore(async (store, home) => {
			const seen: Committed[] = [];
			store.subscribe((c) => seen.push(c));
			const imported = parseImport(file);
			const { committed, backupFile } = await store.replaceDocument((current, now) => planImport(current, imported, { mode: 'replace', now }), { backup: true });
			expect(committed.revision).toBe(1);
			expect(seen).toEqual([committed]);
			expect(committed.change.events?.added?.map((e) => e.id)).toEqual(['x']);
			expect(committed.change.events?.removed?.map((e) => e.id)).toEqual(['a', 'b', 'c']);
			expect(JSON.parse(await readFile(join(home, 'causeway.json'), 'utf8'))).toMatchObject({ revision: 1, events: [{ id: 'x' }] });
			expect(backupFile).toMatch(new RegExp(`^${join(home, 'backups')}/causeway-.*\\.json$`));
			expect(JSON.parse(await readFile(backupFile!, 'utf8')).events.map((e: { id: string }) => e.id)).toEqual(['a', 'b', 'c']);
		});
	});

	it('an edit that lands while the backup is written is in the backup (plan and backup are made again)', async () => {
		await withStore(async (store, home) => {
			const imported = parseImport(file);
			const replacing = store.replaceDocument((current, now) => planImport(current, imported, { mode: 'replace', now }), { backup: true });
			// the replace is now writing its backup; this edit commits meanwhile
			const edit = store.commit([{ op: 'update', collection: 'events', id: 'a', patch: { title: 'Edited meanwhile' } }]);
			const [{ committed, backupFile }, edited] = await Promise.all([replacing, edit]);
			expect(edited.revision).toBe(1);
			expect(committed.revision).toBe(2);
			const backup = JSON.parse(await readFile(backupFile!, 'utf8'));
			expect(backup).toMatchObject({ revision: 1, events: [{ id: 'a', title: 'Edited meanwhile' }, { id: 'b' }, { id: 'c' }] });
			// only the backup that was used is left
			expect(await readdir(join(home, 'backups'))).toHaveLength(1);
		});
	});

	it('a plan that throws changes nothing and leaves no backup; one that changes nothing writes nothing', async () => {
		await withStore(async (store, home) => {
			const before = await readFile(join(home, 'causeway.json'), 'utf8');
			await expect(store.replaceDocument(() => { throw new Error('refused'); }, { backup: true })).rejects.toThrow('refused');
			const same = await store.replaceDocument((current) => ({ document: current }), { backup: true });
			expect(same.committed).toEqual({ revision: 0, change: {} });
			expect(same.backupFile).toBeUndefined();
			expect(await readFile(join(home, 'causeway.json'), 'utf8')).toBe(before);
			await expect(readdir(join(home, 'backups'))).rejects.toThrow();
		});
	});

	it('a replace that only renames the document still commits, and the commit carries the new title', async () => {
		await withStore(async (store, home) => {
			const renamed = await store.replaceDocument((current) => ({ document: { ...current, title: 'Renamed' } }));
			// the title is not part of a change; the commit (and so the change stream) carries it
			expect(renamed.committed).toEqual({ revision: 1, change: {}, title: 'Renamed', at: expect.any(String) });
			expect(JSON.parse(await readFile(join(home, 'causeway.json'), 'utf8'))).toMatchObject({ revision: 1, title: 'Renamed' });
		});
	});
});
