import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { checklists } from '../content/content.schema';
import { branches, branchServices, services } from './booking.schema';
import { slots } from './schedule.schema';

export interface ServiceRow {
	id: number;
	slug: string;
	durationMinutes: number;
	needsProceeding: boolean;
	/** A checklist that prepares for this action, if any (the first by slug). */
	checklistSlug: string | null;
	minLeadHours: number;
	horizonDays: number;
}

/** The actions change only with a release (seed data), so each instance reads them every 30 s. */
let cached: { rows: Promise<ServiceRow[]>; at: number; db: unknown } | null = null;
export function cachedActiveServices(): Promise<ServiceRow[]> {
	const db = getDb();
	if (!cached || cached.db !== db || Date.now() - cached.at > 30_000) {
		const rows = activeServices();
		cached = { rows, at: Date.now(), db };
		rows.catch(() => (cached = null));
	}
	return cached.rows;
}

export async function activeServices(): Promise<ServiceRow[]> {
	return getDb()
		.select({
			id: services.id,
			slug: services.slug,
			durationMinutes: services.durationMinutes,
			needsProceeding: services.needsProceeding,
			minLeadHours: services.minLeadHours,
			horizonDays: services.horizonDays,
			checklistSlug: sql<
				string | null
			>`(select min(c.slug) from ${checklists} c where c.service_slug = ${services.slug})`
		})
		.from(services)
		.where(eq(services.active, true))
		.orderBy(asc(services.sortOrder), asc(services.id));
}

export interface BranchChoice {
	id: number;
	slug: string;
	name: string;
	region: string;
	street: string;
	postcode: string;
	city: string;
	/** Start of the first slot with a free seat from `from` on, if any. */
	nextFree: Date | null;
}

/**
 * A seat is free when `booked < capacity`; for the hotline and the counter (`withReserve`) also
 * when the slot keeps a seat for them (counted in `booked`).
 */
const hasFreeSeat = (
	s: { booked: unknown; capacity: unknown; reserved: unknown },
	withReserve: boolean
) =>
	withReserve
		? sql`(${s.booked} < ${s.capacity} or ${s.reserved} > 0)`
		: sql`${s.booked} < ${s.capacity}`;

/** Branches offering an action, with their next free slot (one query). */
export async function branchesFor(
	serviceId: number,
	from: Date,
	withReserve = false
): Promise<BranchChoice[]> {
	return getDb()
		.select({
			id: branches.id,
			slug: branches.slug,
			name: branches.name,
			region: branches.region,
			street: branches.street,
			postcode: branches.postcode,
			city: branches.city,
			nextFree: sql<Date | null>`(
				select min(s.starts_at) from ${slots} s
				where s.branch_id = ${branches.id} and s.service_id = ${serviceId}
					and ${hasFreeSeat({ booked: sql`s.booked`, capacity: sql`s.capacity`, reserved: sql`s.reserved` }, withReserve)}
					and s.starts_at >= ${from.toISOString()}::timestamptz
			)`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v)))
		})
		.from(branchServices)
		.innerJoin(branches, eq(branches.id, branchServices.branchId))
		.where(and(eq(branchServices.serviceId, serviceId), eq(branches.active, true)))
		.orderBy(asc(branches.region), asc(branches.name));
}

export interface FreeSlot {
	id: number;
	startsAt: Date;
	endsAt: Date;
	free: number;
}

export async function freeSlots(
	serviceId: number,
	branchId: number,
	from: Date,
	to: Date,
	withReserve = false
): Promise<FreeSlot[]> {
	return getDb()
		.select({
			id: slots.id,
			startsAt: slots.startsAt,
			endsAt: slots.endsAt,
			free: withReserve
				? sql<number>`(${slots.capacity} - ${slots.booked} + ${slots.reserved})::int`
				: sql<number>`(${slots.capacity} - ${slots.booked})::int`
		})
		.from(slots)
		.where(
			and(
				eq(slots.serviceId, serviceId),
				eq(slots.branchId, branchId),
				hasFreeSeat(slots, withReserve),
				gte(slots.startsAt, from),
				lt(slots.startsAt, to)
			)
		)
		.orderBy(asc(slots.startsAt));
}
