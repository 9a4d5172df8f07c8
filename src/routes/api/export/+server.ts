import { exportDocument } from '$lib/domain/formats';
import { exportQuery } from '$lib/domain/formats/query';
import { storeFor } from '$lib/server/documents';
import { answer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** `?format=causeway|cytoscape|jgf|graphml|csv|timelinejs&ids=a,b&asOf=YYYY-MM-DD`: the document, what was known of it then, or what is shown of it, as a download. */
export const GET: RequestHandler = (event) =>
	answer(async () => {
		const { url } = event;
		const { format, ids, asOf } = exportQuery(url.searchParams);
		const file = exportDocument((await storeFor(event)).document, format, { ids, asOf });
		return new Response(file.body, {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename="${file.filename}"`,
				'cache-control': 'no-store'
			}
		});
	});
