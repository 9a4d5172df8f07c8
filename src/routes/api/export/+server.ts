import { exportDocument } from '$lib/domain/formats';
import { exportQuery } from '$lib/domain/formats/query';
import { answer } from '$lib/server/http';
import { getStore } from '$lib/server/instance';
import type { RequestHandler } from './$types';

/** `?format=causeway|cytoscape|jgf|graphml|csv|timelinejs&ids=a,b&asOf=YYYY-MM-DD`: the document, what was known of it then, or what is shown of it, as a download. */
export const GET: RequestHandler = ({ url }) =>
	answer(() => {
		const { format, ids, asOf } = exportQuery(url.searchParams);
		const file = exportDocument(getStore().document, format, { ids, asOf });
		return new Response(file.body, {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename="${file.filename}"`,
				'cache-control': 'no-store'
			}
		});
	});
