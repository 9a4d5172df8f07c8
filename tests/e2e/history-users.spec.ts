/**
 * Named users, several documents and the history together, as a person meets them: Alice signs in
 * with her token, edits an event of an investigation other than the default one, and its History
 * names her (and Bob, who made the event) with the old title and the new one.
 */
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUser, writeUsersFile } from '../../src/lib/server/users';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let dir: string;
let alice: string;
let bob: string;

test.beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-history-users-'));
	const [a, b] = [newUser('Alice'), newUser('Bob')];
	[alice, bob] = [a.token, b.token];
	await writeUsersFile(join(dir, 'users.json'), { users: [a.record, b.record] });
	server = await startServer({ CAUSEWAY_DATA_DIR: dir, CAUSEWAY_USERS: join(dir, 'users.json') });
});
test.afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

test('Alice edits a title in another investigation, and its History names her with the old and the new title', async ({ page }) => {
	const as = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
	const made = await fetch(`${server.url}/api/documents`, { method: 'POST', headers: as(bob), body: JSON.stringify({ title: 'Kherson, 2022' }) });
	const { id } = await made.json();
	const added = await fetch(`${server.url}/api/d/${id}/events`, {
		method: 'POST',
		headers: as(bob),
		body: JSON.stringify({ id: 'bridge', title: 'Antonivskyi bridge hit', start: '2022-07-27', kind: 'military' })
	});
	expect(added.status).toBe(201);

	await page.goto(`${server.url}/d/${id}?select=event:bridge`);
	await expect(page).toHaveURL(/\/signin\?next=/);
	await page.getByLabel('User token').fill(alice);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`/d/${id}\\?select=event:bridge`));
	await expect(page.getByRole('banner')).toContainText('Alice');

	const inspector = page.getByRole('region', { name: 'Inspector' });
	const form = inspector.getByRole('form', { name: 'Edit event' });
	await form.getByLabel('Title').fill('Antonivskyi bridge put out of use');
	await form.getByLabel('Title').press('Tab');

	const history = inspector.locator('details.history');
	await history.getByText('History').click();
	const entries = history.getByRole('list', { name: 'History' });
	const change = entries.locator(':scope > li').first();
	await expect(change).toContainText('Alice');
	await expect(change).toContainText('changed');
	const title = change.getByRole('listitem').filter({ hasText: 'Title' });
	await expect(title.locator('q.from')).toHaveText('Antonivskyi bridge hit');
	await expect(title.locator('q.to')).toHaveText('Antonivskyi bridge put out of use');
	await expect(entries.locator(':scope > li').filter({ hasText: 'created it' })).toContainText('Bob');

	await change.scrollIntoViewIfNeeded();
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.screenshot({ path: 'test-results/history-users-light.png' });
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.screenshot({ path: 'test-results/history-users-dark.png' });
});
