import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { bytea } from '../db/columns';
import { branches } from '../booking/booking.schema';
import { ROLES } from './roles';

export const staffUsers = pgTable(
	'staff_users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		email: text('email').notNull(),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash').notNull(),
		/** Sealed with APP_SECRET (security/tokens.ts); null until the person enrols. */
		totpKey: bytea('totp_key'),
		/** The last TOTP time step accepted: a code is never accepted twice. */
		totpLastStep: integer('totp_last_step'),
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('staff_users_email').on(sql`lower(${t.email})`)]
);

export const staffRoles = pgTable(
	'staff_roles',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => staffUsers.id, { onDelete: 'cascade' }),
		role: text('role').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.role] }),
		check('staff_roles_role', sql`${t.role} in (${sql.raw(ROLES.map((r) => `'${r}'`).join(', '))})`)
	]
);

/** Branch scope of a branch-staff account. */
export const staffBranches = pgTable(
	'staff_branches',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => staffUsers.id, { onDelete: 'cascade' }),
		branchId: integer('branch_id')
			.notNull()
			.references(() => branches.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.userId, t.branchId] })]
);

/** Lucia's session design: the id is public, only a SHA-256 of the secret is stored. */
export const staffSessions = pgTable(
	'staff_sessions',
	{
		id: text('id').primaryKey(),
		secretHash: bytea('secret_hash').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => staffUsers.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
		secondFactorAt: timestamp('second_factor_at', { withTimezone: true })
	},
	(t) => [index('staff_sessions_user').on(t.userId)]
);

/** One-time recovery codes for a lost authenticator; only their SHA-256 is stored. */
export const staffRecoveryCodes = pgTable(
	'staff_recovery_codes',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => staffUsers.id, { onDelete: 'cascade' }),
		codeHash: bytea('code_hash').notNull(),
		usedAt: timestamp('used_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.userId, t.codeHash] })]
);
