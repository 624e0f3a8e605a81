import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { timeChoices } from '$lib/server/booking/booking-offer.service';
import { bookingByToken, rescheduleBooking } from '$lib/server/booking/bookings.service';
import { now } from '$lib/server/clock';
import { formText } from '$lib/server/http/form';
import { getConfig } from '$lib/server/startup';

export const load: PageServerLoad = async ({ params }) => {
	const booking = await bookingByToken(params.token);
	if (
		!booking ||
		booking.cancelledAt ||
		booking.checkedInAt ||
		booking.completedAt ||
		booking.noShowAt
	) {
		error(404, 'Not found');
	}
	const times = await timeChoices(booking.serviceSlug, booking.branch.slug, now());
	if (!times) error(404, 'Not found');
	return {
		token: params.token,
		serviceSlug: booking.serviceSlug,
		branchName: booking.branch.name,
		days: times.days.map((d) => ({
			...d,
			times: d.times.filter((t) => t.slotId !== booking.slotId)
		}))
	};
};

export const actions: Actions = {
	// The new seat is taken before the old one is released, in one statement (bookings.repository).
	default: async ({ params, request, locals }) => {
		const slotId = Number(formText(await request.formData(), 'slot', 20));
		if (!Number.isInteger(slotId) || slotId <= 0) return fail(400, { error: 'missing' as const });
		const outcome = await rescheduleBooking(params.token, slotId, now(), getConfig().publicOrigin);
		if (outcome === 'not_found') error(404, 'Not found');
		if (outcome === 'full') return fail(409, { error: 'gone' as const });
		redirect(303, localizeHref(`/booking/${params.token}?moved`, { locale: locals.locale }));
	}
};
