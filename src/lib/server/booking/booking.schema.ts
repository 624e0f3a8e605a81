import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	serial,
	smallint,
	text
} from 'drizzle-orm/pg-core';

/** Opening hours per ISO weekday (1 = Monday … 7 = Sunday), each a list of [from, to] in Europe/Prague local time. */
export type WeeklyHours = Partial<
	Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [string, string][]>
>;

export const branches = pgTable('branches', {
	id: serial('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	region: text('region').notNull(),
	street: text('street').notNull(),
	postcode: text('postcode').notNull(),
	city: text('city').notNull(),
	latitude: text('latitude'),
	longitude: text('longitude'),
	takesBiometrics: boolean('takes_biometrics').notNull().default(false),
	hours: jsonb('hours').$type<WeeklyHours>().notNull(),
	active: boolean('active').notNull().default(true)
});

/** A bookable action (úkon). Its name and description live in messages/, keyed by slug. */
export const services = pgTable(
	'services',
	{
		id: serial('id').primaryKey(),
		slug: text('slug').notNull().unique(),
		durationMinutes: smallint('duration_minutes').notNull(),
		needsProceeding: boolean('needs_proceeding').notNull().default(false),
		biometricsOnly: boolean('biometrics_only').notNull().default(false),
		sortOrder: smallint('sort_order').notNull().default(0),
		active: boolean('active').notNull().default(true),
		/** Bookable from this many hours ahead (DOMAIN.md: 24). */
		minLeadHours: smallint('min_lead_hours').notNull().default(24),
		/** …up to this many days ahead (Prague calendar days). */
		horizonDays: smallint('horizon_days').notNull().default(60)
	},
	(t) => [
		check('services_duration_positive', sql`${t.durationMinutes} between 5 and 240`),
		check('services_lead', sql`${t.minLeadHours} between 0 and 720`),
		check('services_horizon', sql`${t.horizonDays} between 1 and 365`)
	]
);

export const branchServices = pgTable(
	'branch_services',
	{
		branchId: integer('branch_id')
			.notNull()
			.references(() => branches.id, { onDelete: 'cascade' }),
		serviceId: integer('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.branchId, t.serviceId] })]
);
