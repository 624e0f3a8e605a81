import { sql } from 'drizzle-orm';
import {
	bigserial,
	check,
	index,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { staffUsers } from '../accounts/accounts.schema';
import { bytea } from '../db/columns';
import { callContexts } from './contexts.schema';
import { ATTEMPT_RESULTS, CALLBACK_OUTCOMES } from './taxonomy';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A person asked to be called back, at any time or within a window (Prague date and hours). The
 * queue is the unfinished requests whose `next_attempt_at` has come; an agent claims one with
 * FOR UPDATE SKIP LOCKED, and a claim left unfinished for 30 minutes may be claimed again.
 * State comes from the timestamps: claimed, finished (with the outcome).
 */
export const callbackRequests = pgTable(
	'callback_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** The person's handle to withdraw the request; only the hash is stored. */
		tokenHash: bytea('token_hash').notNull(),
		/** E.164; emptied when the request is withdrawn. */
		phone: text('phone').notNull(),
		locale: text('locale').notNull(),
		windowStart: timestamp('window_start', { withTimezone: true }),
		windowEnd: timestamp('window_end', { withTimezone: true }),
		contextId: uuid('context_id').references(() => callContexts.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
		claimedBy: uuid('claimed_by').references(() => staffUsers.id),
		claimedAt: timestamp('claimed_at', { withTimezone: true }),
		finishedAt: timestamp('finished_at', { withTimezone: true }),
		outcome: text('outcome')
	},
	(t) => [
		uniqueIndex('callback_requests_token').on(t.tokenHash),
		index('callback_requests_queue')
			.on(t.nextAttemptAt, t.createdAt)
			.where(sql`${t.finishedAt} is null`),
		check(
			'callback_requests_window',
			sql`(${t.windowStart} is null and ${t.windowEnd} is null) or ${t.windowEnd} > ${t.windowStart}`
		),
		check(
			'callback_requests_outcome',
			sql`(${t.finishedAt} is null and ${t.outcome} is null) or ${t.outcome} in (${list(CALLBACK_OUTCOMES)})`
		)
	]
);

/** Each try at calling back: when, who, and whether the person answered. */
export const callbackAttempts = pgTable(
	'callback_attempts',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		callbackId: uuid('callback_id')
			.notNull()
			.references(() => callbackRequests.id, { onDelete: 'cascade' }),
		agentId: uuid('agent_id')
			.notNull()
			.references(() => staffUsers.id),
		at: timestamp('at', { withTimezone: true }).notNull(),
		result: text('result').notNull()
	},
	(t) => [
		index('callback_attempts_callback').on(t.callbackId),
		check('callback_attempts_result', sql`${t.result} in (${list(ATTEMPT_RESULTS)})`)
	]
);
