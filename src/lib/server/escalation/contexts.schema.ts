import { sql } from 'drizzle-orm';
import {
	check,
	index,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { bytea } from '../db/columns';
import { bookings } from '../booking/bookings.schema';
import { proceedings } from '../proceedings/proceedings.schema';

/**
 * What a person agreed to share with the hotline before calling (or asking for a callback). The
 * agent opens it by its six-digit code, read out on the phone, or by its link (only the token's
 * hash is stored). The code is unique among ACTIVE contexts only: it is released (set null) when
 * the context is withdrawn, or when a new context wants the code of an expired one.
 * A proceeding or booking is linked by id once the person has proved they hold it; the payload
 * is emptied some days after expiry (retention).
 */
export const callContexts = pgTable(
	'call_contexts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		code: text('code'),
		tokenHash: bytea('token_hash').notNull(),
		locale: text('locale').notNull(),
		pagePath: text('page_path').notNull(),
		topic: text('topic'),
		question: text('question'),
		proceedingId: uuid('proceeding_id').references(() => proceedings.id, { onDelete: 'set null' }),
		checklistSlug: text('checklist_slug'),
		/** Item keys the person ticked on their device. */
		checklistTicked: jsonb('checklist_ticked').$type<string[]>(),
		bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'set null' }),
		draftServiceSlug: text('draft_service_slug'),
		draftBranchSlug: text('draft_branch_slug'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
		purgedAt: timestamp('purged_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('call_contexts_code').on(t.code),
		uniqueIndex('call_contexts_token').on(t.tokenHash),
		index('call_contexts_expiry').on(t.expiresAt),
		check('call_contexts_code_digits', sql`${t.code} ~ '^[0-9]{6}$'`),
		check('call_contexts_question_length', sql`char_length(${t.question}) <= 280`),
		check('call_contexts_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`)
	]
);
