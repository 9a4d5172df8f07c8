/**
 * A server with an access token, as a person meets it: the page asks for the token once, keeps the
 * session in a cookie scripts cannot read, and then reads and edits work as on an open server.
 */
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../support/server';

const TOKEN = 'correct-horse-battery-staple-42';
let server: RunningServer;
let dir: string;

test.beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'causeway-signin-'));
	server = await startServer({ CAUSEWAY_DATA: join(dir, 'causeway.json'), CAUSEWAY_TOKEN: TOKEN });
});
test.afterAll(async () => {
	await server?.stop();
	await rm(dir, { recursive: true, force: true });
});

test('the page asks for the token once, then shows the document and saves edits', async ({ page, context }) => {
	await page.goto(`${server.url}/?select=event:first-incursion`);
	await expect(page).toHaveURL(/\/signin\?next=/);
	await expect(page.getByRole('heading', { name: 'Causeway' })).toBeVisible();
	await expect(page.getByText('cross into Russia', { exact: false })).toHaveCount(0);

	await page.getByLabel('Access token').fill('not-the-token');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText(/not this server’s access token/);

	await page.getByLabel('Access token').fill(TOKEN);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(`${server.url}/?select=event:first-incursion`);
	await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
	const title = page.getByRole('region', { name: 'Inspector' }).getByRole('textbox', { name: 'Title', exact: true });
	await expect(title).toHaveValue(/Ukrainian forces cross into Russia/);

	// The session is HttpOnly: no script on the page can read it.
	expect(await page.evaluate(() => document.cookie)).not.toContain('causeway_session');
	const cookie = (await context.cookies()).find((c) => c.name === 'causeway_session');
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

	// An edit goes through with the cookie alone.
	await title.fill('First incursion (renamed while signed in)');
	await title.press('Enter');
	await expect
		.poll(async () => (await (await fetch(`${server.url}/api/events/first-incursion`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()).title)
		.toBe('First incursion (renamed while signed in)');

	// Still signed in after a reload.
	await page.reload();
	await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
});
