import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { chain } from '$lib/server/http/chain';
import { bookingAdmission, bookingWrites, noteOverload } from '$lib/server/http/booking-admission';
import { databaseFaults } from '$lib/server/http/database-faults';
import { formGuard } from '$lib/server/http/form-guard';
import { formThrottle } from '$lib/server/http/form-throttle';
import { WaitingRoom } from '$lib/server/http/waiting-room';
import { i18n } from '$lib/server/http/i18n';
import { requestLog } from '$lib/server/http/request-log';
import { requestMetrics } from '$lib/server/http/request-metrics';
import { securityHeaders } from '$lib/server/http/security-headers';
import { staffSession } from '$lib/server/http/staff-session';
import { errorFacts, log } from '$lib/server/log';
import { observeError } from '$lib/server/metrics/metrics';
import { getConfig } from '$lib/server/config';
import { startServer } from '$lib/server/startup';
import { m } from '$lib/paraglide/messages';

export const init: ServerInit = startServer;

// Shedding comes before the locale middleware: a refusal should cost as little as possible.
// Then the guard of every form: an unreadable body is refused before any action runs, and the
// forms without limits of their own share one budget per address.
export const handle = chain(
	requestMetrics,
	requestLog,
	securityHeaders,
	databaseFaults,
	bookingAdmission(() => getConfig().bookingMaxInflight, bookingWrites, {
		room: new WaitingRoom(),
		secret: () => getConfig().appSecret
	}),
	formGuard,
	formThrottle(),
	i18n,
	staffSession
);

/** Unexpected errors: logged with an id (no request data), shown as a generic translated page. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	const errorId = event.locals.requestId ?? 'unknown';
	observeError(error);
	if (noteOverload(event, error)) {
		log.warn(
			{ reqId: errorId, route: event.route.id, err: errorFacts(error) },
			'database overloaded'
		);
	} else if (status >= 500) {
		// 4xx (404, a body over the limit, a wrong content type) are the request's fault, not ours.
		log.error({ reqId: errorId, route: event.route.id, err: errorFacts(error) }, 'unhandled error');
	}
	return { message: status === 404 ? m.error_not_found_title() : m.error_generic_title(), errorId };
};
