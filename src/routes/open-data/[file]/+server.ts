import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { now } from '$lib/server/clock';
import { openDataCsv } from '$lib/server/insights/open-data.service';

/** `/open-data/{dataset}-{YYYY-MM}.csv`: public, counts below 5 shown as `<5`. */
export const GET: RequestHandler = async ({ params }) => {
	const match = /^([a-z-]+)-(\d{4}-\d{2})\.csv$/.exec(params.file);
	const csv = match ? await openDataCsv(match[1] ?? '', match[2] ?? '', now()) : null;
	if (csv === null) error(404, 'Not found');
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `inline; filename="${params.file}"`,
			'cache-control': 'public, max-age=3600',
			link: '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
		}
	});
};
