import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { resultRows } from '../db/rows';
import { callbackAttempts, callbackRequests } from './callbacks.schema';
import { ERASED_PAYLOAD } from './contexts.repository';
import { callContexts } from './contexts.schema';
import type { AttemptResult, CallbackOutcome } from './taxonomy';

export async function insertCallback(request: {
	tokenHash: Uint8Array;
	phone: string;
	locale: string;
	windowStart: Date | null;
	windowEnd: Date | null;
	contextId: string | null;
	createdAt: Date;
}): Promise<string> {
	const [row] = await getDb()
		.insert(callbackRequests)
		.values({ ...request, nextAttemptAt: request.windowStart ?? request.createdAt })
		.returning({ id: callbackRequests.id });
	return row!.id;
}

export interface ClaimedRow {
	id: string;
	phone: string;
	locale: string;
	windowStart: Date | null;
	windowEnd: Date | null;
	contextId: string | null;
	createdAt: Date;
	attempts: number;
}

const asDate = (v: Date | string | null) => (v === null ? null : new Date(v));

type ClaimedSqlRow = {
	id: string;
	phone: string;
	locale: string;
	window_start: Date | string | null;
	window_end: Date | string | null;
	context_id: string | null;
	created_at: Date | string;
	attempts: number;
};

const toClaimedRow = (row: ClaimedSqlRow): ClaimedRow => ({
	id: row.id,
	phone: row.phone,
	locale: row.locale,
	windowStart: asDate(row.window_start),
	windowEnd: asDate(row.window_end),
	contextId: row.context_id,
	createdAt: new Date(row.created_at),
	attempts: Number(row.attempts)
});

/** Due (its window has begun, or a retry's time has come) and nobody holds it (or the claim went stale). */
const claimable = (now: Date, staleBefore: Date) => sql`finished_at is null
	and next_attempt_at <= ${now.toISOString()}::timestamptz
	and (claimed_at is null or claimed_at <= ${staleBefore.toISOString()}::timestamptz)`;

/**
 * Claims the first request due that nobody holds, or whose claim is older than `staleBefore`, in
 * ONE statement. FOR UPDATE SKIP LOCKED: agents claiming at once each get a different request,
 * never the same one.
 */
export async function claimNext(
	agentId: string,
	now: Date,
	staleBefore: Date
): Promise<ClaimedRow | null> {
	const rows = resultRows<ClaimedSqlRow>(
		await getDb().execute(sql`
			with next as (
				select id from callback_requests
				where ${claimable(now, staleBefore)}
				order by next_attempt_at, created_at, id
				limit 1
				for update skip locked
			)
			update callback_requests c
			set claimed_by = ${agentId}, claimed_at = ${now.toISOString()}::timestamptz
			from next where c.id = next.id
			returning c.id, c.phone, c.locale, c.window_start, c.window_end, c.context_id, c.created_at,
				(select count(*)::int from callback_attempts a where a.callback_id = c.id) as attempts`)
	);
	return rows[0] ? toClaimedRow(rows[0]) : null;
}

/**
 * Claims one request from the worklist, in ONE conditional statement: when two agents take the
 * same row at once, the second finds it held (its WHERE is checked again after the lock) and
 * gets null.
 */
export async function claimById(
	callbackId: string,
	agentId: string,
	now: Date,
	staleBefore: Date
): Promise<ClaimedRow | null> {
	const rows = resultRows<ClaimedSqlRow>(
		await getDb().execute(sql`
			update callback_requests c
			set claimed_by = ${agentId}, claimed_at = ${now.toISOString()}::timestamptz
			where c.id = ${callbackId} and ${claimable(now, staleBefore)}
			returning c.id, c.phone, c.locale, c.window_start, c.window_end, c.context_id, c.created_at,
				(select count(*)::int from callback_attempts a where a.callback_id = c.id) as attempts`)
	);
	return rows[0] ? toClaimedRow(rows[0]) : null;
}

