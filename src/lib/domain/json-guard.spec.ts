import { describe, expect, it } from 'vitest';
import { hostileJson, MAX_JSON_DEPTH } from './json-guard';

const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('hostileJson', () => {
	it('finds forbidden keys at any depth, the first in document order', () => {
		expect(hostileJson(JSON.parse('{"a":{"b":[{"ok":1},{"__proto__":{}}]},"c":{"constructor":1}}'))).toEqual({ kind: 'forbidden_key', path: 'a.b[1].__proto__', message: 'the key "__proto__" is not allowed' });
		expect(hostileJson({ title: 'x', tags: ['prototype'] })).toBeNull();
	});

	it('refuses nesting past the limit without overflowing the stack, even 100,000 deep', () => {
		expect(hostileJson(nested(MAX_JSON_DEPTH))).toBeNull();
		expect(hostileJson(nested(MAX_JSON_DEPTH + 1))?.kind).toBe('too_deep');
		expect(hostileJson(nested(100_000))?.kind).toBe('too_deep');
	});
});
