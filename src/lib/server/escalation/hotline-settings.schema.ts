import { bigserial, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staffUsers } from '../accounts/accounts.schema';
import type { WeeklyHours } from '../booking/booking.schema';
import type { HotlineLine } from './hotline';

/**
 * The hotline's official numbers and weekly hours as an admin saved them: one row per save, the
 * newest in force, so who changed what and when stays readable. No rows: the env configuration
 * (HOTLINE_LINES, HOTLINE_HOURS) is in force.
 */
export const hotlineSettings = pgTable('hotline_settings', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	/** E.164 numbers, each with the locales it answers in. */
	lines: jsonb('lines').$type<HotlineLine[]>().notNull(),
	hours: jsonb('hours').$type<WeeklyHours>().notNull(),
	savedBy: uuid('saved_by')
		.notNull()
		.references(() => staffUsers.id),
	savedAt: timestamp('saved_at', { withTimezone: true }).notNull()
});