export interface WaitingRow {
	id: string;
	locale: string;
	windowStart: Date | null;
	windowEnd: Date | null;
	createdAt: Date;
	nextAttemptAt: Date;
	attempts: number;
	context: {
		pagePath: string;
		checklistSlug: string | null;
		hasQuestion: boolean;
		hasProceeding: boolean;
		hasBooking: boolean;
	} | null;
}

/**
 * The worklist: every unfinished request nobody holds (or whose claim went stale), in the order
 * "claim the next" takes them (the caller's window, then the time of asking). No phone numbers.
 */
export async function waitingRequests(staleBefore: Date, limit = 100): Promise<WaitingRow[]> {
	const rows = await getDb()
		.select({
			id: callbackRequests.id,
			locale: callbackRequests.locale,
			windowStart: callbackRequests.windowStart,
			windowEnd: callbackRequests.windowEnd,
			createdAt: callbackRequests.createdAt,
			nextAttemptAt: callbackRequests.nextAttemptAt,
			attempts: sql<number>`(select count(*)::int from callback_attempts a where a.callback_id = ${callbackRequests.id})`,
			pagePath: callContexts.pagePath,
			checklistSlug: callContexts.checklistSlug,
			question: sql<boolean>`${callContexts.question} is not null`,
			proceeding: sql<boolean>`${callContexts.proceedingId} is not null`,
			booking: sql<boolean>`${callContexts.bookingId} is not null`,
			contextLive: sql<boolean>`${callContexts.id} is not null and ${callContexts.withdrawnAt} is null and ${callContexts.purgedAt} is null`
		})
		.from(callbackRequests)
		.leftJoin(callContexts, eq(callContexts.id, callbackRequests.contextId))
		.where(
			and(
				isNull(callbackRequests.finishedAt),
				or(isNull(callbackRequests.claimedAt), lte(callbackRequests.claimedAt, staleBefore))
			)
		)
		.orderBy(
			asc(callbackRequests.nextAttemptAt),
			asc(callbackRequests.createdAt),
			asc(callbackRequests.id)
		)
		.limit(limit);
	return rows.map((r) => ({
		id: r.id,
		locale: r.locale,
		windowStart: r.windowStart,
		windowEnd: r.windowEnd,
		createdAt: r.createdAt,
		nextAttemptAt: r.nextAttemptAt,
		attempts: Number(r.attempts),
		context:
			r.contextLive && r.pagePath !== null
				? {
						pagePath: r.pagePath,
						checklistSlug: r.checklistSlug,
						hasQuestion: Boolean(r.question),
						hasProceeding: Boolean(r.proceeding),
						hasBooking: Boolean(r.booking)
					}
				: null
	}));
}

/** The request, while this agent holds it unfinished. */
const heldBy = (callbackId: string, agentId: string) =>
	and(
		eq(callbackRequests.id, callbackId),
		eq(callbackRequests.claimedBy, agentId),
		isNull(callbackRequests.finishedAt)
	);

/** A request this agent holds and has not finished (their claim, even a stale one). */
export async function findHeld(callbackId: string, agentId: string): Promise<ClaimedRow | null> {
	const [row] = await getDb()
		.select({
			id: callbackRequests.id,
			phone: callbackRequests.phone,
			locale: callbackRequests.locale,
			windowStart: callbackRequests.windowStart,
			windowEnd: callbackRequests.windowEnd,
			contextId: callbackRequests.contextId,
			createdAt: callbackRequests.createdAt,
			attempts: sql<number>`(select count(*)::int from callback_attempts a where a.callback_id = callback_requests.id)`
		})
		.from(callbackRequests)
		.where(heldBy(callbackId, agentId));
	return row ? { ...row, attempts: Number(row.attempts) } : null;
}

/** Requests due that nobody holds (or whose claim went stale): what "claim the next" can take. */
export async function countDue(now: Date, staleBefore: Date): Promise<number> {
	const [row] = await getDb()
		.select({ n: sql<number>`count(*)::int` })
		.from(callbackRequests)
		.where(
			and(
				isNull(callbackRequests.finishedAt),
				lte(callbackRequests.nextAttemptAt, now),
				or(isNull(callbackRequests.claimedAt), lte(callbackRequests.claimedAt, staleBefore))
			)
		);
	return Number(row?.n ?? 0);
}

