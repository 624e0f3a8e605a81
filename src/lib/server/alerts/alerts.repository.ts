import { formatProceedingNumber, type TypeCode } from '../proceedings/proceeding-number';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { getDb, type Db } from '../db';
import type { EventKind } from '../proceedings/proceeding-number';
import type { ProceedingEvent } from '../proceedings/proceeding-status';
import { proceedingEvents, proceedings } from '../proceedings/proceedings.schema';
import { statusSubscriptions } from './alerts.schema';

/** Runs `work` in one transaction; the repository functions below take its handle. */
export function inTransaction<T>(work: (tx: Db) => Promise<T>, db: Db = getDb()): Promise<T> {
	return db.transaction((tx) => work(tx));
}

export interface StatusInputs {
	/** Canonical written form, for the e-mail to the person who follows it. */
	number: string;
	complex: boolean;
	events: ProceedingEvent[];
}

/** What `deriveStatus` needs, for each of the proceedings. */
export async function statusInputs(
	proceedingIds: string[],
	db: Db = getDb()
): Promise<Map<string, StatusInputs>> {
	const result = new Map<string, StatusInputs>();
	if (proceedingIds.length === 0) return result;
	const heads = await db
		.select({
			id: proceedings.id,
			complex: proceedings.complex,
			number: proceedings.number,
			serial: proceedings.serial,
			typeCode: proceedings.typeCode,
			year: proceedings.year
		})
		.from(proceedings)
		.where(inArray(proceedings.id, proceedingIds));
	for (const h of heads) {
		const number = formatProceedingNumber({ ...h, typeCode: h.typeCode as TypeCode });
		result.set(h.id, { number, complex: h.complex, events: [] });
	}
	const events = await db
		.select({
			proceedingId: proceedingEvents.proceedingId,
			kind: proceedingEvents.kind,
			occurredAt: proceedingEvents.occurredAt,
			details: proceedingEvents.details
		})
		.from(proceedingEvents)
		.where(inArray(proceedingEvents.proceedingId, proceedingIds))
		.orderBy(asc(proceedingEvents.occurredAt), asc(proceedingEvents.id));
	for (const e of events) {
		result.get(e.proceedingId)?.events.push({
			kind: e.kind as EventKind,
			occurredAt: e.occurredAt,
			details: e.details ?? null
		});
	}
	return result;
}

export interface PendingSubscription {
	id: string;
	proceedingId: string;
	email: string;
	locale: string;
	confirmTokenHash: Uint8Array;
	unsubscribeTokenHash: Uint8Array;
	createdAt: Date;
	stage: string;
}

/**
 * Creates a pending subscription, or gives a still-unconfirmed one for the same proceeding and
 * address a new confirmation token and a fresh week. Returns the id of the row written, or null
 * when that address is already confirmed (nothing changes then). Run it in a transaction.
 */
export async function upsertPending(
	s: PendingSubscription,
	db: Db = getDb()
): Promise<string | null> {
	const t = statusSubscriptions;
	const sameLive = and(
		eq(t.proceedingId, s.proceedingId),
		sql`lower(${t.email}) = lower(${s.email})`,
		isNull(t.unsubscribedAt)
	);
	const [renewed] = await db
		.update(t)
		.set({
			confirmTokenHash: s.confirmTokenHash,
			createdAt: s.createdAt,
			locale: s.locale,
			lastNotifiedStage: s.stage
		})
		.where(and(sameLive, isNull(t.confirmedAt)))
		.returning({ id: t.id });
	if (renewed) return renewed.id;
	// Already confirmed, or a sign-up at the same moment won the partial unique index.
	const [inserted] = await db
		.insert(t)
		.values({
			id: s.id,
			proceedingId: s.proceedingId,
			email: s.email,
			locale: s.locale,
			confirmTokenHash: s.confirmTokenHash,
			unsubscribeTokenHash: s.unsubscribeTokenHash,
			createdAt: s.createdAt,
			lastNotifiedStage: s.stage
		})
		.onConflictDoNothing()
		.returning({ id: t.id });
	return inserted?.id ?? null;
}

