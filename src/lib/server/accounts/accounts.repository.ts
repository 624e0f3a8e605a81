import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb } from '../db';
import {
	staffBranches,
	staffRecoveryCodes,
	staffRoles,
	staffSessions,
	staffUsers
} from './accounts.schema';
import type { Role } from './roles';

export interface SignInRecord {
	id: string;
	passwordHash: string;
	disabled: boolean;
}

export async function findUserForSignIn(email: string): Promise<SignInRecord | null> {
	const [row] = await getDb()
		.select({
			id: staffUsers.id,
			passwordHash: staffUsers.passwordHash,
			disabledAt: staffUsers.disabledAt
		})
		.from(staffUsers)
		.where(sql`lower(${staffUsers.email}) = lower(${email})`)
		.limit(1);
	return row
		? { id: row.id, passwordHash: row.passwordHash, disabled: row.disabledAt !== null }
		: null;
}

export async function insertSession(row: {
	id: string;
	secretHash: Uint8Array;
	userId: string;
	at: Date;
}): Promise<void> {
	await getDb().insert(staffSessions).values({
		id: row.id,
		secretHash: row.secretHash,
		userId: row.userId,
		createdAt: row.at,
		lastUsedAt: row.at
	});
}

export interface SessionRecord {
	id: string;
	secretHash: Uint8Array;
	createdAt: Date;
	lastUsedAt: Date;
	secondFactorAt: Date | null;
	user: {
		id: string;
		email: string;
		displayName: string;
		disabled: boolean;
		totpKey: Uint8Array | null;
		totpLastStep: number | null;
	};
	roles: Role[];
	branchIds: number[];
}

export async function findSession(id: string): Promise<SessionRecord | null> {
	const [row] = await getDb()
		.select({
			id: staffSessions.id,
			secretHash: staffSessions.secretHash,
			createdAt: staffSessions.createdAt,
			lastUsedAt: staffSessions.lastUsedAt,
			secondFactorAt: staffSessions.secondFactorAt,
			userId: staffUsers.id,
			email: staffUsers.email,
			displayName: staffUsers.displayName,
			disabledAt: staffUsers.disabledAt,
			totpKey: staffUsers.totpKey,
			totpLastStep: staffUsers.totpLastStep,
			roles: sql<
				Role[]
			>`coalesce((select array_agg(r.role order by r.role) from ${staffRoles} r where r.user_id = ${staffUsers.id}), '{}')`,
			branchIds: sql<
				number[]
			>`coalesce((select array_agg(b.branch_id order by b.branch_id) from ${staffBranches} b where b.user_id = ${staffUsers.id}), '{}')`
		})
		.from(staffSessions)
		.innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
		.where(eq(staffSessions.id, id))
		.limit(1);
	if (!row) return null;
	return {
		id: row.id,
		secretHash: row.secretHash,
		createdAt: row.createdAt,
		lastUsedAt: row.lastUsedAt,
		secondFactorAt: row.secondFactorAt,
		user: {
			id: row.userId,
			email: row.email,
			displayName: row.displayName,
			disabled: row.disabledAt !== null,
			totpKey: row.totpKey,
			totpLastStep: row.totpLastStep
		},
		roles: row.roles,
		branchIds: row.branchIds.map(Number)
	};
}

export async function touchSession(id: string, at: Date): Promise<void> {
	await getDb().update(staffSessions).set({ lastUsedAt: at }).where(eq(staffSessions.id, id));
}

/**
 * The second factor is done: the session gets a new id and secret in the same statement (the
 * token that was used before it no longer opens anything); its sign-in time stays.
 */
export async function markSecondFactor(
	id: string,
	renewed: { id: string; secretHash: Uint8Array },
	at: Date
): Promise<void> {
	await getDb()
		.update(staffSessions)
		.set({ id: renewed.id, secretHash: renewed.secretHash, secondFactorAt: at, lastUsedAt: at })
		.where(eq(staffSessions.id, id));
}

export async function deleteSession(id: string): Promise<void> {
	await getDb().delete(staffSessions).where(eq(staffSessions.id, id));
}

export async function deleteUserSessions(userId: string): Promise<number> {
	const gone = await getDb()
		.delete(staffSessions)
		.where(eq(staffSessions.userId, userId))
		.returning({ id: staffSessions.id });
	return gone.length;
}

/** Sessions past their idle timeout or absolute cap (retention). */
export async function deleteStaleSessions(idleBefore: Date, createdBefore: Date): Promise<number> {
	const gone = await getDb()
		.delete(staffSessions)
		.where(or(lt(staffSessions.lastUsedAt, idleBefore), lt(staffSessions.createdAt, createdBefore)))
		.returning({ id: staffSessions.id });
	return gone.length;
}

/**
 * Records that a TOTP step was used, only if it is newer than the last one: of two requests
 * with the same code, exactly one wins (conditional update, no read-then-write).
 */
export async function claimTotpStep(userId: string, step: number): Promise<boolean> {
	const rows = await getDb()
		.update(staffUsers)
		.set({ totpLastStep: step })
		.where(
			and(
				eq(staffUsers.id, userId),
				or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))
			)
		)
		.returning({ id: staffUsers.id });
	return rows.length === 1;
}

/** Stores a confirmed second factor with fresh recovery codes, replacing any earlier ones. */
export async function saveSecondFactor(
	userId: string,
	sealedKey: Uint8Array,
	step: number,
	recoveryHashes: Uint8Array[]
): Promise<void> {
	await getDb().transaction(async (tx) => {
		await tx
			.update(staffUsers)
			.set({ totpKey: sealedKey, totpLastStep: step })
			.where(eq(staffUsers.id, userId));
		await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
		await tx
			.insert(staffRecoveryCodes)
			.values(recoveryHashes.map((codeHash) => ({ userId, codeHash })));
	});
}

/** Uses a recovery code once: a conditional update, so a code can never serve twice. */
export async function useRecoveryCode(
	userId: string,
	codeHash: Uint8Array,
	at: Date
): Promise<boolean> {
	const rows = await getDb()
		.update(staffRecoveryCodes)
		.set({ usedAt: at })
		.where(
			and(
				eq(staffRecoveryCodes.userId, userId),
				eq(staffRecoveryCodes.codeHash, codeHash),
				isNull(staffRecoveryCodes.usedAt)
			)
		)
		.returning({ userId: staffRecoveryCodes.userId });
	return rows.length === 1;
}
