import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../db/columns';
import { proceedings } from '../proceedings/proceedings.schema';

/**
 * E-mail alerts on a proceeding's status. Tokens are stored only as SHA-256 hashes; the e-mail
 * is the one piece of personal data, kept until the person unsubscribes (or the proceeding goes).
 */
export const statusSubscriptions = pgTable(
	'status_subscriptions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		proceedingId: uuid('proceeding_id')
			.notNull()
			.references(() => proceedings.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		locale: text('locale').notNull(),
		confirmTokenHash: bytea('confirm_token_hash').notNull().unique(),
		unsubscribeTokenHash: bytea('unsubscribe_token_hash').notNull().unique(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
		/** The stage the person last heard of (at sign-up, or in the last alert). */
		lastNotifiedStage: text('last_notified_stage')
	},
	(t) => [
		uniqueIndex('status_subscriptions_live')
			.on(t.proceedingId, sql`lower(${t.email})`)
			.where(sql`${t.unsubscribedAt} is null`),
		index('status_subscriptions_by_proceeding').on(t.proceedingId),
		check('status_subscriptions_locale', sql`${t.locale} in ('cs', 'en', 'uk', 'ru', 'vi')`)
	]
);
