import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { driverError } from '../db/errors';
import { executeCompiled, p, resultRows } from '../db/rows';
import type { OutboxMessage } from '../mail/outbox.repository';
import { executeThrottled, type LimitRow, type ThrottleClause } from '../rate-limit/limiter';
import { branchServices, branches, services } from './booking.schema';
import { bookingHolds, bookings, type Channel } from './bookings.schema';
import { slots } from './schedule.schema';

/**
 * Deletes holds that have expired and gives their seats back (a seat from the hotline/counter
 * reserve to the reserve); `slotId` limits it to one slot. The delete is the claim: a hold can be
 * deleted once, so its seat is returned exactly once, however many sweepers run. Returns the
 * seats given back to the web, by slot (those to the reserve are not anyone's to offer).
 */
export async function releaseExpiredSeats(
	now: Date,
	slotId?: number
): Promise<{ slotId: number; seats: number; all: number }[]> {
	return resultRows<{ slotId: number; seats: number; all: number }>(
		await getDb().execute(sql`
			with gone as (
				delete from booking_holds where expires_at <= ${now.toISOString()}::timestamptz
					${slotId === undefined ? sql`` : sql`and slot_id = ${slotId}`}
				returning slot_id, reserved
			), counts as (
				select slot_id, count(*) filter (where not reserved)::int as n,
					count(*) filter (where reserved)::int as r
				from gone group by slot_id
			)
			update slots s set booked = s.booked - c.n, reserved = s.reserved + c.r
			from counts c where s.id = c.slot_id
			returning s.id as "slotId", c.n as seats, c.n + c.r as "all"`)
	);
}

/** `releaseExpiredSeats`, counted: how many seats came back (to the web and the reserve). */
export async function releaseExpiredHolds(now: Date, slotId?: number): Promise<number> {
	return (await releaseExpiredSeats(now, slotId)).reduce((sum, slot) => sum + slot.all, 0);
}

/**
 * Gives one hold's seat back now (the delete is the claim, as for expired holds): to the
 * hotline/counter reserve if it came from there.
 */
export async function releaseHoldNow(tokenHash: Uint8Array): Promise<boolean> {
	const rows = resultRows<{ id: string }>(
		await getDb().execute(sql`
			with gone as (delete from booking_holds where token_hash = ${tokenHash} returning slot_id, reserved)
			update slots s set booked = s.booked - (not g.reserved)::int, reserved = s.reserved + g.reserved::int
			from gone g where s.id = g.slot_id
			returning s.id`)
	);
	return rows.length === 1;
}

/**
 * Takes a seat and records the hold in ONE statement: the conditional update (`booked <
 * capacity`, and not sooner than the action's lead time) is the only check, so concurrent holds
 * can never take more seats than exist. Seats kept for the hotline and the counter
 * (`slots.reserved`) are counted in `booked`, so a web hold can never take one. A hold for the
 * hotline or the counter (`fromReserve`) takes one of them first, else a free seat: its slot row
 * is locked first, so that the choice and the hold's note of it (`reserved`) see the same row.
 */
export async function takeSeat(input: {
	slotId: number;
	tokenHash: Uint8Array;
	expiresAt: Date;
	now: Date;
	fromReserve: boolean;
}): Promise<boolean> {
	const soonest = sql`${input.now.toISOString()}::timestamptz + make_interval(hours => v.min_lead_hours)`;
	const seat = input.fromReserve
		? sql`
			with pick as (
				select s.id, s.reserved > 0 as reserved
				from slots s join services v on v.id = s.service_id
				where s.id = ${input.slotId} and (s.booked < s.capacity or s.reserved > 0)
					and s.starts_at >= ${soonest}
				for update of s
			), seat as (
				update slots s set booked = s.booked + (not p.reserved)::int,
					reserved = s.reserved - p.reserved::int
				from pick p
				where s.id = p.id
				returning s.id, p.reserved
			)`
		: sql`
			with seat as (
				update slots s set booked = s.booked + 1
				from services v
				where s.id = ${input.slotId} and s.booked < s.capacity and v.id = s.service_id
					and s.starts_at >= ${soonest}
				returning s.id, false as reserved
			)`;
	const rows = resultRows<{ id: string }>(
		await getDb().execute(sql`
			${seat}
			insert into booking_holds (slot_id, token_hash, expires_at, created_at, reserved)
			select id, ${input.tokenHash}, ${input.expiresAt.toISOString()}::timestamptz, ${input.now.toISOString()}::timestamptz, reserved
			from seat
			returning id`)
	);
	return rows.length === 1;
}

