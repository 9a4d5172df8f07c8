import { redirect } from '@sveltejs/kit';
import { accessToken } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** Without a token there is nothing to sign in to. */
export const load: PageServerLoad = () => {
	if (!accessToken()) redirect(303, '/');
	return {};
};
