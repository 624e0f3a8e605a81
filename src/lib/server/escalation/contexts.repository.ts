import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { driverError } from '../db/errors';
import { callContexts } from './contexts.schema';

export interface NewContext {
	tokenHash: Uint8Array;
	locale: string;
	pagePath: string;
	topic: string | null;
	question: string | null;
	proceedingId: string | null;
	checklistSlug: string | null;
	checklistTicked: string[] | null;
	bookingId: string | null;
	draftServiceSlug: string | null;
	draftBranchSlug: string | null;
	createdAt: Date;
	expiresAt: Date;
}

/**
 * Stores a context under `code` in one transaction: first the code is released from a context
 * that no longer uses it (expired or withdrawn), then the new one is inserted. The unique index
 * on `code` is the only check: when an active context holds the code, or a concurrent insert
 * takes it first, the answer is `code_taken` and nothing is written.
 */
export async function insertContextWithCode(
	context: NewContext,
	code: string
): Promise<{ id: string } | 'code_taken'> {
	try {
		return await getDb().transaction(async (tx) => {
			await tx
				.update(callContexts)
				.set({ code: null })
				.where(
					and(
						eq(callContexts.code, code),
						or(
							sql`${callContexts.expiresAt} <= ${context.createdAt.toISOString()}::timestamptz`,
							sql`${callContexts.withdrawnAt} is not null`
						)
					)
				);
			const [row] = await tx
				.insert(callContexts)
				.values({ ...context, code })
				.returning({ id: callContexts.id });
			return { id: row!.id };
		});
	} catch (error) {
		const { code: sqlState, message } = driverError(error);
		if (sqlState === '23505' && message.includes('call_contexts_code')) return 'code_taken';
		throw error;
	}
}

export interface ContextRecord {
	id: string;
	code: string | null;
	locale: string;
	pagePath: string;
	topic: string | null;
	question: string | null;
	proceedingId: string | null;
	checklistSlug: string | null;
	checklistTicked: string[] | null;
	bookingId: string | null;
	draftServiceSlug: string | null;
	draftBranchSlug: string | null;
	createdAt: Date;
	expiresAt: Date;
	withdrawnAt: Date | null;
}

const columns = {
	id: callContexts.id,
	code: callContexts.code,
	locale: callContexts.locale,
	pagePath: callContexts.pagePath,
	topic: callContexts.topic,
	question: callContexts.question,
	proceedingId: callContexts.proceedingId,
	checklistSlug: callContexts.checklistSlug,
	checklistTicked: callContexts.checklistTicked,
	bookingId: callContexts.bookingId,
	draftServiceSlug: callContexts.draftServiceSlug,
	draftBranchSlug: callContexts.draftBranchSlug,
	createdAt: callContexts.createdAt,
	expiresAt: callContexts.expiresAt,
	withdrawnAt: callContexts.withdrawnAt
};

/** A context by its code, token hash or id, whatever its state (the service decides). */
export async function findContext(
	where: { code: string } | { tokenHash: Uint8Array } | { id: string }
): Promise<ContextRecord | null> {
	const condition =
		'code' in where
			? eq(callContexts.code, where.code)
			: 'id' in where
				? eq(callContexts.id, where.id)
				: eq(callContexts.tokenHash, where.tokenHash);
	const [row] = await getDb().select(columns).from(callContexts).where(condition);
	return row ?? null;
}

/** What a purge or a withdrawal erases: everything the person shared, and the code. */
export const ERASED_PAYLOAD = {
	code: null,
	topic: null,
	question: null,
	proceedingId: null,
	checklistSlug: null,
	checklistTicked: null,
	bookingId: null,
	draftServiceSlug: null,
	draftBranchSlug: null
};

/**
 * Withdrawal of consent: the code is released and what was shared is erased at once. Only an
 * active context can be withdrawn; returns its id when this call did it.
 */
export async function withdrawActive(tokenHash: Uint8Array, now: Date): Promise<string | null> {
	const [row] = await getDb()
		.update(callContexts)
		.set({ ...ERASED_PAYLOAD, withdrawnAt: now, purgedAt: now })
		.where(
			and(
				eq(callContexts.tokenHash, tokenHash),
				isNull(callContexts.withdrawnAt),
				gt(callContexts.expiresAt, now)
			)
		)
		.returning({ id: callContexts.id });
	return row?.id ?? null;
}

/** Erases what was shared in contexts that expired before `cutoff` (retention). */
export async function purgeContextsExpiredBefore(cutoff: Date, now: Date): Promise<number> {
	const rows = await getDb()
		.update(callContexts)
		.set({ ...ERASED_PAYLOAD, purgedAt: now })
		.where(and(lt(callContexts.expiresAt, cutoff), isNull(callContexts.purgedAt)))
		.returning({ id: callContexts.id });
	return rows.length;
}
