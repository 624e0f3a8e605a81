// The cookies that carry what must never be in a URL: a held seat, a proceeding number for the
// details step, a context shared with the hotline, a callback request to withdraw.
import type { Cookies } from '@sveltejs/kit';
import { HOLD_MINUTES } from '../booking/bookings.service';

/** The held seat's token lives only in this cookie, never in a URL. */
export const HOLD_COOKIE = 'pobyt_hold';

export function setHoldCookie(cookies: Cookies, token: string): void {
	cookies.set(HOLD_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: HOLD_MINUTES * 60
	});
}

export function clearHoldCookie(cookies: Cookies): void {
	cookies.delete(HOLD_COOKIE, { path: '/' });
}

/**
 * The proceeding number a person came from (their status result's "book" step), to prefill the
 * details step — kept in a cookie for an hour, never in a URL.
 */
export const PROCEEDING_COOKIE = 'pobyt_booking_proceeding';

export function setProceedingCookie(cookies: Cookies, number: string): void {
	cookies.set(PROCEEDING_COOKIE, number, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: 3600
	});
}

/**
 * The context the person just shared with the hotline (`code.token`), for the page that shows
 * the code; and the handle of a callback request, to withdraw it. Never in a URL.
 */
export const CONTEXT_COOKIE = 'pobyt_context';
export const CALLBACK_COOKIE = 'pobyt_callback';

export function setPrivateCookie(
	cookies: Cookies,
	name: typeof CONTEXT_COOKIE | typeof CALLBACK_COOKIE,
	value: string,
	until: Date,
	now: Date
): void {
	cookies.set(name, value, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: Math.max(60, Math.floor((until.getTime() - now.getTime()) / 1000))
	});
}