/**
 * A web hold from an action's branch page in ONE statement (docs/adr/0003): the throttle's
 * counters are counted (the proof of work's single use and the per-address limits, `throttle`
 * from `Limits.within`), the slot is checked to be offered on that page (its action and branch,
 * both active, within the bookable window), and a seat is taken and held — by the same
 * conditional update as `takeSeat` — only when the throttle allows it. `known` is false for an
 * unknown action or branch, `offered` for a slot not offered on that page.
 */
export async function holdOffered(
	input: {
		serviceSlug: string;
		branchSlug: string;
		slotId: number;
		/** The bookable window of the page: from the lead time to the horizon. */
		from: Date;
		to: Date;
		tokenHash: Uint8Array;
		expiresAt: Date;
		now: Date;
	},
	throttle: ThrottleClause
): Promise<{
	known: boolean;
	offered: boolean;
	allowed: boolean;
	held: boolean;
	counters: LimitRow[];
}> {
	const row = await executeThrottled<{
		known: boolean;
		offered: boolean;
		allowed: boolean;
		held: boolean;
	}>(
		'hold-offered',
		throttle,
		(allowed) => ({
			ctes: sql`place as (
				select v.id as service_id, b.id as branch_id, v.min_lead_hours
				from ${branchServices} bs
				join ${services} v on v.id = bs.service_id
				join ${branches} b on b.id = bs.branch_id
				where v.slug = ${p.serviceSlug} and v.active and b.slug = ${p.branchSlug} and b.active
			), offer as (
				select s.id from ${slots} s join place on s.service_id = place.service_id
					and s.branch_id = place.branch_id
				where s.id = ${p.slotId}::int and s.starts_at >= ${p.from}::timestamptz
					and s.starts_at < ${p.to}::timestamptz
			), seat as (
				update ${slots} s set booked = s.booked + 1
				from place
				where s.id = (select id from offer) and s.booked < s.capacity
					and s.starts_at >= ${p.now}::timestamptz + make_interval(hours => place.min_lead_hours)
					and ${allowed}
				returning s.id
			), hold as (
				insert into booking_holds (slot_id, token_hash, expires_at, created_at, reserved)
				select id, ${p.tokenHash}::bytea, ${p.expiresAt}::timestamptz, ${p.now}::timestamptz, false
				from seat
				returning id
			)`,
			columns: sql`exists (select 1 from place) as known, exists (select 1 from offer) as offered,
				${allowed} as allowed, exists (select 1 from hold) as held`
		}),
		{
			serviceSlug: input.serviceSlug,
			branchSlug: input.branchSlug,
			slotId: input.slotId,
			from: input.from.toISOString(),
			to: input.to.toISOString(),
			tokenHash: input.tokenHash,
			expiresAt: input.expiresAt.toISOString(),
			now: input.now.toISOString()
		}
	);
	return {
		known: row.known,
		offered: row.offered,
		allowed: row.allowed,
		held: row.held,
		counters: row.counters
	};
}

export interface HeldSlot {
	details: Record<string, string | null> | null;
	slotId: number;
	branchId: number;
	serviceId: number;
	serviceSlug: string;
	startsAt: Date;
	endsAt: Date;
	expiresAt: Date;
	branch: { slug: string; name: string; street: string; postcode: string; city: string };
}

/**
 * A live hold with its slot, action and branch, in one compiled statement (every booking page
 * reads it, and the confirmation takes what its e-mail says from it).
 */
