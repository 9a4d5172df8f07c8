import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts', 'data/**/*.spec.ts', 'tests/api/**/*.spec.ts'],
		environment: 'node',
		// The API specs start the built server; building and starting take a while on 2 cores.
		testTimeout: 30_000,
		hookTimeout: 120_000
	}
});
