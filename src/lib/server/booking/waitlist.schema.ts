import { sql } from 'drizzle-orm';
import {
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	smallint,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { branches, services } from './booking.schema';
import type { DrawPreferences } from '../draw/draw.schema';

/**
 * People waiting for a seat at a branch for an action, between two dates. Fair order: those a
 * branch closure cancelled first (`priority` 1), then first come, first served. A freed seat is
 * offered to the first of them as a hold, by e-mail.
 */
export const waitlistEntries = pgTable(
	'waitlist_entries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: integer('service_id')
			.notNull()
			.references(() => services.id),
		branchId: integer('branch_id')
			.notNull()
			.references(() => branches.id),
		fromDate: date('from_date').notNull(),
		toDate: date('to_date').notNull(),
		email: text('email').notNull(),
		locale: text('locale').notNull(),
		priority: smallint('priority').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		offeredAt: timestamp('offered_at', { withTimezone: true }),
		/** Which times suit (someone a draw left over); null: any time between the dates. */
		preferences: jsonb('preferences').$type<DrawPreferences>()
	},
	(t) => [
		check('waitlist_range', sql`${t.toDate} >= ${t.fromDate}`),
		index('waitlist_queue').on(t.serviceId, t.branchId, t.priority, t.createdAt)
	]
);
