import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { pragueDate } from '$lib/time/prague';
import { holdFor } from '$lib/server/booking/booking-flow.service';
import { confirmBooking, type BookingDetails } from '$lib/server/booking/bookings.service';
import { sendBookingConfirmation } from '$lib/server/booking/booking-mail';
import { now } from '$lib/server/clock';
import { clearHoldCookie, HOLD_COOKIE } from '$lib/server/http/hold-cookie';
import { getConfig } from '$lib/server/startup';

export const load: PageServerLoad = async ({ params, cookies, locals }) => {
	const hold = await holdFor(cookies.get(HOLD_COOKIE), params.service, params.branch, now());
	const back = localizeHref(`/book/${params.service}/${params.branch}`, { locale: locals.locale });
	if (!hold) redirect(303, `${back}?expired`);
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
		const hold = await holdFor(token, params.service, params.branch, at);
		if (!hold?.details || !token) redirect(303, `${back}?expired`);
		const result = await confirmBooking({
			holdToken: token,
			details: hold.details as unknown as BookingDetails,
			channel: 'web',
			locale: locals.locale,
			secret: getConfig().appSecret,
			now: at
		});
		if (result.kind === 'expired') redirect(303, `${back}?expired`);
		if (result.kind === 'late_cancellations') {
			return fail(409, { refused: result.kind, until: pragueDate(result.until) });
		}
		if (result.kind === 'already_booked' || result.kind === 'limit') {
			return fail(409, { refused: result.kind });
		}
		clearHoldCookie(cookies);
		await sendBookingConfirmation(result.booking, result.token, getConfig().publicOrigin);
		redirect(303, localizeHref(`/booking/${result.token}`, { locale: locals.locale }));
	}
};
