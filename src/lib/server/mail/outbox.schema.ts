import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * E-mails waiting to be sent, written in the same transaction as the change they announce, so
 * a message is never lost nor sent for a change that rolled back. `last_error` is an error code
 * only: SMTP replies may quote the address.
 */
export const mailOutbox = pgTable(
	'mail_outbox',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		toAddress: text('to_address').notNull(),
		subject: text('subject').notNull(),
		textBody: text('text_body').notNull(),
		/** The https link for the `List-Unsubscribe` header (RFC 2369), when the mail is an alert. */
		listUnsubscribe: text('list_unsubscribe'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		/** Claimed by a sender until then; also the time of the next try after a failure. */
		lockedUntil: timestamp('locked_until', { withTimezone: true })
	},
	(t) => [
		index('mail_outbox_pending')
			.on(t.lockedUntil, t.id)
			.where(sql`${t.sentAt} is null`)
	]
);
