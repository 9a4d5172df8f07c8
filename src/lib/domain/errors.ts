/**
 * Why an edit was refused, in terms the server maps to status codes (400, 404, 409, 412) and the
 * browser shows beside the field or in a message.
 */
import type { z } from 'zod';

export type ProblemCode = 'invalid' | 'not_found' | 'conflict' | 'stale';

export interface Issue {
	/** Where the problem is, e.g. `events[3].start` or `title`. */
	path: string;
	message: string;
}

export class DomainError extends Error {
	constructor(
		readonly code: ProblemCode,
		message: string,
		readonly issues?: Issue[],
		/** For `stale`: the entity as it is now, so the caller can show what changed. */
		readonly current?: unknown
	) {
		super(message);
		this.name = 'DomainError';
	}
}

/** Joins a path like `['events', 3, 'start']` into `events[3].start`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
	let out = prefix;
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else out += out ? `.${String(part)}` : String(part);
	}
	return out;
}

/** Turns zod's issues into ours, each with a readable path. */
export function issuesOf(error: z.ZodError, prefix = ''): Issue[] {
	return error.issues.map((i) => ({
		path: formatPath(i.path, prefix) || prefix || '(body)',
		message: i.code === 'unrecognized_keys' ? `unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}` : i.message
	}));
}

/** A 400 with every issue of a failed parse, the first one in the message. */
export function invalid(error: z.ZodError, prefix = ''): DomainError {
	const issues = issuesOf(error, prefix);
	const first = issues[0];
	return new DomainError('invalid', first ? `${first.path}: ${first.message}` : 'invalid input', issues);
}
