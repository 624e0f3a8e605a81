import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { bytea } from '../db/columns';
import { branches, services } from './booking.schema';
import { slots } from './schedule.schema';

/**
 * A seat held for 10 minutes while the person fills in their details. Holding took the seat
 * (`slots.booked + 1`); deleting an expired hold gives it back, exactly once (the delete is
 * the claim).
 */
export const bookingHolds = pgTable(
	'booking_holds',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		slotId: bigint('slot_id', { mode: 'number' })
			.notNull()
			.references(() => slots.id, { onDelete: 'cascade' }),
		tokenHash: bytea('token_hash').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		/** What the person typed on the details page, until they confirm; gone with the hold. */
		details: jsonb('details').$type<Record<string, string | null>>(),
		/** Taken from the slot's hotline/counter reserve: giving the hold back refills the reserve. */
		reserved: boolean('reserved').notNull().default(false)
	},
	(t) => [
		uniqueIndex('booking_holds_token').on(t.tokenHash),
		index('booking_holds_expiry').on(t.expiresAt)
	]
);

/**
 * Who the person is, kept alike by a booking and a draw entry (one details form, one
 * `person_key`); a function, so each table builds columns of its own.
 */
export const personColumns = () => ({
	personKey: text('person_key').notNull(),
	fullName: text('full_name').notNull(),
	birthDate: date('birth_date').notNull(),
	nationality: text('nationality').notNull(),
	documentNumber: text('document_number').notNull(),
	email: text('email').notNull()
});

export const CHANNELS = ['web', 'hotline', 'branch'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * A confirmed appointment. Its state is derived from its timestamps (cancelled, checked in,
 * done, no-show), never overwritten. The person is identified for the booking rules by
 * `person_key`, an HMAC of travel-document number and date of birth.
 */
export const bookings = pgTable(
	'bookings',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		slotId: bigint('slot_id', { mode: 'number' })
			.notNull()
			.references(() => slots.id),
		branchId: integer('branch_id')
			.notNull()
			.references(() => branches.id),
		serviceId: integer('service_id')
			.notNull()
			.references(() => services.id),
		reference: text('reference').notNull(),
		tokenHash: bytea('token_hash').notNull(),
		...personColumns(),
		phone: text('phone'),
		proceedingNumber: text('proceeding_number'),
		locale: text('locale').notNull(),
		channel: text('channel').$type<Channel>().notNull(),
		idempotencyKey: text('idempotency_key'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
		/** Who cancelled: the person (counts towards the late-cancellation rule) or the branch. */
		cancelledBy: text('cancelled_by').$type<'person' | 'branch'>(),
		checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		noShowAt: timestamp('no_show_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('bookings_reference').on(t.reference),
		uniqueIndex('bookings_token').on(t.tokenHash),
		uniqueIndex('bookings_idempotency').on(t.idempotencyKey),
		// One active booking per person and action, whatever races the application loses.
		uniqueIndex('bookings_one_active_per_person')
			.on(t.personKey, t.serviceId)
			.where(sql`${t.cancelledAt} is null and ${t.completedAt} is null and ${t.noShowAt} is null`),
		index('bookings_slot').on(t.slotId),
		index('bookings_person').on(t.personKey, t.createdAt),
		check('bookings_channel', sql`${t.channel} in ('web', 'hotline', 'branch')`),
		check(
			'bookings_cancelled_by',
			sql`(${t.cancelledAt} is null) = (${t.cancelledBy} is null) and ${t.cancelledBy} in ('person', 'branch')`
		)
	]
);
