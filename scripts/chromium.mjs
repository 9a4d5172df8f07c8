/**
 * Where Chromium is, for Playwright (which cannot download its own browsers here): CHROMIUM_PATH,
 * else the usual system locations. Shared by the Playwright config, the tests and the benchmark.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/** The Chromium executable, or undefined when none is found. */
export function findChromium(env = process.env) {
	if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
	return CANDIDATES.find((path) => existsSync(path));
}

/** Flags that keep Chromium quiet on a closed network (STACK.md §2). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage'
];
