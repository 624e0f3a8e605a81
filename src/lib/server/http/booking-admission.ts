// Load shedding for booking writes (issue "booking rush": at 10× overload the excess gets 429,
// never 5xx). Past a few requests per database connection, more concurrency only lengthens the
// queue in front of the pool: every booking gets slow, and nobody gets through faster. So each
// instance lets a fixed number of booking writes run and refuses the rest at once, before any
// database work, with a short page that asks to send the form again in a few seconds.
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { delocalizePath, localeFromPath } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { isOverloadError } from '../db/errors';
import { observeAdmission, observeBookingRefusal } from '../metrics/metrics';

/** What a refused request is asked to wait: long enough for the crowd ahead to get through. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** Counts requests in flight; `tryEnter` refuses once `max` are running. */
export class InFlightLimit {
	#count = 0;

	get count(): number {
		return this.#count;
	}

	tryEnter(max: number): boolean {
		if (this.#count >= max) return false;
		this.#count++;
		return true;
	}

	leave(): void {
		this.#count--;
	}
}

/** This instance's booking writes in flight (read by `/metrics`). */
export const bookingWrites = new InFlightLimit();

/** Form posts of the booking pages: holding, details, confirming, cancelling, rescheduling. */
export function isBookingWrite(event: Pick<RequestEvent, 'request' | 'url'>): boolean {
	if (event.request.method !== 'POST') return false;
	const path = delocalizePath(event.url.pathname);
	return path.startsWith('/book/') || path.startsWith('/booking/');
}

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/**
 * A complete page without the layout: rendering the usual one would cost the database reads and
 * the rendering that shedding is there to save. The link leads back to the form's page.
 */
export function busyResponse(locale: Locale, backPath: string): Response {
	const o = { locale };
	const title = escapeHtml(m.book_busy_title({}, o));
	const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>${escapeHtml(m.book_busy_text({}, o))}</p><p><a href="${escapeHtml(backPath)}">${escapeHtml(m.book_busy_back({}, o))}</a></p></main></body>
</html>`;
	return new Response(html, {
		status: 429,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'retry-after': String(BUSY_RETRY_AFTER_SECONDS),
			'cache-control': 'no-store',
			'content-security-policy': "default-src 'none'; frame-ancestors 'none'"
		}
	});
}

/**
 * At most `maxInFlight()` booking writes at a time on this instance; the rest get 429 with
 * Retry-After at once. A booking write that failed because the database was overloaded (pool or
 * connection timeouts, too many connections: `locals.overloaded`, set by handleError) gets the
 * same answer instead of a 500.
 */
export function bookingAdmission(
	maxInFlight: () => number,
	limit: InFlightLimit = bookingWrites
): Handle {
	observeAdmission({ inFlight: () => limit.count, limit: maxInFlight });
	return async ({ event, resolve }) => {
		if (!isBookingWrite(event)) return resolve(event);
		const locale = localeFromPath(event.url.pathname);
		if (!limit.tryEnter(maxInFlight())) {
			observeBookingRefusal('busy');
			return busyResponse(locale, event.url.pathname);
		}
		try {
			const response = await resolve(event);
			if (response.status < 500 || !event.locals.overloaded) return response;
			observeBookingRefusal('overloaded');
			return busyResponse(locale, event.url.pathname);
		} finally {
			limit.leave();
		}
	};
}

/** For handleError: marks the request when its error was the database being overloaded. */
export function noteOverload(event: RequestEvent, error: unknown): boolean {
	if (!isOverloadError(error)) return false;
	event.locals.overloaded = true;
	return true;
}
