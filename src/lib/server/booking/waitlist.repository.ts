import { eq, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { resultRows } from '../db/rows';
import { branches, services } from './booking.schema';
import { bookingHolds } from './bookings.schema';
import { slots } from './schedule.schema';
import { waitlistEntries } from './waitlist.schema';

export async function insertWaitlistEntry(entry: {
	serviceId: number;
	branchId: number;
	fromDate: string;
	toDate: string;
	email: string;
	locale: string;
	createdAt: Date;
}): Promise<void> {
	await getDb().insert(waitlistEntries).values(entry);
}

export interface Offer {
	email: string;
	locale: string;
}

/**
 * Offers a free seat of a slot to the first person waiting for it, in ONE statement: the entry is
 * picked in fair order and locked (SKIP LOCKED, so two offers never pick the same person), the
 * seat is taken as a hold for them, and the entry marked offered — or nothing happens.
 */
export async function offerSeat(
	slotId: number,
	hold: { tokenHash: Uint8Array; expiresAt: Date },
	now: Date
): Promise<Offer | null> {
	const rows = resultRows<Offer>(
		await getDb().execute(sql`
			with slot as (
				select id, service_id, branch_id, (starts_at at time zone 'Europe/Prague')::date as day,
					starts_at at time zone 'Europe/Prague' as local
				from slots where id = ${slotId} and booked < capacity
			), entry as (
				select w.id from waitlist_entries w, slot
				where w.service_id = slot.service_id and w.branch_id = slot.branch_id
					and w.offered_at is null and slot.day between w.from_date and w.to_date
					-- Someone a draw left over waits only for the times that suit them.
					and (w.preferences is null or (
						(jsonb_array_length(w.preferences->'weekdays') = 0
							or w.preferences->'weekdays' @> to_jsonb(extract(isodow from slot.local)::int))
						and (jsonb_array_length(w.preferences->'parts') = 0
							or w.preferences->'parts' @> to_jsonb(case when extract(hour from slot.local) < 12 then 'morning' else 'afternoon' end))))
				order by w.priority desc, w.created_at, w.id
				limit 1
				for update of w skip locked
			), seat as (
				update slots set booked = booked + 1
				where id = (select id from slot) and booked < capacity and exists (select 1 from entry)
				returning id
			), held as (
				insert into booking_holds (slot_id, token_hash, expires_at, created_at)
				select id, ${hold.tokenHash}, ${hold.expiresAt.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
				from seat
				returning id
			)
			update waitlist_entries w set offered_at = ${now.toISOString()}::timestamptz
			from entry where w.id = entry.id and exists (select 1 from held)
			returning w.email, w.locale`)
	);
	return rows[0] ?? null;
}

/** Where a live hold leads (an offered seat's link). */
export async function holdTarget(
	tokenHash: Uint8Array,
	now: Date
): Promise<{ serviceSlug: string; branchSlug: string; expiresAt: Date } | null> {
	const [row] = await getDb()
		.select({
			serviceSlug: services.slug,
			branchSlug: branches.slug,
			expiresAt: bookingHolds.expiresAt
		})
		.from(bookingHolds)
		.innerJoin(slots, eq(slots.id, bookingHolds.slotId))
		.innerJoin(services, eq(services.id, slots.serviceId))
		.innerJoin(branches, eq(branches.id, slots.branchId))
		.where(
			sql`${bookingHolds.tokenHash} = ${tokenHash} and ${bookingHolds.expiresAt} > ${now.toISOString()}::timestamptz`
		);
	return row ?? null;
}
