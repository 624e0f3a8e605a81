import { CONFIRM_LINK_DAYS } from '../alerts';
import { deleteStaleSessions } from './accounts/accounts.repository';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from './accounts/sessions.service';
import { deleteUnconfirmedBefore } from './alerts/alerts.repository';
import { deleteCallbacksBefore } from './escalation/callbacks.repository';
import { purgeContextsExpiredBefore } from './escalation/contexts.repository';
import { log } from './log';
import { fromPrague, pragueDate, toPrague } from '../time/prague';
import { deleteRawBefore } from './insights/rollup.repository';
import { refreshRollups, snapshotLate } from './insights/rollup.service';
import { deleteFinishedBefore } from './mail/outbox.repository';
import { deleteExpiredLimits } from './rate-limit/limiter';

const DAY = 86_400_000;
/** How long a finished e-mail is kept, to answer "did you send it?" (then the address goes). */
export const SENT_MAIL_DAYS = 30;
/** A hotline context's payload is kept a week past expiry (a callback's call, questions), then erased. */
export const CONTEXT_PAYLOAD_DAYS = 7;
/** Callback requests (the phone number) are deleted 30 days after they left the queue. */
export const CALLBACK_DAYS = 30;

/**
 * Raw anonymous events, search queries and satisfaction comments are kept 25 months (a full
 * previous year to compare with, plus a month to correct it); their daily rollups are kept for
 * good (docs/adr/0011). Never a day that is not rolled up yet.
 */
export const RAW_EVENT_MONTHS = 25;

/** The start (Prague midnight) of the first day whose raw events are still kept. */
export function rawEventsCutoff(now: Date): Date {
	const p = toPrague(now);
	const day = new Date(Date.UTC(p.year, p.month - 1 - RAW_EVENT_MONTHS, p.day));
	return fromPrague(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

export interface Purged {
	rateLimits: number;
	unconfirmedSubscriptions: number;
	finishedMail: number;
	staffSessions: number;
	hotlineContexts: number;
	callbackRequests: number;
	usageEvents: number;
	searchQueries: number;
	satisfactionComments: number;
}

/**
 * Data minimisation (GDPR Art. 5(1)(c) and (e)): what no longer serves its purpose is deleted.
 * Idempotent, so every instance may run it.
 */
export async function purgeExpired(now: Date): Promise<Purged> {
	await refreshRollups(now);
	await snapshotLate(pragueDate(now));
	const raw = await deleteRawBefore(rawEventsCutoff(now));
	const purged = {
		rateLimits: await deleteExpiredLimits(new Date(now.getTime() - 3_600_000)),
		unconfirmedSubscriptions: await deleteUnconfirmedBefore(
			new Date(now.getTime() - CONFIRM_LINK_DAYS * DAY)
		),
		finishedMail: await deleteFinishedBefore(new Date(now.getTime() - SENT_MAIL_DAYS * DAY)),
		staffSessions: await deleteStaleSessions(
			new Date(now.getTime() - IDLE_TIMEOUT_MS),
			new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS)
		),
		hotlineContexts: await purgeContextsExpiredBefore(
			new Date(now.getTime() - CONTEXT_PAYLOAD_DAYS * DAY),
			now
		),
		callbackRequests: await deleteCallbacksBefore(new Date(now.getTime() - CALLBACK_DAYS * DAY)),
		usageEvents: raw.events,
		searchQueries: raw.searches,
		satisfactionComments: raw.comments
	};
	log.info(purged, 'retention purge');
	return purged;
}
