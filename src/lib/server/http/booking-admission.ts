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
import {
	PASS_COOKIE,
	PASS_SECONDS,
	TICKET_COOKIE,
	cookieHeader,
	cookieValue,
	newTicket,
	readTicket,
	signTicket,
	waitingResponse,
	type Ticket,
	type WaitingRoom
} from './waiting-room';
import { plainPage } from './plain-page';
import { HOLD_COOKIE } from './private-cookies';
import { TOKEN_PATTERN } from '../security/tokens';
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

/**
 * The steps after the hold (details, confirmation) of someone holding a seat (the hold cookie).
 * They go ahead of the waiting room's line, within the in-flight limit: their seat is taken
 * either way, and making them queue behind newcomers would only let it lapse. A forged cookie
 * gains one quick refusal; the hold itself is where the line applies.
 */
export function isFinishingStep(event: Pick<RequestEvent, 'request' | 'url'>): boolean {
	if (event.request.method !== 'POST') return false;
	if (!/^\/book\/[^/]+\/[^/]+\/(details|check)$/.test(delocalizePath(event.url.pathname)))
		return false;
	return TOKEN_PATTERN.test(cookieValue(event.request, HOLD_COOKIE) ?? '');
}

/**
 * A complete page without the layout: rendering the usual one would cost the database reads and
 * the rendering that shedding is there to save. The link leads back to the form's page.
 */
export function busyResponse(locale: Locale, backPath: string): Response {
	const o = { locale };
	return plainPage({
		status: 429,
		locale,
		title: m.book_busy_title({}, o),
		text: m.book_busy_text({}, o),
		back: { href: backPath, label: m.book_busy_back({}, o) },
		headers: { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) }
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
	limit: InFlightLimit = bookingWrites,
	queue?: { room: WaitingRoom; secret: () => string }
): Handle {
	observeAdmission({ inFlight: () => limit.count, limit: maxInFlight });
	return async ({ event, resolve }) => {
		if (queue) return queued(event, resolve, maxInFlight(), limit, queue.room, queue.secret());
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

/**
 * The same admission with a waiting room instead of "try again" (docs/adr/0009): a refused
 * booking write — or any while others wait — gets a signed ticket and the waiting page; a
 * booking page requested with a ticket is shown when its turn has come (in order of arrival,
 * as writes finish), with a short pass that lets the form through ahead of newcomers.
 */
async function queued(
	event: RequestEvent,
	resolve: (event: RequestEvent) => Response | Promise<Response>,
	max: number,
	limit: InFlightLimit,
	room: WaitingRoom,
	secret: string
): Promise<Response> {
	const path = event.url.pathname;
	const locale = localeFromPath(path);
	const at = Date.now();
	const ticket = readTicket(secret, cookieValue(event.request, TICKET_COOKIE));
	const wait = (t: Ticket, setCookie: string | null) => {
		const place = room.place(t, at);
		return waitingResponse(locale, path, place, room.estimateSeconds(place), setCookie);
	};
	if (!isBookingWrite(event)) {
		const page = delocalizePath(path);
		if (!ticket || event.request.method !== 'GET' || !/^\/book(ing)?\//.test(page))
			return resolve(event);
		if (room.place(ticket, at) > max - limit.count) return wait(ticket, null);
		// Their turn: the page, a pass for its form, and the ticket is spent.
		room.leave(ticket);
		const response = await resolve(event);
		const pass = signTicket(secret, newTicket(at), 'pass');
		try {
			response.headers.append('set-cookie', cookieHeader(PASS_COOKIE, pass, PASS_SECONDS));
			response.headers.append('set-cookie', cookieHeader(TICKET_COOKIE, '', 0));
		} catch {
			// An immutable response (a redirect from a fetch): the pass is simply not given.
		}
		return response;
	}
	const pass = readTicket(secret, cookieValue(event.request, PASS_COOKIE), 'pass');
	const passed = !!pass && at - pass.arrivedAt < PASS_SECONDS * 1000;
	// A newcomer goes ahead only where capacity is left beyond those already waiting.
	const turn =
		isFinishingStep(event) ||
		(ticket
			? room.place(ticket, at) <= max - limit.count
			: passed || limit.count + room.waiting(at) < max);
	if (!turn || !limit.tryEnter(max)) {
		const t = ticket ?? newTicket(at);
		return wait(t, ticket ? null : cookieHeader(TICKET_COOKIE, signTicket(secret, t), 600));
	}
	if (ticket) room.leave(ticket);
	try {
		const response = await resolve(event);
		return response.status >= 500 && event.locals.overloaded
			? busyResponse(locale, path)
			: response;
	} finally {
		limit.leave();
		room.finished(Date.now());
	}
}

/** For handleError: marks the request when its error was the database being overloaded or out of reach. */
export function noteOverload(event: RequestEvent, error: unknown): boolean {
	if (!isOverloadError(error)) return false;
	event.locals.overloaded = true;
	return true;
}
