import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// There are no form actions: every write is a JSON endpoint that refuses any other content
		// type with 415 (src/lib/server/http.ts), which is what keeps cross-site forms out. Kit's own
		// origin check would answer those forms first, with a plain-text 403.
		csrf: { trustedOrigins: ['*'] },
		// Type-check the scripts (benchmark, CLI) and the Playwright config with the app.
		typescript: {
			config: (config) => {
				config.include.push('../scripts/**/*.ts', '../playwright.config.ts');
			}
		},
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
