import type { RequestHandler } from './$types';
import { now } from '$lib/server/clock';
import { openDataCatalogue, openDataMonths } from '$lib/server/insights/open-data.service';

/** The DCAT-AP catalogue of the open data, for the national open-data catalogue to harvest. */
export const GET: RequestHandler = async ({ url }) =>
	new Response(
		JSON.stringify(openDataCatalogue(url.origin, await openDataMonths(now())), null, 2),
		{
			headers: {
				'content-type': 'application/ld+json; charset=utf-8',
				'cache-control': 'public, max-age=3600'
			}
		}
	);
