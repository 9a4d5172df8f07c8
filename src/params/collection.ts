import type { ParamMatcher } from '@sveltejs/kit';
import { isCollectionName } from '$lib/domain/schema';

export const match: ParamMatcher = (param) => isCollectionName(param);
