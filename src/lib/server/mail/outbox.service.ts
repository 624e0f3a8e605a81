import type { Db } from '../db';
import { log } from '../log';
import {
	claimDue,
	markFailed,
	markSent,
	recentMessages,
	type StoredMessage
} from './outbox.repository';

/** Other domains put mail in the outbox through here (in their own transaction if they pass one). */
export { enqueueMail, type OutboxMessage } from './outbox.repository';

/** What delivery needs of a nodemailer transport (a test may pass its own). */
export interface MailTransport {
	sendMail(message: {
		from: string;
		to: string;
		subject: string;
		text: string;
		headers?: Record<string, string>;
	}): Promise<unknown>;
}

/** A claimed message is this sender's for a minute; a crashed sender's rows come due again. */
const CLAIM_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/** 1, 2, 4 … minutes after the n-th failure, at most six hours. */
export function retryDelayMs(attempts: number): number {
	return Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Only a code: nodemailer's messages and SMTP replies may quote the address. `EENVELOPE:550`
 * says enough to act on.
 */
export function errorCode(error: unknown): string {
	const e = error as { code?: unknown; responseCode?: unknown } | null;
	const code = typeof e?.code === 'string' && /^[A-Z0-9_]{1,40}$/.test(e.code) ? e.code : 'unknown';
	return typeof e?.responseCode === 'number' ? `${code}:${e.responseCode}` : code;
}

export interface DeliveryOptions {
	/** The From header; config MAIL_FROM. */
	from: string;
	db?: Db;
}

/** Sends what is due in the outbox; each message is claimed first, so no two senders send it. */
export async function deliverPending(
	transport: MailTransport,
	now: Date,
	limit: number,
	options: DeliveryOptions
): Promise<{ sent: number; failed: number }> {
	const claimed = await claimDue(now, new Date(now.getTime() + CLAIM_MS), limit, options.db);
	let sent = 0;
	let failed = 0;
	for (const message of claimed) {
		try {
			await transport.sendMail({
				from: options.from,
				to: message.to,
				subject: message.subject,
				text: message.text,
				...(message.listUnsubscribe
					? { headers: { 'List-Unsubscribe': `<${message.listUnsubscribe}>` } }
					: {})
			});
		} catch (error) {
			const code = errorCode(error);
			const attempts = message.attempts + 1;
			await markFailed(
				message.id,
				code,
				new Date(now.getTime() + retryDelayMs(attempts)),
				options.db
			);
			log.warn({ mailId: message.id, attempts, code }, 'mail not sent');
			failed++;
			continue;
		}
		await markSent(message.id, now, options.db);
		sent++;
	}
	if (sent > 0) log.info({ sent }, 'mail sent');
	return { sent, failed };
}

/** The demo mailbox: the newest messages of the outbox. */
export async function latestMessages(limit = 50): Promise<StoredMessage[]> {
	return recentMessages(limit);
}
