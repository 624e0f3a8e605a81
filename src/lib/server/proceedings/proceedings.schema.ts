import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	smallint,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { EVENT_KINDS, TYPE_CODES } from './proceeding-number';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A first-instance residence proceeding. The official lookup ignores the serial suffix and
 * leading zeros, so identity is (number, type, year); the suffix is kept only for display.
 */
export const proceedings = pgTable(
	'proceedings',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		number: integer('number').notNull(),
		serial: smallint('serial'),
		typeCode: text('type_code').notNull(),
		year: smallint('year').notNull(),
		birthDate: date('birth_date', { mode: 'string' }).notNull(),
		complex: boolean('complex').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('proceedings_identity').on(t.number, t.typeCode, t.year),
		check('proceedings_type_code', sql`${t.typeCode} in (${list(TYPE_CODES)})`),
		check('proceedings_number_range', sql`${t.number} between 0 and 999999`),
		check('proceedings_serial_range', sql`${t.serial} is null or ${t.serial} between 0 and 99`)
	]
);

/**
 * Dated events from the internal system. Status is derived from these, never stored:
 * events may arrive late or out of order. `externalId` makes an import idempotent.
 */
export const proceedingEvents = pgTable(
	'proceeding_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		proceedingId: uuid('proceeding_id')
			.notNull()
			.references(() => proceedings.id, { onDelete: 'cascade' }),
		externalId: text('external_id').notNull().unique(),
		kind: text('kind').notNull(),
		occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
		details: jsonb('details').$type<Record<string, string>>(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('proceeding_events_by_proceeding').on(t.proceedingId, t.occurredAt),
		check('proceeding_events_kind', sql`${t.kind} in (${list(EVENT_KINDS)})`)
	]
);
