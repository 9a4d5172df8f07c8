import { describe, expect, it } from 'vitest';
import {
	allowedHostNames,
	bearerMatches,
	hostAllowed,
	hostName,
	isLoopback,
	listeningProblem,
	newSession,
	originAllowed,
	sessionFromCookies,
	sessionValid,
	SignInThrottle
} from './guard';

describe('listeningProblem', () => {
	it('allows loopback without a token, anything else only with one', () => {
		for (const HOST of ['127.0.0.1', 'localhost', '::1', '127.1.2.3']) expect(listeningProblem({ HOST })).toBeNull();
		for (const HOST of ['0.0.0.0', '::', '192.168.1.5', 'example.org']) expect(listeningProblem({ HOST })).toMatch(/without a token/);
		expect(listeningProblem({})).toMatch(/0\.0\.0\.0/);
		expect(listeningProblem({ HOST: '0.0.0.0', CAUSEWAY_TOKEN: 't' })).toBeNull();
		// Named users guard every request as the token does.
		expect(listeningProblem({ HOST: '0.0.0.0', CAUSEWAY_USERS: '/srv/users.json' })).toBeNull();
	});
});

describe('hosts', () => {
	const allowed = allowedHostNames({ HOST: '127.0.0.1', ORIGIN: 'https://causeway.example.org', CAUSEWAY_ALLOWED_HOSTS: ' Notes.Example , bad host,' });

	it('reads the host name out of a Host header', () => {
		expect(hostName('Example.ORG:3000')).toBe('example.org');
		expect(hostName('[::1]:80')).toBe('::1');
		expect(hostName('example.org.')).toBe('example.org');
		for (const bad of ['', 'a b', 'user@host', 'host:port', 'a/b']) expect(hostName(bad)).toBeNull();
	});

	it('answers loopback names, IP addresses, the ORIGIN host and the allowed list; nothing else', () => {
		for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'causeway.example.org', 'notes.example:8080', 'app.localhost']) {
			expect(hostAllowed(host, allowed), host).toBe(true);
		}
		for (const host of ['evil.example:3000', '127.0.0.1.evil.example', 'localhost.evil.example', 'bad', '', null, '10.0.0.7:3000']) {
			expect(hostAllowed(host, allowed), String(host)).toBe(false);
		}
		expect(isLoopback('LOCALHOST')).toBe(true);
		// On every interface, the server's addresses are many: any IP address is its own.
		const everywhere = allowedHostNames({ HOST: '0.0.0.0', CAUSEWAY_TOKEN: 't' });
		expect(hostAllowed('10.0.0.7:3000', everywhere)).toBe(true);
		expect(hostAllowed('[fe80::1]:3000', everywhere)).toBe(true);
		expect(hostAllowed('evil.example:3000', everywhere)).toBe(false);
	});
});

describe('originAllowed', () => {
	const env = { ORIGIN: 'https://causeway.example.org' };
	it('accepts no Origin, the request\'s own host and ORIGIN; refuses other sites, null and other schemes', () => {
		expect(originAllowed(null, 'localhost:3000', env)).toBe(true);
		expect(originAllowed('http://localhost:3000', 'localhost:3000', env)).toBe(true);
		expect(originAllowed('https://causeway.example.org', '10.0.0.1', env)).toBe(true);
		expect(originAllowed('http://evil.example', 'localhost:3000', env)).toBe(false);
		expect(originAllowed('http://localhost:4000', 'localhost:3000', env)).toBe(false);
		expect(originAllowed('null', 'localhost:3000', env)).toBe(false);
		expect(originAllowed('file://', 'localhost:3000', env)).toBe(false);
		expect(originAllowed('chrome-extension://localhost:3000', 'localhost:3000', env)).toBe(false);
	});
});

describe('sessions', () => {
	it('a session is valid for its token until it expires; forged, altered or other-token sessions are not', () => {
		const now = Date.UTC(2026, 0, 1);
		const s = newSession('token-a', now);
		expect(sessionValid(s, 'token-a', now)).toBe(true);
		expect(sessionValid(s, 'token-b', now)).toBe(false);
		expect(sessionValid(s, 'token-a', now + 31 * 86_400_000)).toBe(false);
		const [expires, mac] = s.split('.');
		expect(sessionValid(`${Number(expires) + 1}.${mac}`, 'token-a', now)).toBe(false);
		expect(sessionValid(undefined, 'token-a', now)).toBe(false);
		expect(s).not.toContain('token-a');
	});

	it('finds the cookie among others, and the bearer token only as a bearer token', () => {
		expect(sessionFromCookies('a=1; causeway_session=x.y; b=2')).toBe('x.y');
		expect(sessionFromCookies(null)).toBeUndefined();
		expect(bearerMatches('Bearer t0k', 't0k')).toBe(true);
		expect(bearerMatches('bearer t0k', 't0k')).toBe(true);
		expect(bearerMatches('t0k', 't0k')).toBe(false);
		expect(bearerMatches('Bearer t0', 't0k')).toBe(false);
	});

	it('throttles failed sign-ins per address within the window', () => {
		const throttle = new SignInThrottle(3, 1000);
		for (let i = 0; i < 3; i++) throttle.failed('a', 0);
		expect(throttle.allowed('a', 10)).toBe(false);
		expect(throttle.allowed('b', 10)).toBe(true);
		expect(throttle.allowed('a', 1001)).toBe(true);
	});
});
