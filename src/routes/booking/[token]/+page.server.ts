import { error, fail } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import type { Actions, PageServerLoad } from './$types';
import { listServices } from '$lib/server/booking/booking-offer.service';
import {
	bookingByToken,
	cancelBooking,
	LATE_CANCELLATION_RULE
} from '$lib/server/booking/bookings.service';
import { now } from '$lib/server/clock';
import { getConfig } from '$lib/server/startup';

/** The token in the URL is the only key to the booking (≥ 128 bits; only its hash is stored). */
export const load: PageServerLoad = async ({ params, setHeaders, url }) => {
	// same-origin: the token never leaves in a Referer (e.g. to the map), and forms keep their Origin.
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'same-origin' });
	const booking = await bookingByToken(params.token);
	if (!booking) error(404, 'Not found');
	const { email: _email, fullName: _name, ...shown } = booking;
	const checklistSlug =
		(await listServices()).find((s) => s.slug === booking.serviceSlug)?.checklistSlug ?? null;
	return {
		token: params.token,
		moved: url.searchParams.has('moved'),
		checklistSlug,
		booking: shown,
		qrSvg: renderSVG(booking.reference, { border: 2, ecc: 'M' }),
		cancellable:
			!booking.cancelledAt &&
			!booking.checkedInAt &&
			!booking.completedAt &&
			!booking.noShowAt &&
			booking.startsAt > now(),
		/** Cancelling now would count as late (LATE_CANCELLATION_RULE): say so before. */
		lateCancellation:
			booking.startsAt.getTime() - now().getTime() < LATE_CANCELLATION_RULE.hoursBefore * 3_600_000
	};
};

export const actions: Actions = {
	cancel: async ({ params }) => {
		const cancelled = await cancelBooking(params.token, now(), getConfig().publicOrigin);
		if (!cancelled) return fail(409, { tooLate: true });
		return { cancelled: true };
	}
};
