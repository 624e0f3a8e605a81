import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Throttle counters (the layout of rate-limiter-flexible's Drizzle store), shared by every instance. Keys are keyed hashes of
 * addresses and identifiers (never the raw values), so the table holds no personal data.
 */
export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	points: integer('points').notNull().default(0),
	expire: timestamp('expire', { withTimezone: true })
});
