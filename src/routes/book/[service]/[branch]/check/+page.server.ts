import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { pragueDate } from '$lib/time/prague';
import { heldFor, holdFor } from '$lib/server/booking/booking-offer.service';
import {
	bookingOfHold,
	confirmBooking,
	type BookingDetails
} from '$lib/server/booking/bookings.service';
import { now } from '$lib/server/clock';
import { clearHoldCookie, HOLD_COOKIE } from '$lib/server/http/private-cookies';
import { getConfig } from '$lib/server/config';

/** After the hold became a booking (another tab, a repeat): to the booking, else time again. */
async function goneHold(
	token: string | undefined,
	back: string,
	locale: App.Locals['locale']
): Promise<never> {
	const booked = token ? await bookingOfHold(token, getConfig().appSecret) : null;
	if (booked) redirect(303, localizeHref(`/booking/${booked}`, { locale }));
	redirect(303, `${back}?expired`);
}

export const load: PageServerLoad = async ({ params, cookies, locals }) => {
	const token = cookies.get(HOLD_COOKIE);
	const hold = await holdFor(token, params.service, params.branch, now());
	const back = localizeHref(`/book/${params.service}/${params.branch}`, { locale: locals.locale });
	if (!hold) return goneHold(token, back, locals.locale);
	if (!hold.details) redirect(303, `${back}/details`);
	return { hold, details: hold.details as unknown as BookingDetails };
};

export const actions: Actions = {
	// A double submit or a retry with the same hold returns the same booking (bookings.service).
	default: async ({ params, cookies, locals }) => {
		const token = cookies.get(HOLD_COOKIE);
		const at = now();
		const back = localizeHref(`/book/${params.service}/${params.branch}`, {
			locale: locals.locale
		});
		const hold = await heldFor(token, params.service, params.branch, at);
		// A repeat that comes after the first submit turned the hold into the booking.
		if (!hold?.details || !token) return goneHold(token, back, locals.locale);
		const result = await confirmBooking({
			holdToken: token,
			hold,
			details: hold.details as unknown as BookingDetails,
			channel: 'web',
			locale: locals.locale,
			secret: getConfig().appSecret,
			now: at,
			// The confirmation e-mail is written with the booking (one transaction, sent once).
			origin: getConfig().publicOrigin
		});
		if (result.kind === 'expired') redirect(303, `${back}?expired`);
		if (result.kind === 'late_cancellations') {
			return fail(409, { refused: result.kind, until: pragueDate(result.until) });
		}
		if (result.kind === 'already_booked' || result.kind === 'limit') {
			return fail(409, { refused: result.kind });
		}
		clearHoldCookie(cookies);
		redirect(303, localizeHref(`/booking/${result.token}`, { locale: locals.locale }));
	}
};