export async function findHold(tokenHash: Uint8Array, now: Date): Promise<HeldSlot | null> {
	const [row] = await executeCompiled<{
		details: Record<string, string | null> | string | null;
		slot_id: number | string;
		branch_id: number;
		service_id: number;
		service_slug: string;
		starts_ms: number;
		ends_ms: number;
		expires_ms: number;
		slug: string;
		name: string;
		street: string;
		postcode: string;
		city: string;
	}>(
		getDb(),
		'find-hold',
		'',
		() => sql`
			select h.details, s.id as slot_id, s.branch_id, s.service_id, v.slug as service_slug,
				(extract(epoch from s.starts_at) * 1000)::float8 as starts_ms,
				(extract(epoch from s.ends_at) * 1000)::float8 as ends_ms,
				(extract(epoch from h.expires_at) * 1000)::float8 as expires_ms,
				b.slug, b.name, b.street, b.postcode, b.city
			from ${bookingHolds} h join ${slots} s on s.id = h.slot_id
				join ${services} v on v.id = s.service_id join ${branches} b on b.id = s.branch_id
			where h.token_hash = ${p.tokenHash}::bytea and h.expires_at >= ${p.now}::timestamptz`,
		{ tokenHash, now: now.toISOString() }
	);
	if (!row) return null;
	return {
		details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
		slotId: Number(row.slot_id),
		branchId: Number(row.branch_id),
		serviceId: Number(row.service_id),
		serviceSlug: row.service_slug,
		startsAt: new Date(Number(row.starts_ms)),
		endsAt: new Date(Number(row.ends_ms)),
		expiresAt: new Date(Number(row.expires_ms)),
		branch: {
			slug: row.slug,
			name: row.name,
			street: row.street,
			postcode: row.postcode,
			city: row.city
		}
	};
}

/**
 * Keeps the typed details on a live hold of this action and branch (for "check your answers"),
 * within the per-identity limit (`throttle`, from `Limits.within`), in ONE statement: `kept` is
 * false when the hold expired or is not this page's, `allowed` false when the limit refused.
 */
export async function saveHoldDetails(
	input: {
		tokenHash: Uint8Array;
		details: Record<string, string | null>;
		serviceId: number;
		branchSlug: string;
		now: Date;
	},
	throttle: ThrottleClause
): Promise<{ allowed: boolean; kept: boolean; counters: LimitRow[] }> {
	const row = await executeThrottled<{ allowed: boolean; kept: boolean }>(
		'hold-details',
		throttle,
		(allowed) => ({
			ctes: sql`kept as (
				update booking_holds h set details = ${p.details}::jsonb
				from ${slots} s join ${branches} b on b.id = s.branch_id
				where h.token_hash = ${p.tokenHash}::bytea and h.expires_at >= ${p.now}::timestamptz
					and s.id = h.slot_id and s.service_id = ${p.serviceId}::int and b.slug = ${p.branchSlug}
					and ${allowed}
				returning h.id
			)`,
			columns: sql`${allowed} as allowed, exists (select 1 from kept) as kept`
		}),
		{
			details: JSON.stringify(input.details),
			tokenHash: input.tokenHash,
			serviceId: input.serviceId,
			branchSlug: input.branchSlug,
			now: input.now.toISOString()
		}
	);
	return { allowed: row.allowed, kept: row.kept, counters: row.counters };
}

export interface NewBooking {
	reference: string;
	tokenHash: Uint8Array;
	personKey: string;
	fullName: string;
	birthDate: string;
	nationality: string;
	documentNumber: string;
	email: string;
	phone: string | null;
	proceedingNumber: string | null;
	locale: string;
	channel: Channel;
	idempotencyKey: string;
}

export type ConfirmOutcome =
	| { kind: 'confirmed'; bookingId: string; booking?: BookingRecord }
	| { kind: 'expired' }
	| { kind: 'already_booked' }
	| { kind: 'limit' }
	| { kind: 'late_cancellations'; until: Date };

