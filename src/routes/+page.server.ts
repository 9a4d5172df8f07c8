import { getStore } from '$lib/server/instance';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ document: getStore().document });
