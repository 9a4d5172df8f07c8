import { exportDocument } from '$lib/domain/formats';
import { exportQuery } from '$lib/domain/formats/query';
import { answer } from '$lib/server/http';
import { getStore } from '$lib/server/instance';
import type { RequestHandler } from './$types';

/** `?format=causeway|cytoscape|jgf|graphml|csv|timelinejs&ids=a,b`: the document, or what is shown of it, as a download. */
export const GET: RequestHandler = ({ url }) =>
	answer(() => {
		const { format, ids } = exportQuery(url.searchParams);
		const file = exportDocument(getStore().document, format, { ids });
		return new Response(file.body, {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename="${file.filename}"`,
				'cache-control': 'no-store'
			}
		});
	});