/** The booking about to be made, as `findBooking` would read it once made (its id to come). */
function recordOf(hold: HeldSlot, booking: NewBooking): BookingRecord {
	return {
		id: '',
		slotId: hold.slotId,
		reference: booking.reference,
		fullName: booking.fullName,
		email: booking.email,
		locale: booking.locale,
		channel: booking.channel,
		startsAt: hold.startsAt,
		endsAt: hold.endsAt,
		serviceSlug: hold.serviceSlug,
		branch: { id: hold.branchId, ...hold.branch },
		cancelledAt: null,
		checkedInAt: null,
		completedAt: null,
		noShowAt: null
	};
}

/**
 * Turns a live hold into a booking in ONE round trip (`confirm_hold`, migration 0020): under the
 * person's advisory lock their limits are counted, and the hold is deleted (its seat becomes the
 * booking's), the booking inserted and its confirmation e-mail put in the outbox — all of it, or
 * nothing and the hold stays. `hold` is the hold as the caller read it (`findHold`): its slot,
 * times and branch are what the e-mail says; the statement takes the seat from the hold itself.
 */
export async function confirmHold(
	holdTokenHash: Uint8Array,
	hold: HeldSlot,
	booking: NewBooking,
	limits: {
		perWindow: number;
		windowStart: Date;
		/** `max` cancellations by the person within `hoursBefore` the start, since `windowStart`. */
		lateCancellations: { max: number; hoursBefore: number; windowStart: Date };
	},
	now: Date,
	mail?: (booking: BookingRecord) => OutboxMessage
): Promise<ConfirmOutcome> {
	const record = recordOf(hold, booking);
	const letter = mail?.(record);
	const late = limits.lateCancellations;
	let row:
		| { held: boolean; recent: number; oldest_ms: number | null; booking_id: string | null }
		| undefined;
	try {
		[row] = await executeCompiled<typeof row>(
			getDb(),
			'confirm-hold',
			'',
			() => sql`
				select held, recent, oldest_ms, booking_id from confirm_hold(${p.hold}::bytea,
					${p.now}::timestamptz, ${p.person}::text, ${p.reference}::text, ${p.token}::bytea,
					${p.fullName}::text, ${p.birthDate}::date, ${p.nationality}::text, ${p.document}::text,
					${p.email}::text, ${p.phone}::text, ${p.proceeding}::text, ${p.locale}::text,
					${p.channel}::text, ${p.idempotency}::text, ${p.perWindow}::int,
					${p.windowStart}::timestamptz, ${p.lateMax}::bigint, ${p.lateHours}::int,
					${p.lateStart}::timestamptz, ${p.mailTo}::text, ${p.mailSubject}::text,
					${p.mailText}::text, ${p.mailUnsubscribe}::text)`,
			{
				hold: holdTokenHash,
				now: now.toISOString(),
				person: booking.personKey,
				reference: booking.reference,
				token: booking.tokenHash,
				fullName: booking.fullName,
				birthDate: booking.birthDate,
				nationality: booking.nationality,
				document: booking.documentNumber,
				email: booking.email,
				phone: booking.phone,
				proceeding: booking.proceedingNumber,
				locale: booking.locale,
				channel: booking.channel,
				idempotency: booking.idempotencyKey,
				perWindow: limits.perWindow,
				windowStart: limits.windowStart.toISOString(),
				lateMax: String(late.max),
				lateHours: late.hoursBefore,
				lateStart: late.windowStart.toISOString(),
				mailTo: letter?.to ?? null,
				mailSubject: letter?.subject ?? null,
				mailText: letter?.text ?? null,
				mailUnsubscribe: letter?.listUnsubscribe ?? null
			}
		);
	} catch (error) {
		const { code, message } = driverError(error);
		if (code === '23505' && message.includes('bookings_one_active_per_person')) {
			return { kind: 'already_booked' };
		}
		throw error;
	}
	if (row!.booking_id) {
		return {
			kind: 'confirmed',
			bookingId: row!.booking_id,
			booking: { ...record, id: row!.booking_id }
		};
	}
	if (!row!.held) return { kind: 'expired' };
	if (row!.recent >= limits.perWindow) return { kind: 'limit' };
	// Booking opens again when the oldest of these leaves the window.
	const oldest = new Date(Number(row!.oldest_ms));
	return {
		kind: 'late_cancellations',
		until: new Date(oldest.getTime() + (now.getTime() - late.windowStart.getTime()))
	};
}

