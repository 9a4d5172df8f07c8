import adapter from '@sveltejs/adapter-node';
import { copyFileSync, renameSync } from 'node:fs';

/**
 * adapter-node, with Causeway's own entry in front of it (scripts/server-entry.js): `node build`
 * and `npm start` then start the same way, with the same safe defaults.
 */
function causewayAdapter(options) {
	const node = adapter(options);
	return {
		...node,
		async adapt(builder) {
			await node.adapt(builder);
			renameSync(`${options.out}/index.js`, `${options.out}/server.js`);
			copyFileSync('scripts/server-entry.js', `${options.out}/index.js`);
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: { runes: true },
	kit: {
		adapter: causewayAdapter({ out: 'build', precompress: true }),
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
