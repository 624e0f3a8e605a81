import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Anonymous usage events for the yearly report. Never personal data: no numbers, names,
 * dates of birth, addresses or tokens — only kinds, outcomes, locales and coarse facets.
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
	(t) => [index('usage_events_kind_at').on(t.kind, t.at)]
);
