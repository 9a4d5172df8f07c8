#!/usr/bin/env node
/**
 * Makes sure a Chromium is there for the end-to-end tests. On Debian as root it installs Debian's
 * `chromium` package when none is found; elsewhere it says how to get one and fails.
 */
import { findChromium } from './chromium.mjs';
import { ensurePackage } from './ensure-package.mjs';

ensurePackage({
	name: 'Chromium',
	debianPackage: 'chromium',
	find: findChromium,
	envVar: 'CHROMIUM_PATH',
	envMissing: 'there is no such file',
	missingAfterInstall: 'no chromium executable was found afterwards',
	help: (debian) => [
		'The end-to-end tests need Chromium, and none was found.',
		debian ? '  Install it as root:   sudo apt-get install chromium' : '  Install Chromium or Google Chrome with your system’s package manager,',
		'  or point to one:       CHROMIUM_PATH=/path/to/chromium npm test'
	]
});
