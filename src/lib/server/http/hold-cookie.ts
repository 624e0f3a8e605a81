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
