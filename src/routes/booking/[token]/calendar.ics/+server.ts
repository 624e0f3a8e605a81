import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { calendarFile } from '$lib/server/booking/booking-calendar';
import { bookingByToken } from '$lib/server/booking/bookings.service';
import { now } from '$lib/server/clock';
import { serviceName } from '$lib/service-names';
import { getConfig } from '$lib/server/config';
import { localizeHref } from '$lib/i18n';

/** The appointment as an iCalendar file, in Europe/Prague time. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const booking = await bookingByToken(params.token);
	if (!booking || booking.cancelledAt) error(404, 'Not found');
	const b = booking.branch;
	const body = calendarFile({
		uid: `${booking.id}@pobyt`,
		startsAt: booking.startsAt,
		endsAt: booking.endsAt,
		summary: `${serviceName(booking.serviceSlug, locals.locale)} – ${booking.reference}`,
		location: `${b.name}, ${b.street}, ${b.postcode} ${b.city}`,
		url: `${getConfig().publicOrigin}${localizeHref(`/booking/${params.token}`, { locale: locals.locale })}`,
		stamp: now()
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="pobyt-${booking.reference}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
