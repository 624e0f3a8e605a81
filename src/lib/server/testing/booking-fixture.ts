import { eq } from 'drizzle-orm';
import { beforeAll } from 'vitest';
import { seedDemoData } from '../db/seed';
import { branches, services } from '../booking/booking.schema';
import type { BookingDetails } from '../booking/bookings.service';
import { slots } from '../booking/schedule.schema';
import { waitlistEntries } from '../booking/waitlist.schema';
import type { TestDatabase } from './test-database';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789';
export const MIN = 60_000;

export const person = (over: Partial<BookingDetails> = {}): BookingDetails => ({
	fullName: 'Olena Kovalenko',
	birthDate: '1990-05-01',
	nationality: 'UA',
	documentNumber: 'FA 123456',
	email: 'olena@example.com',
	phone: null,
	proceedingNumber: null,
	...over
});

/**
 * The demo data (branches, actions) in the enclosing `describe`'s database, and helpers to add a
 * slot at Praha I (`startsInHours` after `now`, plus a second per slot), read its `booked`, and
 * put someone on the branch's waiting list.
 */
export function bookingFixture(t: TestDatabase, now: Date) {
	const ids = { branch: 0, services: {} as Record<string, number> };
	// Slots are unique by start: each gets its own second, so tests may ask for the same hour.
	let seq = 0;
	beforeAll(async () => {
		await seedDemoData(t.db, { now, password: 'x', proceedingCount: 2 });
		const [branch] = await t.db
			.select({ id: branches.id })
			.from(branches)
			.where(eq(branches.slug, 'praha-1'));
		ids.branch = branch!.id;
		for (const s of await t.db.select({ id: services.id, slug: services.slug }).from(services)) {
			ids.services[s.slug] = s.id;
		}
	});
	return {
		ids,
		async slot(capacity: number, startsInHours: number, service = 'registration') {
			const startsAt = new Date(now.getTime() + startsInHours * 60 * MIN + seq++ * 1000);
			const [row] = await t.db
				.insert(slots)
				.values({
					branchId: ids.branch,
					serviceId: ids.services[service]!,
					startsAt,
					endsAt: new Date(startsAt.getTime() + 15 * MIN),
					capacity
				})
				.returning({ id: slots.id });
			return row!.id;
		},
		/** Puts `email` on Praha I's waiting list for `service` (November and December, in Ukrainian). */
		async waiting(
			email: string,
			{
				service = 'registration',
				at = now,
				priority = 0
			}: { service?: string; at?: Date; priority?: number } = {}
		) {
			await t.db.insert(waitlistEntries).values({
				serviceId: ids.services[service]!,
				branchId: ids.branch,
				fromDate: '2026-11-01',
				toDate: '2026-12-31',
				email,
				locale: 'uk',
				priority,
				createdAt: at
			});
		},
		async booked(id: number) {
			const [row] = await t.db.select({ booked: slots.booked }).from(slots).where(eq(slots.id, id));
			return row!.booked;
		}
	};
}
