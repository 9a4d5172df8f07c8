import { json } from '@sveltejs/kit';
import { invalid } from '$lib/domain/errors';
import { changeRequest } from '$lib/domain/ops';
import { answer, readJson } from '$lib/server/http';
import { getStore } from '$lib/server/instance';
import { BATCH_BODY_LIMIT } from '$lib/server/limits';
import type { RequestHandler } from './$types';

/** Several operations, applied in order, all or nothing: `{"ops": [...]}` → `{revision, change}`. */
export const POST: RequestHandler = ({ request }) =>
	answer(async () => {
		const parsed = changeRequest.safeParse(await readJson(request, BATCH_BODY_LIMIT));
		if (!parsed.success) throw invalid(parsed.error);
		return json(await getStore().commit(parsed.data.ops));
	});
