import { json } from '@sveltejs/kit';
import { invalid } from '$lib/domain/errors';
import { changeRequest } from '$lib/domain/ops';
import { storeFor } from '$lib/server/documents';
import { answer, readJson } from '$lib/server/http';
import { BATCH_BODY_LIMIT } from '$lib/server/limits';
import type { RequestHandler } from './$types';

/** Several operations, applied in order, all or nothing: `{"ops": [...]}` → `{revision, change}`. */
export const POST: RequestHandler = (event) =>
	answer(async () => {
		const store = await storeFor(event);
		const parsed = changeRequest.safeParse(await readJson(event.request, BATCH_BODY_LIMIT));
		if (!parsed.success) throw invalid(parsed.error);
		return json(await store.commit(parsed.data.ops, { author: event.locals.user }));
	});
