import type { Reroute } from '@sveltejs/kit';
import { documentReroute } from '$lib/domain/document-route';

/**
 * An API path spelled other than the API's own way (a trailing slash, an empty segment) routes
 * nowhere, so it is answered "not found" in the API's error shape: SvelteKit would otherwise
 * redirect it with a bare 308, which API clients do not follow with their method and body.
 * A document's paths (`/d/{id}`, `/api/d/{id}/…`) are served by the default document's routes,
 * which find their document in the URL as it was sent (`event.url`).
 */
export const reroute: Reroute = ({ url }) => {
	const path = url.pathname;
	if ((path.startsWith('/api/') || path.startsWith('//')) && (path.endsWith('/') || path.includes('//'))) return '/__no-route__';
	return documentReroute(path);
};
