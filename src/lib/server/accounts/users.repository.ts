import { asc, eq, inArray, sql } from 'drizzle-orm';
import { branches } from '../booking/booking.schema';
import { getDb } from '../db';
import {
	staffBranches,
	staffRecoveryCodes,
	staffRoles,
	staffSessions,
	staffUsers
} from './accounts.schema';
import type { Role } from './roles';

export interface StaffUserRow {
	id: string;
	email: string;
	displayName: string;
	disabled: boolean;
	enrolled: boolean;
	roles: Role[];
	branchIds: number[];
}

const columns = {
	id: staffUsers.id,
	email: staffUsers.email,
	displayName: staffUsers.displayName,
	disabledAt: staffUsers.disabledAt,
	enrolled: sql<boolean>`${staffUsers.totpKey} is not null`,
	roles: sql<
		Role[]
	>`coalesce((select array_agg(r.role order by r.role) from ${staffRoles} r where r.user_id = ${staffUsers.id}), '{}')`,
	branchIds: sql<
		number[]
	>`coalesce((select array_agg(b.branch_id order by b.branch_id) from ${staffBranches} b where b.user_id = ${staffUsers.id}), '{}')`
};

const toRow = (r: {
	id: string;
	email: string;
	displayName: string;
	disabledAt: Date | null;
	enrolled: boolean;
	roles: Role[];
	branchIds: number[];
}): StaffUserRow => ({
	id: r.id,
	email: r.email,
	displayName: r.displayName,
	disabled: r.disabledAt !== null,
	enrolled: r.enrolled,
	roles: r.roles,
	branchIds: r.branchIds.map(Number)
});

export async function listStaffUsers(): Promise<StaffUserRow[]> {
	const rows = await getDb().select(columns).from(staffUsers).orderBy(asc(staffUsers.displayName));
	return rows.map(toRow);
}

export async function findStaffUser(id: string): Promise<StaffUserRow | null> {
	const [row] = await getDb().select(columns).from(staffUsers).where(eq(staffUsers.id, id));
	return row ? toRow(row) : null;
}

/** Creates the account with its roles and branches; null when the e-mail is taken. */
export async function insertStaffUser(input: {
	email: string;
	displayName: string;
	passwordHash: string;
	roles: Role[];
	branchIds: number[];
}): Promise<string | null> {
	return getDb().transaction(async (tx) => {
		const [user] = await tx
			.insert(staffUsers)
			.values({
				email: input.email,
				displayName: input.displayName,
				passwordHash: input.passwordHash
			})
			.onConflictDoNothing()
			.returning({ id: staffUsers.id });
		if (!user) return null;
		if (input.roles.length > 0) {
			await tx.insert(staffRoles).values(input.roles.map((role) => ({ userId: user.id, role })));
		}
		if (input.branchIds.length > 0) {
			await tx
				.insert(staffBranches)
				.values(input.branchIds.map((branchId) => ({ userId: user.id, branchId })));
		}
		return user.id;
	});
}

export async function replaceAccess(
	userId: string,
	roles: Role[],
	branchIds: number[]
): Promise<void> {
	await getDb().transaction(async (tx) => {
		await tx.delete(staffRoles).where(eq(staffRoles.userId, userId));
		await tx.delete(staffBranches).where(eq(staffBranches.userId, userId));
		if (roles.length > 0)
			await tx.insert(staffRoles).values(roles.map((role) => ({ userId, role })));
		if (branchIds.length > 0) {
			await tx.insert(staffBranches).values(branchIds.map((branchId) => ({ userId, branchId })));
		}
	});
}

/** Disables (or enables) the account; disabling ends its sessions in the same transaction. */
export async function setDisabled(userId: string, disabledAt: Date | null): Promise<void> {
	await getDb().transaction(async (tx) => {
		await tx.update(staffUsers).set({ disabledAt }).where(eq(staffUsers.id, userId));
		if (disabledAt) await tx.delete(staffSessions).where(eq(staffSessions.userId, userId));
	});
}

export async function setPassword(userId: string, passwordHash: string): Promise<void> {
	await getDb().transaction(async (tx) => {
		await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, userId));
		await tx.delete(staffSessions).where(eq(staffSessions.userId, userId));
	});
}

/** Forgets the authenticator and recovery codes: the next sign-in enrols again. */
export async function clearSecondFactor(userId: string): Promise<void> {
	await getDb().transaction(async (tx) => {
		await tx
			.update(staffUsers)
			.set({ totpKey: null, totpLastStep: null })
			.where(eq(staffUsers.id, userId));
		await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
		await tx.delete(staffSessions).where(eq(staffSessions.userId, userId));
	});
}

export async function existingBranchIds(ids: number[]): Promise<number[]> {
	if (ids.length === 0) return [];
	const rows = await getDb()
		.select({ id: branches.id })
		.from(branches)
		.where(inArray(branches.id, ids));
	return rows.map((r) => r.id);
}

/** Accounts by e-mail (case does not matter), for a data subject's access request. */
export async function staffUserIdsByEmail(email: string): Promise<string[]> {
	const rows = await getDb()
		.select({ id: staffUsers.id })
		.from(staffUsers)
		.where(sql`lower(${staffUsers.email}) = lower(${email})`);
	return rows.map((r) => r.id);
}

/** Names and e-mails of accounts by id (who did what, in the access records). */
export async function staffNames(
	ids: string[]
): Promise<{ id: string; displayName: string; email: string }[]> {
	if (ids.length === 0) return [];
	return getDb()
		.select({ id: staffUsers.id, displayName: staffUsers.displayName, email: staffUsers.email })
		.from(staffUsers)
		.where(inArray(staffUsers.id, ids));
}
