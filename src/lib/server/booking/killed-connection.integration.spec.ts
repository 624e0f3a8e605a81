// Issue "Branch appointment booking": "A connection killed between the seat update and the booking
// insert → no seat consumed, no orphan row." Each test stops the real service code at a chosen
// point with a lock held by a second connection, terminates the waiting backend with
// pg_terminate_backend, and checks that PostgreSQL rolled back everything the attempt had done.
// It also checks the driver survives the kill: with postgres.js 3.4.9 it does not (see below).
import type { RequestEvent } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOverloadError } from '../db/errors';
import { seedDemoData } from '../db/seed';
import { bookingAdmission, noteOverload } from '../http/booking-admission';
import { databaseFaults } from '../http/database-faults';
import { hashToken } from '../security/tokens';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { branches, services } from './booking.schema';
import { bookingHolds } from './bookings.schema';
import {
	confirmBooking,
	holdSlot,
	personKey,
	releaseExpiredHolds,
	type BookingDetails
} from './bookings.service';
import { slots } from './schedule.schema';

const SECRET = 'test-secret-0123456789abcdef0123456789';
const NOW = new Date('2026-11-24T09:00:00Z');
const MIN = 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const POLL_MS = 20;
const POLL_LIMIT_MS = 5_000;

const person = (documentNumber: string): BookingDetails => ({
	fullName: 'Olena Kovalenko',
	birthDate: '1990-05-01',
	nationality: 'UA',
	documentNumber,
	email: 'olena@example.com',
	phone: null,
	proceedingNumber: null
});

/**
 * What a request that met `error` is answered, through the hooks as hooks.server.ts orders them:
 * Kit calls handleError (which notes the overload) and renders a 500, which the hooks replace.
 */
async function answerFor(error: unknown, path: string): Promise<Response> {
	const event = {
		request: new Request(`http://localhost${path}`, { method: 'POST' }),
		url: new URL(`http://localhost${path}`),
		locals: {}
	} as unknown as RequestEvent;
	const admission = bookingAdmission(() => 80);
	return databaseFaults({
		event,
		resolve: (e) =>
			admission({
				event: e,
				resolve: async () => {
					noteOverload(e, error);
					return new Response('error page', { status: 500 });
				}
			})
	});
}

/** A killed connection is a fault to retry: a booking write 429, any other request 503, both with Retry-After. */
async function expectAnsweredAsOverload(error: unknown): Promise<void> {
	expect(isOverloadError(error)).toBe(true);
	const booking = await answerFor(error, '/uk/book/registration/praha-1?/hold');
	expect(booking.status).toBe(429);
	expect(Number(booking.headers.get('retry-after'))).toBeGreaterThan(0);
	const other = await answerFor(error, '/uk/help?/share');
	expect(other.status).toBe(503);
	expect(Number(other.headers.get('retry-after'))).toBeGreaterThan(0);
	expect(await other.text()).toContain('lang="uk"');
}

