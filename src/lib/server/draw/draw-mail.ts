// E-mails of a draw, in the entrant's language, through the outbox: the entry's private link,
// then the result (a normal booking confirmation, the waiting list, or why they were skipped).
import { m } from '../../paraglide/messages';
import { isLocale, type Locale } from '../../paraglide/runtime';
import { localizeHref } from '../../i18n';
import { formatDateTime } from '../../format';
import { serviceName } from '../../service-names';
import type { OutboxMessage } from '../mail/outbox.service';
import type { DrawOutcome } from './draw.schema';
import type { ReleaseRecord } from './releases.repository';

const localeOf = (value: string): Locale => (isLocale(value) ? value : 'cs');

function where(r: ReleaseRecord): string {
	return `${r.branch.name}, ${r.branch.street}, ${r.branch.postcode} ${r.branch.city}`;
}

/** After entering: the private link to see, change or withdraw the entry (sent with the entry). */
export function enteredMail(
	release: ReleaseRecord,
	to: { email: string; locale: string },
	token: string,
	origin: string
): OutboxMessage {
	const locale = localeOf(to.locale);
	const o = { locale };
	return {
		to: to.email,
		subject: m.draw_email_entered_subject({}, o),
		text: m.draw_email_entered_body(
			{
				what: serviceName(release.serviceSlug, locale),
				where: where(release),
				draw: formatDateTime(release.drawAt, locale),
				link: `${origin}${localizeHref(`/draw/${token}`, { locale })}`
			},
			o
		),
		listUnsubscribe: null
	};
}

export interface ResultLine {
	entry: { email: string; locale: string };
	outcome: DrawOutcome;
	reference: string | null;
	startsAt: Date | null;
	bookingToken: string | null;
}

/** One e-mail per entrant: winners get the usual booking confirmation. */
export function resultMessages(
	release: ReleaseRecord,
	lines: ResultLine[],
	origin: string
): OutboxMessage[] {
	return lines.map((line) => {
		const locale = localeOf(line.entry.locale);
		const o = { locale };
		const what = serviceName(release.serviceSlug, locale);
		if (line.outcome === 'won') {
			const when = formatDateTime(line.startsAt!, locale);
			return {
				to: line.entry.email,
				subject: m.booking_email_subject({ reference: line.reference!, date: when }, o),
				text: m.booking_email_body(
					{
						reference: line.reference!,
						when,
						where: where(release),
						what,
						link: `${origin}${localizeHref(`/booking/${line.bookingToken}`, { locale })}`
					},
					o
				),
				listUnsubscribe: null
			};
		}
		if (line.outcome === 'waitlisted') {
			return {
				to: line.entry.email,
				subject: m.draw_email_waitlisted_subject({}, o),
				text: m.draw_email_waitlisted_body({ what, where: where(release) }, o),
				listUnsubscribe: null
			};
		}
		return {
			to: line.entry.email,
			subject: m.draw_email_skipped_subject({}, o),
			text: m.draw_email_skipped_body({ what, reason: skippedReason(line.outcome, locale) }, o),
			listUnsubscribe: null
		};
	});
}

export function skippedReason(outcome: DrawOutcome, locale: Locale): string {
	const o = { locale };
	return outcome === 'limit'
		? m.draw_skipped_limit({}, o)
		: outcome === 'late_cancellations'
			? m.draw_skipped_late({}, o)
			: m.draw_skipped_booked({}, o);
}
