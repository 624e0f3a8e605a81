import { sql } from 'drizzle-orm';
import {
	bigserial,
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { staffUsers } from '../accounts/accounts.schema';

/**
 * Anonymous usage events for the yearly report. Never personal data: no numbers, names,
 * dates of birth, addresses or tokens — only kinds, outcomes, locales and coarse facets.
 * Kept for RAW_EVENT_MONTHS (retention.ts); the daily rollups below are kept for good.
 */
export const usageEvents = pgTable(
	'usage_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		kind: text('kind').notNull(),
		locale: text('locale'),
		facets: jsonb('facets').$type<Record<string, string | number | boolean>>()
	},
	// Only by time: reports read the rollups, the rollup and the retention purge read by `at`.
	(t) => [index('usage_events_at').on(t.at)]
);

/**
 * Daily counts of usage events by Prague calendar day, kind, locale ('' when none) and facets:
 * what every report reads (docs/adr/0011). Rebuilt per day from raw events, so running the
 * rollup twice, or on two instances, gives the same rows.
 */
export const usageDaily = pgTable(
	'usage_daily',
	{
		day: date('day').notNull(),
		kind: text('kind').notNull(),
		locale: text('locale').notNull(),
		facets: jsonb('facets').$type<Record<string, string | number | boolean>>().notNull(),
		count: integer('count').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.day, t.kind, t.locale, t.facets] }),
		// Every report query asks for some kinds over a range of days.
		index('usage_daily_kind_day').on(t.kind, t.day)
	]
);

/**
 * Monthly counts, summed from `usage_daily` by the same run (docs/adr/0014): what a report over
 * whole months reads, so a year is twelve rows per facet set, not 365. `weekday` (ISO, 1–7) is
 * kept only for the kinds whose report shows a weekday × hour grid (hotline contacts); it is 0
 * for every other kind.
 */
export const usageMonthly = pgTable(
	'usage_monthly',
	{
		month: date('month').notNull(),
		kind: text('kind').notNull(),
		locale: text('locale').notNull(),
		weekday: smallint('weekday').notNull(),
		facets: jsonb('facets').$type<Record<string, string | number | boolean>>().notNull(),
		count: integer('count').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.month, t.kind, t.locale, t.weekday, t.facets] }),
		index('usage_monthly_kind_month').on(t.kind, t.month)
	]
);

/**
 * Proceedings past their legal deadline by type, as the deadline clock saw them at the start of
 * each Prague day (taken once a day by the rollup run): the trend a report shows, and what it
 * reads instead of walking every open proceeding.
 */
export const lateProceedingsDaily = pgTable(
	'late_proceedings_daily',
	{
		day: date('day').notNull(),
		typeCode: text('type_code').notNull(),
		late: integer('late').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.typeCode] })]
);

/** Daily searches per locale and folded term (spelling variants counted together). */
export const searchDaily = pgTable(
	'search_daily',
	{
		day: date('day').notNull(),
		locale: text('locale').notNull(),
		term: text('term').notNull(),
		searches: integer('searches').notNull(),
		zeroResults: integer('zero_results').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.locale, t.term] })]
);

/**
 * How far each rollup is final: days before `recompute_from` are never computed again (their
 * raw events may already be gone); that day and later are recomputed at every run.
 */
export const rollupState = pgTable('insights_rollup_state', {
	name: text('name').primaryKey(),
	recomputeFrom: date('recompute_from'),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
});

/**
 * Free comments of the satisfaction question, scrubbed of digits and e-mail addresses, by day
 * only: no address, session or link to a person. The score itself is a usage event.
 */
export const satisfactionComments = pgTable(
	'satisfaction_comments',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		day: date('day').notNull(),
		task: text('task').notNull(),
		locale: text('locale').notNull(),
		score: smallint('score').notNull(),
		comment: text('comment').notNull()
	},
	(t) => [
		index('satisfaction_comments_day').on(t.day),
		check('satisfaction_comments_score', sql`${t.score} between 1 and 5`)
	]
);

/** What one transaction costs by channel (an admin's estimate), in haléře (CZK/100). */
export const unitCosts = pgTable(
	'insights_unit_costs',
	{
		channel: text('channel').primaryKey(),
		costHalere: integer('cost_halere').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
		updatedBy: uuid('updated_by').references(() => staffUsers.id)
	},
	(t) => [
		check('insights_unit_costs_channel', sql`${t.channel} in ('web', 'hotline', 'branch')`),
		check('insights_unit_costs_positive', sql`${t.costHalere} >= 0`)
	]
);
