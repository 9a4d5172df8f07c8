/**
 * The server going away and coming back, with a page open on it: the page says it is offline,
 * keeps what is edited meanwhile, saves it once the server is back, and catches up with what others
 * changed (the change stream reconnects and replays from the revision it had). A server of its own
 * (the real built one, on a data file of this test's), so that it can be stopped and started.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../support/server';

let dir: string;
let server: RunningServer | undefined;

test.beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'causeway-restart-'));
});
test.afterEach(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

test('a server restart: offline said, the edit kept and saved when back, other changes caught up', async ({ page }) => {
	// The default 30 s is also a check: a server that waited for the open change stream to end
	// before stopping (adapter-node's SHUTDOWN_TIMEOUT) would take all of it.
	const env = { CAUSEWAY_DATA: join(dir, 'causeway.json') };
	server = await startServer(env);
	const { url } = server;
	const port = new URL(url).port;
	await page.goto(`${url}/?select=event:sudzha-captured`);
	const form = page.getByRole('form', { name: 'Edit event' });
	await expect(form.getByLabel('Title')).toHaveValue('Ukrainian forces capture Sudzha');
	const banner = page.getByRole('banner');

	await server.stop();
	server = undefined;
	await expect(banner).toContainText('Offline: the server cannot be reached', { timeout: 5000 });
	await form.getByLabel('Title').fill('Sudzha taken (typed while the server was down)');
	await form.getByLabel('Title').press('Enter');
	await expect(banner).toContainText('Offline: 1 edit waiting to be saved');
	await expect(form.getByLabel('Title')).toHaveValue('Sudzha taken (typed while the server was down)');

	server = await startServer({ ...env, PORT: port });
	// sent by itself once the server answers (or at once with "Retry now")
	await expect(banner).toContainText('Saved', { timeout: 15_000 });
	const saved = await (await fetch(`${url}/api/events/sudzha-captured`)).json();
	expect(saved.title).toBe('Sudzha taken (typed while the server was down)');

	// the change stream is back: an edit made elsewhere shows here
	const res = await fetch(`${url}/api/events/jeddah-talks`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: 'Jeddah talks (renamed elsewhere)' })
	});
	expect(res.status).toBe(200);
	await expect(page.getByRole('region', { name: 'Events table' }).getByRole('link', { name: 'Jeddah talks (renamed elsewhere)' })).toBeVisible({ timeout: 5000 });
});
