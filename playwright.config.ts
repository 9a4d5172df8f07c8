import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4317);
// A fresh data file for every run, created from the bundled dataset on start.
const dataDir = mkdtempSync(join(tmpdir(), 'causeway-e2e-'));

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 30_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		browserName: 'chromium',
		viewport: { width: 1440, height: 900 },
		launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
		trace: 'retain-on-failure'
	},
	webServer: {
		command: 'node scripts/start.mjs',
		url: `http://127.0.0.1:${PORT}/api/document`,
		reuseExistingServer: false,
		timeout: 180_000,
		env: { PORT: String(PORT), HOST: '127.0.0.1', CAUSEWAY_DATA: join(dataDir, 'causeway.json') }
	}
});
