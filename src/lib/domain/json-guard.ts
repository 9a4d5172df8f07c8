/**
 * The one check for parsed JSON that comes from outside (a request body, an imported file) before
 * anything else looks at it: keys that would reach prototypes, and nesting deeper than any
 * Causeway record needs. Iterative, so a body nested 10,000 deep is refused rather than
 * overflowing the stack.
 */

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any Causeway file nests (a document is about 5 levels deep); a JSON value deeper is refused. */
export const MAX_JSON_DEPTH = 64;

export interface HostileJson {
	kind: 'forbidden_key' | 'too_deep';
	/** Where, as `events[3].title`. */
	path: string;
	/** What is wrong there, in a sentence. */
	message: string;
}

/**
 * The first hostile part of a parsed JSON value — a `__proto__`, `constructor` or `prototype`
 * key, or nesting deeper than `maxDepth` — or null when there is none.
 */
export function hostileJson(value: unknown, maxDepth = MAX_JSON_DEPTH): HostileJson | null {
	const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
	while (stack.length) {
		const item = stack.pop()!;
		if (item.value === null || typeof item.value !== 'object') continue;
		if (item.depth >= maxDepth) return { kind: 'too_deep', path: item.path || '(body)', message: `nested more than ${maxDepth} levels deep` };
		// Pushed in reverse so the first hostile key in document order is the one reported.
		if (Array.isArray(item.value)) {
			for (let i = item.value.length - 1; i >= 0; i--) stack.push({ value: item.value[i], path: `${item.path}[${i}]`, depth: item.depth + 1 });
			continue;
		}
		const keys = Object.keys(item.value);
		for (const key of keys) {
			if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbidden_key', path: item.path ? `${item.path}.${key}` : key, message: `the key "${key}" is not allowed` };
		}
		for (let i = keys.length - 1; i >= 0; i--) {
			const key = keys[i];
			stack.push({ value: (item.value as Record<string, unknown>)[key], path: item.path ? `${item.path}.${key}` : key, depth: item.depth + 1 });
		}
	}
	return null;
}
