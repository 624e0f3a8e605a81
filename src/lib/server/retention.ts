import { CONFIRM_LINK_DAYS } from '../alerts';
import { deleteStaleSessions } from './accounts/accounts.repository';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from './accounts/sessions.service';
import { deleteUnconfirmedBefore } from './alerts/alerts.repository';
import { getDb } from './db';
import { log } from './log';
import { deleteFinishedBefore } from './mail/outbox.repository';
import { deleteExpiredLimits } from './rate-limit/limiter';

const DAY = 86_400_000;
/** How long a finished e-mail is kept, to answer "did you send it?" (then the address goes). */
export const SENT_MAIL_DAYS = 30;

export interface Purged {
	rateLimits: number;
	unconfirmedSubscriptions: number;
	finishedMail: number;
	staffSessions: number;
}

/**
 * Data minimisation (GDPR Art. 5(1)(c) and (e)): what no longer serves its purpose is deleted.
 * Idempotent, so every instance may run it.
 */
export async function purgeExpired(now: Date): Promise<Purged> {
	const db = getDb();
	const purged = {
		rateLimits: await deleteExpiredLimits(db, new Date(now.getTime() - 3_600_000)),
		unconfirmedSubscriptions: await deleteUnconfirmedBefore(
			new Date(now.getTime() - CONFIRM_LINK_DAYS * DAY),
			db
		),
		finishedMail: await deleteFinishedBefore(new Date(now.getTime() - SENT_MAIL_DAYS * DAY), db),
		staffSessions: await deleteStaleSessions(
			new Date(now.getTime() - IDLE_TIMEOUT_MS),
			new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS)
		)
	};
	log.info(purged, 'retention purge');
	return purged;
}
