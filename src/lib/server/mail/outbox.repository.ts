import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { getDb, type Db } from '../db';
import { mailOutbox } from './outbox.schema';

export interface OutboxMessage {
	to: string;
	subject: string;
	text: string;
	/** https link for the `List-Unsubscribe` header; null for mails that are not alerts. */
	listUnsubscribe: string | null;
}

export interface ClaimedMessage extends OutboxMessage {
	id: number;
	attempts: number;
}

export interface StoredMessage extends OutboxMessage {
	id: number;
	createdAt: Date;
	sentAt: Date | null;
	attempts: number;
	lastError: string | null;
}

/** Past this many failed tries a message stays in the outbox for a person to look at. */
export const MAX_ATTEMPTS = 10;

/** Puts messages in the outbox; pass the transaction of the change they announce. */
export async function enqueueMail(messages: OutboxMessage[], db: Db = getDb()): Promise<void> {
	if (messages.length === 0) return;
	await db.insert(mailOutbox).values(
		messages.map((message) => ({
			toAddress: message.to,
			subject: message.subject,
			textBody: message.text,
			listUnsubscribe: message.listUnsubscribe
		}))
	);
}

const messageColumns = {
	id: mailOutbox.id,
	to: mailOutbox.toAddress,
	subject: mailOutbox.subject,
	text: mailOutbox.textBody,
	listUnsubscribe: mailOutbox.listUnsubscribe,
	attempts: mailOutbox.attempts
};

/**
 * Claims up to `limit` due messages for one sender until `lockedUntil`. SKIP LOCKED lets several
 * senders (instances) claim at once without waiting for, or taking, each other's rows.
 */
export async function claimDue(
	now: Date,
	lockedUntil: Date,
	limit: number,
	db: Db = getDb()
): Promise<ClaimedMessage[]> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.select(messageColumns)
			.from(mailOutbox)
			.where(
				and(
					isNull(mailOutbox.sentAt),
					lt(mailOutbox.attempts, MAX_ATTEMPTS),
					or(isNull(mailOutbox.lockedUntil), lte(mailOutbox.lockedUntil, now))
				)
			)
			.orderBy(mailOutbox.id)
			.limit(limit)
			.for('update', { skipLocked: true });
		if (rows.length === 0) return [];
		await tx
			.update(mailOutbox)
			.set({ lockedUntil })
			.where(
				inArray(
					mailOutbox.id,
					rows.map((r) => r.id)
				)
			);
		return rows;
	});
}

export async function markSent(id: number, at: Date, db: Db = getDb()): Promise<void> {
	await db
		.update(mailOutbox)
		.set({ sentAt: at, lockedUntil: null, lastError: null })
		.where(eq(mailOutbox.id, id));
}

/** A failed try: counted, with the error code only, and not retried before `retryAt`. */
export async function markFailed(
	id: number,
	code: string,
	retryAt: Date,
	db: Db = getDb()
): Promise<void> {
	await db
		.update(mailOutbox)
		.set({ attempts: sql`${mailOutbox.attempts} + 1`, lastError: code, lockedUntil: retryAt })
		.where(eq(mailOutbox.id, id));
}

/** The newest messages, for the demo mailbox. */
export async function recentMessages(limit: number, db: Db = getDb()): Promise<StoredMessage[]> {
	return db
		.select({
			...messageColumns,
			createdAt: mailOutbox.createdAt,
			sentAt: mailOutbox.sentAt,
			lastError: mailOutbox.lastError
		})
		.from(mailOutbox)
		.orderBy(desc(mailOutbox.id))
		.limit(limit);
}

/**
 * Messages sent, or given up on, before `before`: they hold addresses and live links, and a
 * delivered e-mail needs no copy here.
 */
export async function deleteFinishedBefore(before: Date, db: Db = getDb()): Promise<number> {
	const gone = await db
		.delete(mailOutbox)
		.where(
			or(
				lt(mailOutbox.sentAt, before),
				and(
					isNull(mailOutbox.sentAt),
					gte(mailOutbox.attempts, MAX_ATTEMPTS),
					lt(mailOutbox.createdAt, before)
				)
			)
		)
		.returning({ id: mailOutbox.id });
	return gone.length;
}
