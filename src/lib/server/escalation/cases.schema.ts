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
import { callbackRequests } from './callbacks.schema';
import { callContexts } from './contexts.schema';
import { FLAGS, OUTCOMES, TOPICS } from './taxonomy';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * The hotline's record of one conversation: the topics from a fixed list, the outcome, notes and
 * problem flags. One case per shared context (and per callback request): every agent who opens
 * the context works on the same case.
 */
export const hotlineCases = pgTable(
	'hotline_cases',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		contextId: uuid('context_id').references(() => callContexts.id),
		callbackId: uuid('callback_id').references(() => callbackRequests.id, {
			onDelete: 'set null'
		}),
		channel: text('channel').notNull(),
		openedBy: uuid('opened_by')
			.notNull()
			.references(() => staffUsers.id),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
		topics: text('topics')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		outcome: text('outcome'),
		outcomeBy: uuid('outcome_by').references(() => staffUsers.id),
		outcomeAt: timestamp('outcome_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('hotline_cases_context').on(t.contextId),
		uniqueIndex('hotline_cases_callback').on(t.callbackId),
		index('hotline_cases_opened').on(t.openedAt),
		check('hotline_cases_channel', sql`${t.channel} in ('call', 'callback')`),
		check('hotline_cases_topics', sql`${t.topics} <@ array[${list(TOPICS)}]::text[]`),
		check('hotline_cases_outcome', sql`${t.outcome} is null or ${t.outcome} in (${list(OUTCOMES)})`)
	]
);

/** What an agent wrote down; never part of any statistic. */
export const caseNotes = pgTable(
	'case_notes',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => hotlineCases.id, { onDelete: 'cascade' }),
		agentId: uuid('agent_id')
			.notNull()
			.references(() => staffUsers.id),
		at: timestamp('at', { withTimezone: true }).notNull(),
		body: text('body').notNull()
	},
	(t) => [
		index('case_notes_case').on(t.caseId),
		check('case_notes_length', sql`char_length(${t.body}) between 1 and 2000`)
	]
);

/** A sign of a problem on a case, once per kind. */
export const caseFlags = pgTable(
	'case_flags',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => hotlineCases.id, { onDelete: 'cascade' }),
		flag: text('flag').notNull(),
		agentId: uuid('agent_id')
			.notNull()
			.references(() => staffUsers.id),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(t) => [
		uniqueIndex('case_flags_once').on(t.caseId, t.flag),
		check('case_flags_flag', sql`${t.flag} in (${list(FLAGS)})`)
	]
);
