import { json } from '@sveltejs/kit';
import { getStore } from '$lib/server/instance';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => json(getStore().document);
