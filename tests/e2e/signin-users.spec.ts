/**
 * A server with named users, as a person meets it: they sign in with their own token, the page
 * says who they are, and their edit is recorded under their name.
 */
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUser, writeUsersFile } from '../../src/lib/server/users';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let dir: string;
let token: string;

test.beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-signin-users-'));
	const alice = newUser('Alice');
	token = alice.token;
	await writeUsersFile(join(dir, 'users.json'), { users: [alice.record] });
	server = await startServer({ CAUSEWAY_DATA: join(dir, 'causeway.json'), CAUSEWAY_USERS: join(dir, 'users.json') });
});
test.afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

test('a user signs in with their token, the page names them, and their edit is theirs', async ({ page }) => {
	await page.goto(`${server.url}/?select=event:first-incursion`);
	await expect(page).toHaveURL(/\/signin\?next=/);
	await page.getByLabel('User token').fill('not-a-token');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText(/not a user token/);

	await page.getByLabel('User token').fill(token);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('banner')).toContainText('Alice');

	const stream = await fetch(`${server.url}/api/changes/stream`, { headers: { authorization: `Bearer ${token}` } });
	const title = page.getByRole('region', { name: 'Inspector' }).getByRole('textbox', { name: 'Title', exact: true });
	await title.fill('First incursion (by Alice)');
	await title.press('Enter');
	const reader = stream.body!.getReader();
	let text = '';
	while (!text.includes('by Alice')) text += new TextDecoder().decode((await reader.read()).value);
	await reader.cancel();
	const committed = JSON.parse(/^data: (.*by Alice.*)$/m.exec(text)![1]);
	expect(committed.author).toBe('Alice');

	await page.goto(`${server.url}/signin`);
	await expect(page.getByRole('status')).toHaveText(/Signed in as Alice/);
});
