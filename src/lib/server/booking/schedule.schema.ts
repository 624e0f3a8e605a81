import { sql } from 'drizzle-orm';
import {
	bigserial,
	check,
	date,
	index,
	integer,
	pgTable,
	serial,
	smallint,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { staffUsers } from '../accounts/accounts.schema';
import { branches, services } from './booking.schema';

/**
 * A weekly rule of a branch for one action: on `weekday` (ISO, 1 = Monday) from `starts` to
 * `ends` (Europe/Prague wall-clock `HH:MM`), slots of `slot_minutes`, each with `capacity`
 * counters, while `valid_from` ≤ date ≤ `valid_to`.
 */
export const scheduleRules = pgTable(
	'schedule_rules',
	{
		id: serial('id').primaryKey(),
		branchId: integer('branch_id')
			.notNull()
			.references(() => branches.id, { onDelete: 'cascade' }),
		serviceId: integer('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' }),
		weekday: smallint('weekday').notNull(),
		starts: text('starts').notNull(),
		ends: text('ends').notNull(),
		slotMinutes: smallint('slot_minutes').notNull(),
		capacity: smallint('capacity').notNull(),
		validFrom: date('valid_from').notNull(),
		validTo: date('valid_to'),
		createdBy: uuid('created_by').references(() => staffUsers.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('schedule_rules_weekday', sql`${t.weekday} between 1 and 7`),
		check(
			'schedule_rules_times',
			sql`${t.starts} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and ${t.ends} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and ${t.starts} < ${t.ends}`
		),
		check('schedule_rules_slot', sql`${t.slotMinutes} between 5 and 240`),
		check('schedule_rules_capacity', sql`${t.capacity} between 1 and 50`),
		check('schedule_rules_validity', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
		index('schedule_rules_branch').on(t.branchId)
	]
);

/** Days a branch is closed (whole days, Europe/Prague dates, inclusive). */
export const closures = pgTable(
	'closures',
	{
		id: serial('id').primaryKey(),
		branchId: integer('branch_id')
			.notNull()
			.references(() => branches.id, { onDelete: 'cascade' }),
		fromDate: date('from_date').notNull(),
		toDate: date('to_date').notNull(),
		reason: text('reason').notNull(),
		createdBy: uuid('created_by').references(() => staffUsers.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('closures_range', sql`${t.toDate} >= ${t.fromDate}`),
		index('closures_branch').on(t.branchId, t.fromDate)
	]
);

/**
 * Bookable capacity: one row per branch, action and start. `booked` can never exceed `capacity`
 * nor go below zero — the database refuses it (check constraint), whatever the application does.
 */
export const slots = pgTable(
	'slots',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		branchId: integer('branch_id')
			.notNull()
			.references(() => branches.id, { onDelete: 'cascade' }),
		serviceId: integer('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		capacity: integer('capacity').notNull(),
		booked: integer('booked').notNull().default(0),
		/**
		 * Seats kept for the hotline and the counter (a release's share, docs/adr/0009): counted in
		 * `booked`, so no web hold can take them; a hotline or counter hold takes one of these first.
		 */
		reserved: integer('reserved').notNull().default(0)
	},
	(t) => [
		unique('slots_branch_service_start').on(t.branchId, t.serviceId, t.startsAt),
		check('slots_booked_within_capacity', sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
		check('slots_reserved_within_booked', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.booked}`),
		check('slots_times', sql`${t.endsAt} > ${t.startsAt}`),
		index('slots_branch_start').on(t.branchId, t.startsAt)
	]
);
