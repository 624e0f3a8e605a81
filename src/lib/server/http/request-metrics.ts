import type { Handle } from '@sveltejs/kit';
import { observeRequest } from '../metrics/metrics';

/** Times every request for `pobyt_http_request_duration_seconds`, by route id and status class. */
export const requestMetrics: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} finally {
		observeRequest(event.route.id, status, (performance.now() - started) / 1000);
	}
};
