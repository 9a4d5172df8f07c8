import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Any other /api path: a JSON 404 rather than the HTML error page. */
const notFound: RequestHandler = ({ url, request }) =>
	json({ error: { code: 'not_found', message: `no such API: ${request.method} ${url.pathname}` } }, { status: 404 });

export const GET = notFound;
export const POST = notFound;
export const PATCH = notFound;
export const PUT = notFound;
export const DELETE = notFound;