export async function bookingIdByIdempotencyKey(key: string): Promise<string | null> {
	const [row] = await getDb()
		.select({ id: bookings.id })
		.from(bookings)
		.where(eq(bookings.idempotencyKey, key));
	return row?.id ?? null;
}

export interface BookingRecord {
	id: string;
	slotId: number;
	reference: string;
	fullName: string;
	email: string;
	locale: string;
	channel: Channel;
	startsAt: Date;
	endsAt: Date;
	serviceSlug: string;
	branch: {
		id: number;
		slug: string;
		name: string;
		street: string;
		postcode: string;
		city: string;
	};
	cancelledAt: Date | null;
	checkedInAt: Date | null;
	completedAt: Date | null;
	noShowAt: Date | null;
}

const bookingColumns = {
	id: bookings.id,
	slotId: bookings.slotId,
	reference: bookings.reference,
	fullName: bookings.fullName,
	email: bookings.email,
	locale: bookings.locale,
	channel: bookings.channel,
	startsAt: slots.startsAt,
	endsAt: slots.endsAt,
	serviceSlug: services.slug,
	branchId: branches.id,
	branchSlug: branches.slug,
	branchName: branches.name,
	street: branches.street,
	postcode: branches.postcode,
	city: branches.city,
	cancelledAt: bookings.cancelledAt,
	checkedInAt: bookings.checkedInAt,
	completedAt: bookings.completedAt,
	noShowAt: bookings.noShowAt
};

export async function findBooking(
	where: { tokenHash: Uint8Array } | { id: string }
): Promise<BookingRecord | null> {
	const [row] = await getDb()
		.select(bookingColumns)
		.from(bookings)
		.innerJoin(slots, eq(slots.id, bookings.slotId))
		.innerJoin(services, eq(services.id, bookings.serviceId))
		.innerJoin(branches, eq(branches.id, bookings.branchId))
		.where('id' in where ? eq(bookings.id, where.id) : eq(bookings.tokenHash, where.tokenHash));
	if (!row) return null;
	const { branchId, branchSlug, branchName, street, postcode, city, ...rest } = row;
	return {
		...rest,
		branch: { id: branchId, slug: branchSlug, name: branchName, street, postcode, city }
	};
}

/**
 * Cancels and gives the seat back in one statement, only while the booking is active and its
 * slot has not begun. Returns the freed slot when this call cancelled it (a second finds nothing).
 */
export async function cancelActive(tokenHash: Uint8Array, now: Date): Promise<number | null> {
	const rows = resultRows<{ id: string | number }>(
		await getDb().execute(sql`
			with cancelled as (
				update bookings b set cancelled_at = ${now.toISOString()}::timestamptz, cancelled_by = 'person'
				from slots s
				where b.token_hash = ${tokenHash} and s.id = b.slot_id
					and b.cancelled_at is null and b.checked_in_at is null
					and b.completed_at is null and b.no_show_at is null
					and s.starts_at > ${now.toISOString()}::timestamptz
				returning b.slot_id
			)
			update slots s set booked = s.booked - 1 from cancelled c where s.id = c.slot_id
			returning s.id`)
	);
	return rows.length === 1 ? Number(rows[0]!.id) : null;
}

export interface CounterRow {
	id: string;
	reference: string;
	fullName: string;
	serviceSlug: string;
	startsAt: Date;
	checkedInAt: Date | null;
	completedAt: Date | null;
	noShowAt: Date | null;
}

