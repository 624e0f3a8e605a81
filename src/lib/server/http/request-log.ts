import { randomUUID } from 'node:crypto';
import type { Handle } from '@sveltejs/kit';
import { log } from '../log';

/**
 * One line per request with the route id (`/booking/[token]`), never the URL: paths carry
 * tokens and query strings could carry anything a person typed.
 */
export const requestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = randomUUID();
	const response = await resolve(event);
	log.info(
		{
			reqId: event.locals.requestId,
			method: event.request.method,
			route: event.route.id,
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};
