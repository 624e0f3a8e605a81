// The confirmation e-mail, in the person's language, through the outbox (SMTP when configured).
import { m } from '../../paraglide/messages';
import { isLocale, type Locale } from '../../paraglide/runtime';
import { localizeHref } from '../../i18n';
import { formatDateTime } from '../../format';
import { serviceName } from '../../service-names';
import { enqueueMail, type OutboxMessage } from '../mail/outbox.service';
import type { BookingRecord } from './bookings.repository';
import type { CancelledByClosure } from './schedule.repository';

/** The confirmation e-mail of a booking, in the booking's language. */
export function bookingConfirmationMail(
	booking: BookingRecord,
	token: string,
	origin: string
): OutboxMessage {
	const locale: Locale = isLocale(booking.locale) ? booking.locale : 'cs';
	const o = { locale };
	const when = formatDateTime(booking.startsAt, locale);
	const b = booking.branch;
	return {
		to: booking.email,
		subject: m.booking_email_subject({ reference: booking.reference, date: when }, o),
		text: m.booking_email_body(
			{
				reference: booking.reference,
				when,
				where: `${b.name}, ${b.street}, ${b.postcode} ${b.city}`,
				what: serviceName(booking.serviceSlug, locale),
				link: `${origin}${localizeHref(`/booking/${token}`, { locale })}`
			},
			o
		),
		listUnsubscribe: null
	};
}

export async function sendBookingConfirmation(
	booking: BookingRecord,
	token: string,
	origin: string
): Promise<void> {
	await enqueueMail([bookingConfirmationMail(booking, token, origin)]);
}

/** Bookings a branch closure cancelled: one e-mail each, in the person's language. */
export function closureMessages(
	cancelled: CancelledByClosure[],
	branch: { name: string; street: string; postcode: string; city: string },
	origin: string
): OutboxMessage[] {
	return cancelled.map((booking) => {
		const locale: Locale = isLocale(booking.locale) ? booking.locale : 'cs';
		const o = { locale };
		return {
			to: booking.email,
			subject: m.booking_closed_subject({ reference: booking.reference }, o),
			text: m.booking_closed_body(
				{
					reference: booking.reference,
					when: formatDateTime(booking.startsAt, locale),
					where: `${branch.name}, ${branch.street}, ${branch.postcode} ${branch.city}`,
					link: `${origin}${localizeHref(`/book/${booking.serviceSlug}`, { locale })}`
				},
				o
			),
			listUnsubscribe: null
		};
	});
}

/** A seat offered from the waitlist: the link continues the booking with the seat held. */
export function offerMessage(
	offer: { email: string; locale: string },
	token: string,
	expiresAt: Date,
	origin: string
): OutboxMessage {
	const locale: Locale = isLocale(offer.locale) ? offer.locale : 'cs';
	const o = { locale };
	return {
		to: offer.email,
		subject: m.waitlist_offer_subject({}, o),
		text: m.waitlist_offer_body(
			{
				until: formatDateTime(expiresAt, locale),
				link: `${origin}${localizeHref(`/book/claim/${token}`, { locale })}`
			},
			o
		),
		listUnsubscribe: null
	};
}