// Killing backends needs a real server; PGlite has a single connection and no pg_stat_activity.
describe.skipIf(!ENGINES.includes('postgres'))(
	'killed connections on PostgreSQL (skipped without TEST_DATABASE_URL)',
	() => {
		const t = testDatabaseFor('postgres');
		/** A second session that takes the locks the service code then waits on. */
		let locker: postgres.Sql;
		/** A third that watches pg_stat_activity and kills the waiting backend. */
		let observer: postgres.Sql;
		let branchId: number;
		let serviceId: number;

		beforeAll(async () => {
			await seedDemoData(t.db, { now: NOW, password: 'x', proceedingCount: 2 });
			const [branch] = await t.db
				.select({ id: branches.id })
				.from(branches)
				.where(eq(branches.slug, 'praha-1'));
			const [service] = await t.db
				.select({ id: services.id })
				.from(services)
				.where(eq(services.slug, 'registration'));
			branchId = branch!.id;
			serviceId = service!.id;
			locker = postgres(t.url!, { max: 1, onnotice: () => {} });
			observer = postgres(t.url!, { max: 1, onnotice: () => {} });
		});

		afterAll(async () => {
			await locker?.end({ timeout: 5 });
			await observer?.end({ timeout: 5 });
		});

		async function slot(startsInHours: number): Promise<number> {
			const startsAt = at(startsInHours * 60 * MIN);
			const [row] = await t.db
				.insert(slots)
				.values({
					branchId,
					serviceId,
					startsAt,
					endsAt: new Date(startsAt.getTime() + 15 * MIN),
					capacity: 1
				})
				.returning({ id: slots.id });
			return row!.id;
		}

		/** The seat counter and what should account for it: live holds plus bookings. */
		async function seats(slotId: number) {
			const [row] = await t.db
				.select({
					booked: slots.booked,
					holds: sql<number>`(select count(*)::int from booking_holds h where h.slot_id = ${slotId})`,
					bookings: sql<number>`(select count(*)::int from bookings b where b.slot_id = ${slotId})`
				})
				.from(slots)
				.where(eq(slots.id, slotId));
			return row!;
		}

		const holdExists = async (token: string) =>
			(
				await t.db
					.select({ id: bookingHolds.id })
					.from(bookingHolds)
					.where(eq(bookingHolds.tokenHash, hashToken(token)))
			).length === 1;

		/**
		 * The app's backend that waits on a lock running `statement`, polled every 20 ms for up to
		 * 5 s; null once `gaveUp()` is true (the call under test has settled).
		 */
		async function blockedBackend(
			waitEvents: string[],
			statement: string,
			gaveUp: () => boolean = () => false
		): Promise<number | null> {
			const deadline = Date.now() + POLL_LIMIT_MS;
			while (Date.now() < deadline) {
				const found = await observer<{ pid: number }[]>`
					select pid from pg_stat_activity
					where datname = current_database() and pid <> pg_backend_pid()
						and wait_event_type = 'Lock' and wait_event in ${observer(waitEvents)}
						and query like ${'%' + statement + '%'}`;
				if (found.length > 1) throw new Error(`${found.length} backends blocked; expected one`);
				if (found[0]) return found[0].pid;
				if (gaveUp()) return null;
				await new Promise((resolve) => setTimeout(resolve, POLL_MS));
			}
			throw new Error(`No backend blocked on ${statement} within ${POLL_LIMIT_MS} ms`);
		}

		/** Kills the backend and waits (up to 5 s) until it has exited. */
		async function terminate(pid: number): Promise<void> {
			const [row] = await observer<{ done: boolean }[]>`
				select pg_terminate_backend(${pid}, ${POLL_LIMIT_MS}) as done`;
			expect(row?.done).toBe(true);
		}

		/** Settles to the value or the error, so a rejection is inspected rather than thrown. */
		function settle<T>(promise: Promise<T>) {
			const state = { done: false };
			const result = promise.then(
				(value) => ({ value }),
				(error: unknown) => ({ error })
			);
			void result.then(() => (state.done = true));
			return { result, done: () => state.done };
		}

		/**
		 * Holds the slot's one seat, then confirms while `locker` holds the person's advisory lock:
		 * the one statement of the confirmation (`confirm_hold`, migration 0020) waits in
		 * pg_advisory_xact_lock before it touches the hold, the booking or the outbox.
		 * Every waiting attempt is killed there (the service retries only a reference collision, so
		 * there is one); returns the hold token and the backends killed.
		 */
		async function confirmKilledMidTransaction(slotId: number, documentNumber: string) {
			const hold = await holdSlot(slotId, NOW);
			if (hold.kind !== 'held') throw new Error('full');
			const details = person(documentNumber);
			const key = personKey(SECRET, details.documentNumber, details.birthDate);
			await locker`select pg_advisory_lock(hashtext(${key}))`;

			const confirming = settle(
				confirmBooking({
					holdToken: hold.token,
					details,
					channel: 'web',
					locale: 'uk',
					secret: SECRET,
					now: NOW
				})
			);
			const killed: number[] = [];
			for (;;) {
				const pid = await blockedBackend(['advisory'], 'confirm_hold(', confirming.done);
				if (pid === null) break;
				// The waiting confirmation has not touched the hold yet: it is there, unlocked.
				const unlocked = await observer`
					select id from booking_holds where token_hash = ${Buffer.from(hashToken(hold.token))}
					for update skip locked`;
				expect(await holdExists(hold.token)).toBe(true);
				expect(unlocked).toHaveLength(1);
				await terminate(pid);
				killed.push(pid);
				if (killed.length > 5) throw new Error('confirmBooking keeps retrying');
			}
			const outcome = await confirming.result;
			await locker`select pg_advisory_unlock(hashtext(${key}))`;
			return { token: hold.token, details, outcome, killed };
		}

		const confirm = (holdToken: string, details: BookingDetails, now = NOW) =>
			confirmBooking({ holdToken, details, channel: 'web', locale: 'uk', secret: SECRET, now });

		it("a confirmation killed while it waits for the person's lock keeps the seat with the hold; confirming again books it once", async () => {
			const id = await slot(48);
			const { token, details, outcome, killed } = await confirmKilledMidTransaction(id, 'KILL 1');

			expect(killed).toHaveLength(1);
			if ('value' in outcome) expect(outcome.value.kind).not.toBe('confirmed');
			else {
				expect(outcome.error).toBeInstanceOf(Error);
				await expectAnsweredAsOverload(outcome.error);
			}

			expect(await holdExists(token)).toBe(true);
			expect(await seats(id)).toEqual({ booked: 1, holds: 1, bookings: 0 });

			const again = await confirm(token, details);
			expect(again.kind).toBe('confirmed');
			expect(await seats(id)).toEqual({ booked: 1, holds: 0, bookings: 1 });
			// A repeat is the same booking, not a second one.
			const repeat = await confirm(token, details);
			expect(repeat.kind === 'confirmed' && repeat.booking.id).toBe(
				again.kind === 'confirmed' && again.booking.id
			);
			expect(await seats(id)).toEqual({ booked: 1, holds: 0, bookings: 1 });
		});

		it('a confirmation killed inside its one statement, after the hold delete and before the booking insert, keeps the seat with the hold', async () => {
			const id = await slot(58);
			const hold = await holdSlot(id, NOW);
			if (hold.kind !== 'held') throw new Error('full');
			const details = person('KILL 4');
			// Another session's uncommitted booking under the idempotency key this confirmation will
			// use (bookings.service: the hashed hold token): its insert waits on the unique index,
			// after the statement has deleted the hold.
			const blocker = await locker.reserve();
			try {
				await blocker`begin`;
				await blocker`
					insert into bookings (slot_id, branch_id, service_id, reference, token_hash, person_key,
						full_name, birth_date, nationality, document_number, email, locale, channel,
						idempotency_key, created_at)
					values (${id}, ${branchId}, ${serviceId}, 'BLOCKER1', ${Buffer.from(hashToken('blocker'))},
						'someone else', 'X', '1990-01-01', 'UA', 'X', 'x@example.com', 'uk', 'web',
						${Buffer.from(hashToken(`idem:${hold.token}`)).toString('base64url')}, ${NOW})`;
				const confirming = settle(confirm(hold.token, details));
				const pid = await blockedBackend(['transactionid'], 'confirm_hold(');
				// The waiting statement has deleted the hold: still visible to others (not committed)
				// but locked by that delete.
				const unlocked = await observer`
					select id from booking_holds where token_hash = ${Buffer.from(hashToken(hold.token))}
					for update skip locked`;
				expect(await holdExists(hold.token)).toBe(true);
				expect(unlocked).toHaveLength(0);
				await terminate(pid!);
				const outcome = await confirming.result;
				expect('error' in outcome).toBe(true);
				if ('error' in outcome) await expectAnsweredAsOverload(outcome.error);
			} finally {
				await blocker`rollback`;
				blocker.release();
			}
			// Everything the statement did is undone: the hold keeps its seat, and there is no booking.
			expect(await holdExists(hold.token)).toBe(true);
			expect(await seats(id)).toEqual({ booked: 1, holds: 1, bookings: 0 });
			const again = await confirm(hold.token, details);
			expect(again.kind).toBe('confirmed');
			expect(await seats(id)).toEqual({ booked: 1, holds: 0, bookings: 1 });
		});

		it('after a killed confirmation the hold still expires, and its seat is given back exactly once', async () => {
			const id = await slot(52);
			const { token, details, killed } = await confirmKilledMidTransaction(id, 'KILL 2');
			expect(killed.length).toBeGreaterThanOrEqual(1);
			expect(await seats(id)).toEqual({ booked: 1, holds: 1, bookings: 0 });

			expect(await releaseExpiredHolds(at(11 * MIN))).toBeGreaterThanOrEqual(1);
			expect(await seats(id)).toEqual({ booked: 0, holds: 0, bookings: 0 });
			expect(await releaseExpiredHolds(at(12 * MIN))).toBe(0);
			expect(await seats(id)).toEqual({ booked: 0, holds: 0, bookings: 0 });
			expect(await confirm(token, details, at(12 * MIN))).toEqual({ kind: 'expired' });
		});

		it('after a confirmation is killed, the process does not crash and every pooled connection works again', async () => {
			const crashes: string[] = [];
			const onCrash = (error: Error) => crashes.push(error.stack ?? error.message);
			process.on('uncaughtException', onCrash);
			try {
				const { killed } = await confirmKilledMidTransaction(await slot(54), 'KILL 3');
				expect(killed.length).toBeGreaterThanOrEqual(1);
				// Every connection of the pool (20 in tests) at once, so the replaced ones are used too.
				const burst = await Promise.allSettled(
					Array.from({ length: 20 }, () => t.db.execute(sql`select pg_sleep(0.2)`))
				);
				const failed = burst.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
				expect(failed).toEqual([]);
			} finally {
				process.off('uncaughtException', onCrash);
			}
			// Unpatched, postgres.js 3.4.9 wrote its ROLLBACK to the closed socket from a setImmediate
			// (porsager/postgres#1208): an uncaught TypeError that would stop a production server,
			// and the next query on the reconnected connection got the killed session's error.
			// patches/postgres+3.4.9.patch fixes both.
			expect(crashes).toEqual([]);
		});

		it('a hold killed while its statement waits for the slot row takes no seat and leaves no hold', async () => {
			const id = await slot(56);
			const rowLock = await locker.reserve();
			try {
				await rowLock`begin`;
				await rowLock`select id from slots where id = ${id} for update`;
				const holding = settle(holdSlot(id, NOW));
				const pid = await blockedBackend(['tuple', 'transactionid'], 'insert into booking_holds');
				expect(pid).not.toBeNull();
				await terminate(pid!);
				const outcome = await holding.result;
				expect('error' in outcome).toBe(true);
				// 57P01 (terminating connection due to administrator command) or the lost socket.
				if ('error' in outcome) await expectAnsweredAsOverload(outcome.error);
			} finally {
				await rowLock`rollback`;
				rowLock.release();
			}
			expect(await seats(id)).toEqual({ booked: 0, holds: 0, bookings: 0 });
			const [orphans] = await t.db
				.select({ n: sql<number>`count(*)::int` })
				.from(bookingHolds)
				.where(eq(bookingHolds.slotId, id));
			expect(orphans!.n).toBe(0);
			// The pool has replaced the killed connection: the seat can be held normally.
			expect((await holdSlot(id, NOW)).kind).toBe('held');
			expect(await seats(id)).toEqual({ booked: 1, holds: 1, bookings: 0 });
		});
	}
);
