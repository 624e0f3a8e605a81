import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { bookingAdmission, noteOverload } from '$lib/server/http/booking-admission';
import { i18n } from '$lib/server/http/i18n';
import { requestLog } from '$lib/server/http/request-log';
import { securityHeaders } from '$lib/server/http/security-headers';
import { staffSession } from '$lib/server/http/staff-session';
import { errorFacts, log } from '$lib/server/log';
import { getConfig } from '$lib/server/config';
import { startServer } from '$lib/server/startup';
import { m } from '$lib/paraglide/messages';

export const init: ServerInit = startServer;

// Shedding comes before the locale middleware: a refusal should cost as little as possible.
export const handle = sequence(
	requestLog,
	securityHeaders,
	bookingAdmission(() => getConfig().bookingMaxInflight),
	i18n,
	staffSession
);

/** Unexpected errors: logged with an id (no request data), shown as a generic translated page. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	const errorId = event.locals.requestId ?? 'unknown';
	if (noteOverload(event, error)) {
		log.warn(
			{ reqId: errorId, route: event.route.id, err: errorFacts(error) },
			'database overloaded'
		);
	} else if (status !== 404) {
		log.error({ reqId: errorId, route: event.route.id, err: errorFacts(error) }, 'unhandled error');
	}
	return { message: status === 404 ? m.error_not_found_title() : m.error_generic_title(), errorId };
};