/** A branch's active (not cancelled) bookings starting in [from, to), by time. */
export async function bookingsOfDay(branchId: number, from: Date, to: Date): Promise<CounterRow[]> {
	return getDb()
		.select({
			id: bookings.id,
			reference: bookings.reference,
			fullName: bookings.fullName,
			serviceSlug: services.slug,
			startsAt: slots.startsAt,
			checkedInAt: bookings.checkedInAt,
			completedAt: bookings.completedAt,
			noShowAt: bookings.noShowAt
		})
		.from(bookings)
		.innerJoin(slots, eq(slots.id, bookings.slotId))
		.innerJoin(services, eq(services.id, bookings.serviceId))
		.where(
			and(
				eq(bookings.branchId, branchId),
				isNull(bookings.cancelledAt),
				gte(slots.startsAt, from),
				sql`${slots.startsAt} < ${to.toISOString()}::timestamptz`
			)
		)
		.orderBy(slots.startsAt, bookings.reference);
}

export type CounterStep = 'arrived' | 'done' | 'no_show';

/**
 * One step at the counter, as a conditional update so that a double click or two clerks change
 * nothing twice: arrived (from booked), done (from arrived), no-show (from booked). Returns the
 * booking id when this call made the change.
 */
export async function markAtCounter(
	branchId: number,
	reference: string,
	step: CounterStep,
	now: Date
): Promise<string | null> {
	const active = and(
		eq(bookings.branchId, branchId),
		eq(bookings.reference, reference),
		isNull(bookings.cancelledAt),
		isNull(bookings.completedAt),
		isNull(bookings.noShowAt)
	);
	const query =
		step === 'arrived'
			? getDb()
					.update(bookings)
					.set({ checkedInAt: now })
					.where(and(active, isNull(bookings.checkedInAt)))
			: step === 'done'
				? getDb()
						.update(bookings)
						.set({ completedAt: now })
						.where(and(active, sql`${bookings.checkedInAt} is not null`))
				: getDb()
						.update(bookings)
						.set({ noShowAt: now })
						.where(and(active, isNull(bookings.checkedInAt)));
	const [row] = await query.returning({ id: bookings.id });
	return row?.id ?? null;
}

/**
 * Moves an active, not yet started booking to another slot of the same action and branch in ONE
 * statement: the new seat is taken (conditional update) before the old one is given back, so
 * the person never ends up with neither — or with both.
 */
export async function moveBooking(
	tokenHash: Uint8Array,
	toSlotId: number,
	now: Date
): Promise<'moved' | 'full' | 'not_found'> {
	const rows = resultRows<{ outcome: string }>(
		await getDb().execute(sql`
			with current as (
				select b.id, b.slot_id, b.service_id, b.branch_id from bookings b join slots s on s.id = b.slot_id
				where b.token_hash = ${tokenHash} and b.cancelled_at is null and b.checked_in_at is null
					and b.completed_at is null and b.no_show_at is null
					and s.starts_at > ${now.toISOString()}::timestamptz
				for update of b
			), seat as (
				update slots s set booked = s.booked + 1
				from current c join services v on v.id = c.service_id
				where s.id = ${toSlotId} and s.id <> c.slot_id and s.service_id = c.service_id
					and s.branch_id = c.branch_id and s.booked < s.capacity
					and s.starts_at >= ${now.toISOString()}::timestamptz + make_interval(hours => v.min_lead_hours)
				returning s.id
			), moved as (
				update bookings b set slot_id = (select id from seat)
				from current c where b.id = c.id and exists (select 1 from seat)
				returning c.slot_id as old_slot
			), released as (
				update slots s set booked = s.booked - 1 from moved m where s.id = m.old_slot returning s.id
			)
			select case
				when not exists (select 1 from current) then 'not_found'
				when exists (select 1 from moved) then 'moved'
				else 'full' end as outcome,
				(select count(*) from released) as released`)
	);
	return (rows[0]?.outcome ?? 'not_found') as 'moved' | 'full' | 'not_found';
}

/** Bookings by reference or by the e-mail given with them (a data subject's access request). */
export async function bookingIdsBy(
	where: { reference: string } | { email: string }
): Promise<{ id: string; reference: string }[]> {
	return getDb()
		.select({ id: bookings.id, reference: bookings.reference })
		.from(bookings)
		.where(
			'reference' in where
				? eq(bookings.reference, where.reference)
				: sql`lower(${bookings.email}) = lower(${where.email})`
		)
		.orderBy(bookings.reference);
}