/**
 * Records a try by the agent holding the claim, under a row lock. `no_answer` gives the request
 * back to the queue for `retryAt`, or finishes it as unreachable after `maxNoAnswer` tries;
 * `wrong_number` finishes it and erases the number (someone else's). Null when the agent does
 * not hold an unfinished claim.
 */
export async function recordAttempt(
	callbackId: string,
	agentId: string,
	result: AttemptResult,
	now: Date,
	policy: { retryAt: Date; maxNoAnswer: number }
): Promise<{ finished: CallbackOutcome | null } | null> {
	return getDb().transaction(async (tx) => {
		const [held] = await tx
			.select({ id: callbackRequests.id })
			.from(callbackRequests)
			.where(heldBy(callbackId, agentId))
			.for('update');
		if (!held) return null;
		await tx.insert(callbackAttempts).values({ callbackId, agentId, at: now, result });
		if (result === 'reached') return { finished: null };
		if (result === 'wrong_number') {
			await tx
				.update(callbackRequests)
				.set({ finishedAt: now, outcome: 'wrong_number', phone: '' })
				.where(eq(callbackRequests.id, callbackId));
			return { finished: 'wrong_number' };
		}
		const [tries] = await tx
			.select({ n: sql<number>`count(*)::int` })
			.from(callbackAttempts)
			.where(
				and(eq(callbackAttempts.callbackId, callbackId), eq(callbackAttempts.result, 'no_answer'))
			);
		if ((tries?.n ?? 0) >= policy.maxNoAnswer) {
			await tx
				.update(callbackRequests)
				.set({ finishedAt: now, outcome: 'unreachable' })
				.where(eq(callbackRequests.id, callbackId));
			return { finished: 'unreachable' };
		}
		await tx
			.update(callbackRequests)
			.set({ claimedBy: null, claimedAt: null, nextAttemptAt: policy.retryAt })
			.where(eq(callbackRequests.id, callbackId));
		return { finished: null };
	});
}

/** Finishes a request the agent holds; false when they do not (any more). */
export async function finishClaimed(
	callbackId: string,
	agentId: string,
	outcome: CallbackOutcome,
	now: Date
): Promise<boolean> {
	const rows = await getDb()
		.update(callbackRequests)
		.set({ finishedAt: now, outcome })
		.where(heldBy(callbackId, agentId))
		.returning({ id: callbackRequests.id });
	return rows.length === 1;
}

/**
 * The person withdraws their request: it leaves the queue, the number is erased, and a context
 * shared with it is withdrawn too. False when it had already finished.
 */
export async function withdrawPending(tokenHash: Uint8Array, now: Date): Promise<boolean> {
	return getDb().transaction(async (tx) => {
		const [row] = await tx
			.update(callbackRequests)
			.set({ finishedAt: now, outcome: 'withdrawn', phone: '' })
			.where(and(eq(callbackRequests.tokenHash, tokenHash), isNull(callbackRequests.finishedAt)))
			.returning({ contextId: callbackRequests.contextId });
		if (!row) return false;
		if (row.contextId)
			await tx
				.update(callContexts)
				.set({
					...ERASED_PAYLOAD,
					withdrawnAt: now,
					purgedAt: now
				})
				.where(and(eq(callContexts.id, row.contextId), isNull(callContexts.withdrawnAt)));
		return true;
	});
}

/** Deletes requests finished (or left unfinished) before `cutoff`, with their attempts. */
export async function deleteCallbacksBefore(cutoff: Date): Promise<number> {
	const rows = await getDb()
		.delete(callbackRequests)
		.where(
			sql`coalesce(${callbackRequests.finishedAt}, ${callbackRequests.createdAt}) < ${cutoff.toISOString()}::timestamptz`
		)
		.returning({ id: callbackRequests.id });
	return rows.length;
}
