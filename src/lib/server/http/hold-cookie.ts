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
