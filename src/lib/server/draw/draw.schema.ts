import { sql } from 'drizzle-orm';
import {
	bigint,
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	serial,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { staffUsers } from '../accounts/accounts.schema';
import { branches, services } from '../booking/booking.schema';
import { bookings, personColumns } from '../booking/bookings.schema';
import { slots } from '../booking/schedule.schema';
import { bytea } from '../db/columns';

/**
 * A release (issue 13): a branch's times of one action between two dates, given by one draw
 * among the people who entered within the window instead of first come, first served. The
 * seed is secret until the draw; its SHA-256 (the commitment) is public from the window's
 * opening. `drawn_at` is set by the one transaction that makes the draw (docs/adr/0009).
 */
export const releases = pgTable(
	'releases',
	{
		id: serial('id').primaryKey(),
		branchId: integer('branch_id')
			.notNull()
			.references(() => branches.id),
		serviceId: integer('service_id')
			.notNull()
			.references(() => services.id),
		fromDate: date('from_date').notNull(),
		toDate: date('to_date').notNull(),
		opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
		closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
		drawAt: timestamp('draw_at', { withTimezone: true }).notNull(),
		/** Percent of each slot's capacity kept out of the draw for the hotline and the counter. */
		phoneSharePercent: smallint('phone_share_percent').notNull().default(0),
		seed: bytea('seed').notNull(),
		/** SHA-256 of the seed, lowercase hex. */
		commitment: text('commitment').notNull(),
		createdBy: uuid('created_by').references(() => staffUsers.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		drawnAt: timestamp('drawn_at', { withTimezone: true })
	},
	(t) => [
		check('releases_range', sql`${t.toDate} >= ${t.fromDate}`),
		check('releases_window', sql`${t.opensAt} < ${t.closesAt} and ${t.closesAt} <= ${t.drawAt}`),
		check('releases_phone_share', sql`${t.phoneSharePercent} between 0 and 90`),
		index('releases_branch').on(t.branchId, t.serviceId)
	]
);

/**
 * The seats a release took out of first-come booking (they count in `slots.booked` from the
 * release's creation, so no hold can take them); `given` of them became bookings at the draw
 * and the rest went back to the branch's pool.
 */
export const releaseSeats = pgTable(
	'release_seats',
	{
		releaseId: integer('release_id')
			.notNull()
			.references(() => releases.id, { onDelete: 'cascade' }),
		slotId: bigint('slot_id', { mode: 'number' })
			.notNull()
			.references(() => slots.id, { onDelete: 'cascade' }),
		seats: integer('seats').notNull(),
		given: integer('given').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.releaseId, t.slotId] }),
		check('release_seats_given', sql`${t.given} >= 0 and ${t.given} <= ${t.seats}`)
	]
);

/** Which times suit an entrant: ISO weekdays and parts of the day, each empty meaning "any". */
export interface DrawPreferences {
	weekdays: number[];
	parts: ('morning' | 'afternoon')[];
}

export const DRAW_OUTCOMES = [
	'won',
	'waitlisted',
	'already_booked',
	'limit',
	'late_cancellations'
] as const;
export type DrawOutcome = (typeof DRAW_OUTCOMES)[number];

/**
 * Which of the entrant's wishes the seat given to them met, recorded at the draw (the staff's
 * result: "to which preference"): any time, or the weekdays and/or the part of the day they chose.
 */
export const DRAW_MATCHES = ['any', 'weekday', 'part', 'weekday_part'] as const;
export type DrawMatch = (typeof DRAW_MATCHES)[number];

/**
 * One entry per identity per release (`person_key` as the booking rules key a person): entering
 * again changes the entry. `public_id` is random and shown after the draw; the order is derived
 * from it and the seed only.
 */
export const drawEntries = pgTable(
	'draw_entries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		releaseId: integer('release_id')
			.notNull()
			.references(() => releases.id, { onDelete: 'cascade' }),
		publicId: text('public_id').notNull(),
		tokenHash: bytea('token_hash').notNull(),
		...personColumns(),
		proceedingNumber: text('proceeding_number'),
		locale: text('locale').notNull(),
		preferences: jsonb('preferences').$type<DrawPreferences>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
		/** Set by the draw: place in the order (1 = first), outcome, and the booking if won. */
		position: integer('position'),
		outcome: text('outcome').$type<DrawOutcome>(),
		bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'set null' }),
		/** For a won entry: which of its wishes the seat met. */
		matched: text('matched').$type<DrawMatch>()
	},
	(t) => [
		uniqueIndex('draw_entries_one_per_person').on(t.releaseId, t.personKey),
		uniqueIndex('draw_entries_public_id').on(t.releaseId, t.publicId),
		uniqueIndex('draw_entries_token').on(t.tokenHash),
		check(
			'draw_entries_matched',
			sql`${t.matched} is null or (${t.outcome} = 'won' and ${t.matched} in ('any', 'weekday', 'part', 'weekday_part'))`
		),
		check(
			'draw_entries_outcome',
			sql`${t.outcome} is null or ${t.outcome} in ('won', 'waitlisted', 'already_booked', 'limit', 'late_cancellations')`
		)
	]
);
