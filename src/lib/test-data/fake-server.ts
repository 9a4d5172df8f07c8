/**
 * For the client state's unit specs: `POST /api/changes` answered in-process by the same planner
 * the server uses, on a document of its own — so a spec can change that document "elsewhere"
 * (another tab), or take the network away. The real server is covered by tests/api and tests/e2e.
 */
import { applyChange } from '../domain/changes';
import { DomainError } from '../domain/errors';
import { planChange, type Op } from '../domain/ops';
import type { CausewayDocument } from '../domain/schema';

const NOW = '2026-11-21T10:00:00.000Z';
const STATUS = { invalid: 400, not_found: 404, conflict: 409, stale: 412 } as const;

export class FakeServer {
	offline = false;
	/** Every batch of operations received, in order. */
	readonly received: Op[][] = [];

	constructor(public doc: CausewayDocument) {}

	/** Commits operations as another client would. */
	elsewhere(ops: Op[]): void {
		const { change } = planChange(this.doc, ops, { now: NOW });
		this.doc = { ...applyChange(this.doc, change), revision: this.doc.revision + 1 };
	}

	readonly fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
		if (this.offline) throw new TypeError('Failed to fetch');
		if (String(url) !== '/api/changes' || init?.method !== 'POST') return new Response('{}', { status: 404 });
		const { ops } = JSON.parse(String(init.body)) as { ops: Op[] };
		this.received.push(ops);
		try {
			const { change } = planChange(this.doc, ops, { now: NOW });
			this.doc = { ...applyChange(this.doc, change), revision: this.doc.revision + 1 };
			return Response.json({ revision: this.doc.revision, change });
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			return Response.json({ error: { code: err.code, message: err.message, current: err.current } }, { status: STATUS[err.code as keyof typeof STATUS] ?? 400 });
		}
	};
}
