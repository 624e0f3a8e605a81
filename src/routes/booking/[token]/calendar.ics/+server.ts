import { error } from '@sveltejs/kit';
import { createEvent } from 'ics';
import type { RequestHandler } from './$types';
import { bookingByToken } from '$lib/server/booking/bookings.service';
import { serviceName } from '$lib/service-names';
import { getConfig } from '$lib/server/startup';
import { localizeHref } from '$lib/i18n';

/** The appointment as an iCalendar file; times in UTC, which every calendar shows in local time. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const booking = await bookingByToken(params.token);
	if (!booking || booking.cancelledAt) error(404, 'Not found');
	const b = booking.branch;
	const { error: problem, value } = createEvent({
		uid: `${booking.id}@pobyt`,
		start: booking.startsAt.getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: booking.endsAt.getTime(),
		endInputType: 'utc',
		endOutputType: 'utc',
		title: `${serviceName(booking.serviceSlug, locals.locale)} – ${booking.reference}`,
		location: `${b.name}, ${b.street}, ${b.postcode} ${b.city}`,
		url: `${getConfig().publicOrigin}${localizeHref(`/booking/${params.token}`, { locale: locals.locale })}`,
		productId: 'pobyt'
	});
	if (problem || !value) error(500, 'Calendar file failed');
	return new Response(value, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="pobyt-${booking.reference}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
