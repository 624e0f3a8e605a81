import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { now } from '$lib/server/clock';
import { METRICS_CONTENT_TYPE, renderMetrics } from '$lib/server/metrics/metrics';
import { isBearerAuthorized } from '$lib/server/security/bearer';
import { getConfig } from '$lib/server/config';

/** Prometheus metrics of this instance; only with `Authorization: Bearer $METRICS_TOKEN`. */
export const GET: RequestHandler = async ({ request }) => {
	const token = getConfig().metricsToken;
	if (!token) error(404, 'Not Found');
	if (!isBearerAuthorized(request.headers.get('authorization'), token)) {
		return new Response('unauthorized\n', {
			status: 401,
			headers: { 'cache-control': 'no-store', 'www-authenticate': 'Bearer' }
		});
	}
	return new Response(await renderMetrics(now()), {
		headers: { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }
	});
};