export interface SubscriptionState {
	id: string;
	locale: string;
	createdAt: Date;
	confirmedAt: Date | null;
	unsubscribedAt: Date | null;
}

const stateColumns = {
	id: statusSubscriptions.id,
	locale: statusSubscriptions.locale,
	createdAt: statusSubscriptions.createdAt,
	confirmedAt: statusSubscriptions.confirmedAt,
	unsubscribedAt: statusSubscriptions.unsubscribedAt
};

/** The subscription a confirmation or unsubscribe token (by its hash) belongs to. */
export async function findByTokenHash(
	kind: 'confirm' | 'unsubscribe',
	hash: Uint8Array,
	db: Db = getDb()
): Promise<SubscriptionState | null> {
	const column =
		kind === 'confirm'
			? statusSubscriptions.confirmTokenHash
			: statusSubscriptions.unsubscribeTokenHash;
	const [row] = await db.select(stateColumns).from(statusSubscriptions).where(eq(column, hash));
	return row ?? null;
}

/** Confirms a pending, live subscription created after `notBefore`; false when none matched. */
export async function markConfirmed(
	hash: Uint8Array,
	at: Date,
	notBefore: Date,
	db: Db = getDb()
): Promise<boolean> {
	const t = statusSubscriptions;
	const rows = await db
		.update(t)
		.set({ confirmedAt: at })
		.where(
			and(
				eq(t.confirmTokenHash, hash),
				isNull(t.confirmedAt),
				isNull(t.unsubscribedAt),
				gt(t.createdAt, notBefore)
			)
		)
		.returning({ id: t.id });
	return rows.length > 0;
}

/** Ends a live subscription and erases the address; false when none matched. */
export async function markUnsubscribed(
	hash: Uint8Array,
	at: Date,
	db: Db = getDb()
): Promise<boolean> {
	const t = statusSubscriptions;
	const rows = await db
		.update(t)
		.set({ unsubscribedAt: at, email: '' })
		.where(and(eq(t.unsubscribeTokenHash, hash), isNull(t.unsubscribedAt)))
		.returning({ id: t.id });
	return rows.length > 0;
}

export interface LiveSubscription {
	id: string;
	proceedingId: string;
	email: string;
	locale: string;
	lastNotifiedStage: string | null;
}

/**
 * Confirmed, live subscriptions of the proceedings, locked until the transaction ends: a second
 * import of the same change waits here and then sees the stage already notified.
 */
export async function lockConfirmed(proceedingIds: string[], tx: Db): Promise<LiveSubscription[]> {
	const t = statusSubscriptions;
	const out: LiveSubscription[] = [];
	const sorted = [...proceedingIds].sort();
	// A batch may change thousands of proceedings: bounded lists of parameters.
	for (let i = 0; i < sorted.length; i += 1000) {
		const rows = await tx
			.select({
				id: t.id,
				proceedingId: t.proceedingId,
				email: t.email,
				locale: t.locale,
				lastNotifiedStage: t.lastNotifiedStage
			})
			.from(t)
			.where(
				and(
					inArray(t.proceedingId, sorted.slice(i, i + 1000)),
					isNotNull(t.confirmedAt),
					isNull(t.unsubscribedAt)
				)
			)
			.orderBy(t.id)
			.for('update');
		out.push(...rows);
	}
	return out;
}

export async function setNotifiedStage(ids: string[], stage: string, tx: Db): Promise<void> {
	if (ids.length === 0) return;
	await tx
		.update(statusSubscriptions)
		.set({ lastNotifiedStage: stage })
		.where(inArray(statusSubscriptions.id, ids));
}

/** Sign-ups never confirmed, created before `before`: their link has expired, the address goes. */
export async function deleteUnconfirmedBefore(before: Date, db: Db = getDb()): Promise<number> {
	const gone = await db
		.delete(statusSubscriptions)
		.where(and(isNull(statusSubscriptions.confirmedAt), lt(statusSubscriptions.createdAt, before)))
		.returning({ id: statusSubscriptions.id });
	return gone.length;
}
