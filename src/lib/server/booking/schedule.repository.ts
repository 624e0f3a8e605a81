import { and, asc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { enqueueMail, type OutboxMessage } from '../mail/outbox.repository';
import { resultRows } from '../db/rows';
import { branches, branchServices, services } from './booking.schema';
import { closures, scheduleRules, slots } from './schedule.schema';
import { waitlistEntries } from './waitlist.schema';
import type { Closure, PlannedSlot, Rule } from './slot-plan';

export interface BranchRecord {
	id: number;
	slug: string;
	name: string;
	takesBiometrics: boolean;
	services: { id: number; slug: string }[];
}

export async function findBranch(id: number): Promise<BranchRecord | null> {
	const [branch] = await getDb()
		.select({
			id: branches.id,
			slug: branches.slug,
			name: branches.name,
			takesBiometrics: branches.takesBiometrics
		})
		.from(branches)
		.where(eq(branches.id, id));
	if (!branch) return null;
	const offered = await getDb()
		.select({ id: services.id, slug: services.slug })
		.from(branchServices)
		.innerJoin(services, eq(services.id, branchServices.serviceId))
		.where(and(eq(branchServices.branchId, id), eq(services.active, true)))
		.orderBy(asc(services.sortOrder));
	return { ...branch, services: offered };
}

export interface RuleRecord extends Rule {
	id: number;
}

export async function rulesOf(branchId: number): Promise<RuleRecord[]> {
	return getDb()
		.select({
			id: scheduleRules.id,
			serviceId: scheduleRules.serviceId,
			weekday: scheduleRules.weekday,
			starts: scheduleRules.starts,
			ends: scheduleRules.ends,
			slotMinutes: scheduleRules.slotMinutes,
			capacity: scheduleRules.capacity,
			validFrom: scheduleRules.validFrom,
			validTo: scheduleRules.validTo
		})
		.from(scheduleRules)
		.where(eq(scheduleRules.branchId, branchId))
		.orderBy(asc(scheduleRules.serviceId), asc(scheduleRules.weekday), asc(scheduleRules.starts));
}

export async function insertRule(branchId: number, rule: Rule, createdBy: string): Promise<number> {
	const [row] = await getDb()
		.insert(scheduleRules)
		.values({ branchId, ...rule, createdBy })
		.returning({ id: scheduleRules.id });
	return row!.id;
}

/** Ends a rule on a date (it stays in the history); false when it is not this branch's. */
export async function endRule(branchId: number, ruleId: number, validTo: string): Promise<boolean> {
	const rows = await getDb()
		.update(scheduleRules)
		.set({ validTo: sql`greatest(${scheduleRules.validFrom}, ${validTo}::date)` })
		.where(and(eq(scheduleRules.id, ruleId), eq(scheduleRules.branchId, branchId)))
		.returning({ id: scheduleRules.id });
	return rows.length === 1;
}

export async function closuresOf(
	branchId: number
): Promise<(Closure & { id: number; reason: string })[]> {
	return getDb()
		.select({
			id: closures.id,
			fromDate: closures.fromDate,
			toDate: closures.toDate,
			reason: closures.reason
		})
		.from(closures)
		.where(eq(closures.branchId, branchId))
		.orderBy(asc(closures.fromDate));
}

export interface CancelledByClosure {
	id: string;
	reference: string;
	email: string;
	locale: string;
	serviceId: number;
	serviceSlug: string;
	startsAt: Date;
}

/**
 * Records a closure in one transaction: the active bookings it covers are cancelled (their
 * people told through the outbox, in the same transaction), then every slot of those days is
 * removed. Either all of it happens or none. Bookings already checked in or done stay.
 */
export async function insertClosure(
	branchId: number,
	closure: Closure & { reason: string },
	range: { from: Date; to: Date },
	createdBy: string,
	now: Date,
	waiting: { from: string; to: string },
	tell: (cancelled: CancelledByClosure[]) => OutboxMessage[]
): Promise<{ removed: number; cancelled: CancelledByClosure[] }> {
	const { from: waitFrom, to: waitTo } = waiting;
	return getDb().transaction(async (tx) => {
		await tx.insert(closures).values({ branchId, ...closure, createdBy });
		const cancelled = resultRows<{
			id: string;
			reference: string;
			email: string;
			locale: string;
			service_id: number;
			service_slug: string;
			starts_at: string | Date;
		}>(
			await tx.execute(sql`
				with cancelled as (
					update bookings b set cancelled_at = ${now.toISOString()}::timestamptz, cancelled_by = 'branch'
					from slots s
					where s.id = b.slot_id and b.branch_id = ${branchId}
						and s.starts_at >= ${range.from.toISOString()}::timestamptz
						and s.starts_at < ${range.to.toISOString()}::timestamptz
						and b.cancelled_at is null and b.checked_in_at is null
						and b.completed_at is null and b.no_show_at is null
					returning b.id, b.slot_id, b.reference, b.email, b.locale, b.service_id, s.starts_at
				), freed as (
					update slots s set booked = s.booked - c.n
					from (select slot_id, count(*)::int as n from cancelled group by slot_id) c
					where s.id = c.slot_id
					returning s.id
				)
				select c.id, c.reference, c.email, c.locale, c.service_id, v.slug as service_slug, c.starts_at
				from cancelled c join services v on v.id = c.service_id
				order by c.starts_at`)
		).map((r) => ({
			id: r.id,
			reference: r.reference,
			email: r.email,
			locale: r.locale,
			serviceId: Number(r.service_id),
			serviceSlug: r.service_slug,
			startsAt: new Date(r.starts_at)
		}));
		await enqueueMail(tell(cancelled), tx);
		// Those the closure displaced go first on the waitlist for the same action and branch.
		if (cancelled.length > 0) {
			await tx.insert(waitlistEntries).values(
				cancelled.map((c) => ({
					serviceId: c.serviceId,
					branchId,
					fromDate: waitFrom,
					toDate: waitTo,
					email: c.email,
					locale: c.locale,
					priority: 1,
					createdAt: now
				}))
			);
		}
		// Seats kept for the hotline and the counter are nobody's yet: they go with the slot.
		await tx
			.update(slots)
			.set({ booked: sql`${slots.booked} - ${slots.reserved}`, reserved: 0 })
			.where(
				and(
					eq(slots.branchId, branchId),
					gte(slots.startsAt, range.from),
					lt(slots.startsAt, range.to),
					gt(slots.reserved, 0)
				)
			);
		const removed = await tx
			.delete(slots)
			.where(
				and(
					eq(slots.branchId, branchId),
					gte(slots.startsAt, range.from),
					lt(slots.startsAt, range.to),
					eq(slots.booked, 0)
				)
			)
			.returning({ id: slots.id });
		return { removed: removed.length, cancelled };
	});
}

export interface UpsertReport {
	created: number;
	updated: number;
	/** Planned capacity below what is already booked: kept at the bookings, reported. */
	conflicts: { serviceId: number; startsAt: Date; booked: number; planned: number }[];
}

const CHUNK = 1000;

/**
 * Inserts the planned slots, or raises an existing slot's capacity to the plan. Never deletes a
 * slot and never shrinks one below its bookings; a re-run with the same plan writes nothing.
 */
export async function upsertSlots(branchId: number, planned: PlannedSlot[]): Promise<UpsertReport> {
	const report: UpsertReport = { created: 0, updated: 0, conflicts: [] };
	for (let i = 0; i < planned.length; i += CHUNK) {
		const chunk = planned.slice(i, i + CHUNK);
		const values = sql.join(
			chunk.map(
				(p) =>
					sql`(${p.serviceId}::int, ${p.startsAt.toISOString()}::timestamptz, ${p.endsAt.toISOString()}::timestamptz, ${p.capacity}::int)`
			),
			sql`, `
		);
		const rows = resultRows<{
			kind: string;
			service_id: number;
			starts_at: string | Date;
			booked: number;
			planned: number;
		}>(
			await getDb().execute(sql`
				with planned (service_id, starts_at, ends_at, capacity) as (values ${values}),
				conflicts as (
					select s.service_id, s.starts_at, s.booked, p.capacity as planned
					from planned p join slots s
						on s.branch_id = ${branchId} and s.service_id = p.service_id and s.starts_at = p.starts_at
					where p.capacity < s.booked
				),
				written as (
					insert into slots (branch_id, service_id, starts_at, ends_at, capacity)
					select ${branchId}, service_id, starts_at, ends_at, capacity from planned
					on conflict (branch_id, service_id, starts_at) do update
						set capacity = greatest(excluded.capacity, slots.booked), ends_at = excluded.ends_at
						where slots.capacity <> greatest(excluded.capacity, slots.booked)
							or slots.ends_at <> excluded.ends_at
					returning (xmax = 0) as inserted
				)
				select case when inserted then 'created' else 'updated' end as kind,
					null::int as service_id, null::timestamptz as starts_at, null::int as booked, null::int as planned
				from written
				union all
				select 'conflict', service_id, starts_at, booked, planned from conflicts`)
		);
		for (const row of rows) {
			if (row.kind === 'created') report.created++;
			else if (row.kind === 'updated') report.updated++;
			else {
				report.conflicts.push({
					serviceId: row.service_id,
					startsAt: new Date(row.starts_at),
					booked: row.booked,
					planned: row.planned
				});
			}
		}
	}
	return report;
}

export interface DaySummary {
	/** Prague date. */
	date: string;
	slots: number;
	capacity: number;
	booked: number;
}

export async function slotSummary(branchId: number, from: Date, to: Date): Promise<DaySummary[]> {
	const rows = await getDb()
		.select({
			date: sql<string>`to_char(${slots.startsAt} at time zone 'Europe/Prague', 'YYYY-MM-DD')`,
			slots: sql<number>`count(*)::int`,
			capacity: sql<number>`sum(${slots.capacity})::int`,
			booked: sql<number>`sum(${slots.booked})::int`
		})
		.from(slots)
		.where(and(eq(slots.branchId, branchId), gte(slots.startsAt, from), lt(slots.startsAt, to)))
		.groupBy(sql`1`)
		.orderBy(sql`1`);
	return rows;
}
