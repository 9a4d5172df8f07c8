import { describe, expect, it } from 'vitest';
import { apiBase, documentIdOf, documentReroute, documentSegment, pageOf } from './document-route';

describe('document paths', () => {
	it('serves /api/d/{id}/… by the API route of the rest, and /d/{id} by the page', () => {
		expect(documentReroute('/api/d/bakhmut-k3f9/events')).toBe('/api/events');
		expect(documentReroute('/api/d/bakhmut-k3f9/events/e-1')).toBe('/api/events/e-1');
		expect(documentReroute('/api/d/x/changes/stream')).toBe('/api/changes/stream');
		expect(documentReroute('/d/bakhmut-k3f9')).toBe('/');
		expect(documentReroute('/api/events')).toBeUndefined();
		expect(documentReroute('/')).toBeUndefined();
	});

	it('routes nowhere what is not a document route: the registry, the session, a bare document path', () => {
		for (const path of ['/api/d/x/documents', '/api/d/x/session', '/api/d/x/d/y/events', '/api/d/x', '/api/d', '/api/d/x/nothing']) {
			expect(documentReroute(path), path).toBe('/api/__no-such-route__');
		}
	});

	it('reads an id only when it is one: no dots, slashes, backslashes, NUL, upper case, non-ASCII or length', () => {
		expect(documentIdOf('bakhmut-k3f9')).toBe('bakhmut-k3f9');
		expect(documentIdOf('%62akhmut')).toBe('bakhmut');
		for (const bad of ['..', '%2e%2e', '.', 'a%2fb', 'a/b', 'a%5cb', 'a%00b', 'A', 'k%C3%BCrsk', '%E2%80%8B', '-x', '', 'x'.repeat(65), '%', '%zz']) {
			expect(documentIdOf(bad), bad).toBeNull();
		}
		expect(documentSegment('/api/d/abc/events')).toBe('abc');
		expect(documentSegment('/d/abc')).toBe('abc');
		expect(documentSegment('/api/events')).toBeNull();
	});

	it('gives the default document its old addresses', () => {
		expect(apiBase(undefined)).toBe('/api');
		expect(apiBase('default')).toBe('/api');
		expect(apiBase('x')).toBe('/api/d/x');
		expect(pageOf('default')).toBe('/');
		expect(pageOf('x')).toBe('/d/x');
	});
});
