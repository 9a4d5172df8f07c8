import { redirect } from '@sveltejs/kit';
import { accessToken } from '$lib/server/guard';
import { serverUsers } from '$lib/server/users-instance';
import type { PageServerLoad } from './$types';

/** Without a token or users there is nothing to sign in to. */
export const load: PageServerLoad = ({ locals }) => {
	const users = serverUsers() !== null;
	if (!accessToken() && !users) redirect(303, '/');
	return { users, user: locals.user ?? null };
};
