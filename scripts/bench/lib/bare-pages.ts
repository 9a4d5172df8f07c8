/**
 * The bare-library pages of the side-by-side section, served by a small static server of the bench's
 * own: vis-timeline's and cytoscape's own browser builds from node_modules (the versions Causeway
 * bundles), the page scripts in ../bare/, and the document under test at /document.json. Each page
 * draws one view at the size it has in Causeway's page.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { onCleanup } from './cleanup';

export interface BarePages {
	url: string;
	/** "vis-timeline 8.5.0, cytoscape 3.34.0". */
	versions: string;
	stop(): Promise<void>;
}

export interface ViewSize {
	width: number;
	height: number;
}

const version = (root: string, name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

function page(title: string, head: string, body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}
<style>html,body{margin:0;font:13px system-ui,sans-serif}</style></head><body>${body}</body></html>`;
}

/** Starts the static server on a free loopback port; `document` is the JSON text under test. */
export async function startBarePages(root: string, document: string): Promise<BarePages> {
	const files: Record<string, { type: string; body: Buffer | string }> = {
		'/lib/vis-timeline.js': { type: 'text/javascript', body: readFileSync(join(root, 'node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js')) },
		'/lib/vis-timeline.css': { type: 'text/css', body: readFileSync(join(root, 'node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css')) },
		'/lib/cytoscape.js': { type: 'text/javascript', body: readFileSync(join(root, 'node_modules/cytoscape/dist/cytoscape.min.js')) },
		'/bare/timeline.js': { type: 'text/javascript', body: readFileSync(join(root, 'scripts/bench/bare/timeline.js')) },
		'/bare/graph.js': { type: 'text/javascript', body: readFileSync(join(root, 'scripts/bench/bare/graph.js')) },
		'/document.json': { type: 'application/json', body: document }
	};
	const size = (params: URLSearchParams): ViewSize => ({ width: Number(params.get('w')) || 1000, height: Number(params.get('h')) || 400 });
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		let type = 'text/html';
		let body: Buffer | string;
		if (url.pathname === '/timeline') {
			const { width, height } = size(url.searchParams);
			body = page(
				'bare vis-timeline',
				'<link rel="stylesheet" href="/lib/vis-timeline.css"><script src="/lib/vis-timeline.js" defer></script><script src="/bare/timeline.js" defer></script>',
				`<section aria-label="Timeline"><div id="timeline" style="width:${width}px;height:${height}px"></div></section><p role="status" id="status"></p>`
			);
		} else if (url.pathname === '/graph') {
			const { width, height } = size(url.searchParams);
			body = page(
				'bare cytoscape',
				'<script src="/lib/cytoscape.js" defer></script><script src="/bare/graph.js" defer></script>',
				`<section aria-label="Graph"><div id="canvas" role="application" aria-busy="true" style="width:${width}px;height:${height}px"></div></section>`
			);
		} else if (files[url.pathname]) ({ type, body } = files[url.pathname]);
		else {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address() as { port: number };
	const stop = onCleanup('stop the bare pages server', () => new Promise<void>((resolve) => {
		server.closeAllConnections();
		server.close(() => resolve());
	}));
	return { url: `http://127.0.0.1:${port}`, versions: `vis-timeline ${version(root, 'vis-timeline')}, cytoscape ${version(root, 'cytoscape')}`, stop };
}
