import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bookingFixture, MIN, person, TEST_SECRET } from '../testing/booking-fixture';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { bookings } from './bookings.schema';
import {
	bookingByToken,
	bookingOfHold,
	cancelBooking,
	confirmBooking,
	holdSlot,
	releaseExpiredHolds,
	rescheduleBooking
} from './bookings.service';
import { usageEvents } from '../insights/insights.schema';
import { flushUsageEvents } from '../insights/insights.service';
import { mailOutbox } from '../mail/outbox.schema';
import { claimOffer, joinWaitlist } from './waitlist.service';

const SECRET = TEST_SECRET;
const ORIGIN = 'https://pobyt.example';
const NOW = new Date('2026-11-24T09:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe.each(ENGINES)('holds and bookings on %s', (engine) => {
	const t = testDatabaseFor(engine);
	const { ids, slot, booked, waiting } = bookingFixture(t, NOW);
	const confirm = (holdToken: string, details = person(), now = NOW, origin?: string) =>
		confirmBooking({
			holdToken,
			details,
			channel: 'web',
			locale: 'uk',
			secret: SECRET,
			now,
			origin
		});

	it('holds only free seats, only 24 hours or more ahead', async () => {
		const id = await slot(2, 72);
		expect((await holdSlot(id, NOW)).kind).toBe('held');
		expect((await holdSlot(id, NOW)).kind).toBe('held');
		expect(await holdSlot(id, NOW)).toEqual({ kind: 'full' });
		expect(await booked(id)).toBe(2);
		expect(await holdSlot(await slot(5, 10), NOW)).toEqual({ kind: 'full' });
	});

	it("gives an expired hold's seat back exactly once", async () => {
		const id = await slot(1, 96);
		expect((await holdSlot(id, NOW)).kind).toBe('held');
		expect(await releaseExpiredHolds(at(9 * MIN))).toBe(0);
		expect(await releaseExpiredHolds(at(11 * MIN))).toBeGreaterThanOrEqual(1);
		expect(await releaseExpiredHolds(at(11 * MIN))).toBe(0);
		expect(await booked(id)).toBe(0);
		expect((await holdSlot(id, at(12 * MIN))).kind).toBe('held');
		// Nobody swept since: the slot looks full, but a stale hold never blocks a free seat — the
		// hold gives expired holds back and tries again.
		expect((await holdSlot(id, at(23 * MIN))).kind).toBe('held');
		expect(await booked(id)).toBe(1);
		expect(await holdSlot(id, at(24 * MIN))).toEqual({ kind: 'full' });
	});

	it('confirms a hold once: a retry gets the same booking and link; an expired hold is refused', async () => {
		const id = await slot(3, 48);
		const hold = await holdSlot(id, NOW);
		if (hold.kind !== 'held') throw new Error('full');
		expect(await bookingOfHold(hold.token, SECRET)).toBeNull();
		const first = await confirm(hold.token);
		expect(first.kind).toBe('confirmed');
		if (first.kind !== 'confirmed') return;
		// A repeat arriving after the hold is gone finds the same booking's link.
		expect(await bookingOfHold(hold.token, SECRET)).toBe(first.token);
		expect(first.booking.reference).toMatch(
			/^[ACDEFGHJKMNPQRTUVWXY34679]{4}-[ACDEFGHJKMNPQRTUVWXY34679]{4}$/
		);
		expect(first.booking.serviceSlug).toBe('registration');
		const again = await confirm(hold.token);
		expect(again).toMatchObject({ kind: 'confirmed', token: first.token });
		expect(again.kind === 'confirmed' && again.booking.id).toBe(first.booking.id);
		expect(await booked(id)).toBe(1);
		expect((await bookingByToken(first.token))?.reference).toBe(first.booking.reference);

		const late = await holdSlot(id, NOW);
		if (late.kind !== 'held') throw new Error('full');
		expect(await confirm(late.token, person({ documentNumber: 'X1' }), at(11 * MIN))).toEqual({
			kind: 'expired'
		});
	});

	it('writes the confirmation e-mail with the booking, once, when the same hold is confirmed twice at once', async () => {
		const id = await slot(2, 50);
		const hold = await holdSlot(id, NOW);
		if (hold.kind !== 'held') throw new Error('full');
		const email = 'once@example.com';
		const details = person({ documentNumber: 'ONCE 1', email });
		const both = await Promise.all([0, 1].map(() => confirm(hold.token, details, NOW, ORIGIN)));
		expect(both.map((r) => r.kind)).toEqual(['confirmed', 'confirmed']);
		if (both[0]!.kind !== 'confirmed' || both[1]!.kind !== 'confirmed') return;
		expect(both[1]!.booking.id).toBe(both[0]!.booking.id);
		// The record the confirmation returns is the booking as read back from the database.
		expect(both[0]!.booking).toEqual(await bookingByToken(both[0]!.token));
		const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toContain(both[0]!.booking.reference);
		expect(mails[0]!.textBody).toContain(`${ORIGIN}/uk/booking/${both[0]!.token}`);

		// A refused confirmation writes no e-mail (the same person already booked this action).
		const other = await holdSlot(id, NOW);
		if (other.kind !== 'held') throw new Error('full');
		const refused = await confirm(other.token, details, NOW, ORIGIN);
		expect(refused.kind).toBe('already_booked');
		expect(
			await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email))
		).toHaveLength(1);
	});

	it('one active booking per person and action; three bookings in 60 days at most', async () => {
		const olga = person({ documentNumber: 'OL 777', birthDate: '1985-02-02' });
		const a = await slot(2, 50, 'biometrics');
		const h1 = await holdSlot(a, NOW);
		const h2 = await holdSlot(a, NOW);
		if (h1.kind !== 'held' || h2.kind !== 'held') throw new Error('full');
		expect((await confirm(h1.token, olga)).kind).toBe('confirmed');
		// Spaces and case in the document number do not make another person.
		expect(await confirm(h2.token, { ...olga, documentNumber: 'ol777' })).toEqual({
			kind: 'already_booked'
		});
		expect(await booked(a)).toBe(2); // the refused hold keeps its seat until it expires

		for (const service of ['card-pickup', 'exit-order']) {
			const h = await holdSlot(await slot(1, 60, service), NOW);
			if (h.kind !== 'held') throw new Error('full');
			expect((await confirm(h.token, olga)).kind).toBe('confirmed');
		}
		const fourth = await holdSlot(await slot(1, 60, 'report-changes'), NOW);
		if (fourth.kind !== 'held') throw new Error('full');
		expect(await confirm(fourth.token, olga)).toEqual({ kind: 'limit' });
	});

	it('cancels once, giving the seat back', async () => {
		const id = await slot(1, 80);
		const hold = await holdSlot(id, NOW);
		if (hold.kind !== 'held') throw new Error('full');
		const done = await confirm(hold.token, person({ documentNumber: 'CANCEL 1' }));
		if (done.kind !== 'confirmed') throw new Error(done.kind);
		expect(await booked(id)).toBe(1);
		expect(await cancelBooking(done.token, at(MIN), ORIGIN)).toBe(true);
		expect(await cancelBooking(done.token, at(MIN), ORIGIN)).toBe(false);
		expect(await booked(id)).toBe(0);
		expect((await bookingByToken(done.token))?.cancelledAt).not.toBeNull();
		expect(await cancelBooking('not-a-token', NOW, ORIGIN)).toBe(false);
	});

	it.runIf(engine === 'postgres')(
		'64 people racing for 3 seats: exactly 3 holds; 20 identical confirmations: 1 booking',
		async () => {
			const id = await slot(3, 100);
			const holds = await Promise.all(Array.from({ length: 64 }, () => holdSlot(id, NOW)));
			const won = holds.filter((h) => h.kind === 'held');
			expect(won).toHaveLength(3);
			expect(await booked(id)).toBe(3);

			const token = (won[0] as { token: string }).token;
			const results = await Promise.all(
				Array.from({ length: 20 }, () => confirm(token, person({ documentNumber: 'RACE 20' })))
			);
			const ids = new Set(results.map((r) => (r.kind === 'confirmed' ? r.booking.id : r.kind)));
			expect([...ids]).toHaveLength(1);
			expect(results.every((r) => r.kind === 'confirmed')).toBe(true);
			const [rows] = await t.db
				.select({ n: sql<number>`count(*)::int` })
				.from(bookings)
				.where(eq(bookings.slotId, id));
			expect(rows!.n).toBe(1);
			expect(await booked(id)).toBe(3);
		}
	);

	it('reschedules: the new seat is taken before the old one is given back; a full slot changes nothing', async () => {
		const a = await slot(1, 110, 'present-original');
		const b = await slot(1, 120, 'present-original');
		const full = await slot(1, 130, 'present-original');
		const hold = await holdSlot(a, NOW);
		const blocker = await holdSlot(full, NOW);
		if (hold.kind !== 'held' || blocker.kind !== 'held') throw new Error('full');
		const done = await confirm(hold.token, person({ documentNumber: 'MOVE 1' }));
		if (done.kind !== 'confirmed') throw new Error(done.kind);
		expect(await rescheduleBooking(done.token, full, at(MIN), ORIGIN)).toBe('full');
		expect([await booked(a), await booked(full)]).toEqual([1, 1]);
		expect(await rescheduleBooking(done.token, b, at(MIN), ORIGIN)).toBe('moved');
		expect([await booked(a), await booked(b)]).toEqual([0, 1]);
		expect((await bookingByToken(done.token))?.slotId).toBe(b);
		// Another action's slot is not a place to move to.
		const other = await slot(3, 140, 'registration');
		expect(await rescheduleBooking(done.token, other, at(MIN), ORIGIN)).toBe('full');
		expect(await cancelBooking(done.token, at(2 * MIN), ORIGIN)).toBe(true);
		expect(await rescheduleBooking(done.token, a, at(3 * MIN), ORIGIN)).toBe('not_found');
	});

	it.runIf(engine === 'postgres')(
		'two people moving into the last seat at once: one moves, one keeps their time',
		async () => {
			const target = await slot(1, 150, 'present-original');
			const tokens: string[] = [];
			for (const [i, doc] of ['RACE MOVE 1', 'RACE MOVE 2'].entries()) {
				const h = await holdSlot(await slot(1, 160 + i, 'present-original'), NOW);
				if (h.kind !== 'held') throw new Error('full');
				const d = await confirm(h.token, person({ documentNumber: doc }));
				if (d.kind !== 'confirmed') throw new Error(d.kind);
				tokens.push(d.token);
			}
			const outcomes = await Promise.all(
				tokens.map((tk) => rescheduleBooking(tk, target, at(MIN), ORIGIN))
			);
			expect(outcomes.sort()).toEqual(['full', 'moved']);
			expect(await booked(target)).toBe(1);
		}
	);

	it('counts the funnel anonymously: holds, confirmations, cancellations, refusals by reason', async () => {
		// On its own: what the other tests counted is cleared, and each step happens here.
		await flushUsageEvents();
		await t.db.delete(usageEvents);
		const olena = person({ documentNumber: 'FA 123456 F' });
		const one = await slot(1, 170, 'card-pickup');
		const hold = await holdSlot(one, NOW); // held
		if (hold.kind !== 'held') throw new Error(hold.kind);
		expect(await holdSlot(one, NOW)).toEqual({ kind: 'full' }); // refused: full
		const done = await confirm(hold.token, olena); // confirmed
		if (done.kind !== 'confirmed') throw new Error(done.kind);
		const twice = await holdSlot(await slot(1, 171, 'card-pickup'), NOW);
		if (twice.kind !== 'held') throw new Error(twice.kind);
		expect(await confirm(twice.token, olena)).toEqual({ kind: 'already_booked' });
		expect(await cancelBooking(done.token, at(MIN), ORIGIN)).toBe(true); // cancelled
		const late = await holdSlot(await slot(1, 172, 'card-pickup'), NOW);
		if (late.kind !== 'held') throw new Error(late.kind);
		expect(await confirm(late.token, olena, at(11 * MIN))).toEqual({ kind: 'expired' });
		// A fourth booking in 60 days is refused: limit.
		const busy = person({ documentNumber: 'FUNNEL 4' });
		const services = ['exit-order', 'biometrics', 'present-original', 'report-changes'];
		for (const [i, service] of services.entries()) {
			const h = await holdSlot(await slot(1, 173 + i, service), NOW);
			if (h.kind !== 'held') throw new Error(h.kind);
			expect((await confirm(h.token, busy)).kind).toBe(i < 3 ? 'confirmed' : 'limit');
		}
		await flushUsageEvents();
		const rows = await t.db.select().from(usageEvents);
		const facets = rows.map((r) => `${r.kind}:${r.facets?.step ?? r.facets?.reason}`);
		for (const expected of [
			'booking:held',
			'booking:confirmed',
			'booking:cancelled',
			'booking_refused:full',
			'booking_refused:expired',
			'booking_refused:already_booked',
			'booking_refused:limit'
		]) {
			expect(facets).toContain(expected);
		}
		const text = JSON.stringify(rows);
		expect(text).not.toMatch(/Olena|example\.com|FA 123456|1990-05-01/);
	});

	describe('the waitlist', () => {
		const offersTo = async (email: string) =>
			t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
		const join = (email: string, at: Date, priority = 0) =>
			waiting(email, { service: 'residence-confirmation', at, priority });

		it('a cancellation offers the seat, held, to the first waiting: displaced by a closure first, then first come', async () => {
			const id = await slot(1, 90, 'residence-confirmation');
			const hold = await holdSlot(id, NOW);
			if (hold.kind !== 'held') throw new Error('full');
			const done = await confirm(hold.token, person({ documentNumber: 'WAIT 1' }));
			if (done.kind !== 'confirmed') throw new Error(done.kind);
			await join('first@example.com', at(MIN));
			await join('displaced@example.com', at(2 * MIN), 1);
			await joinWaitlist({
				serviceId: ids.services['residence-confirmation']!,
				branchId: ids.branch,
				fromDate: '2026-11-01',
				toDate: '2026-12-31',
				email: 'third@example.com',
				locale: 'vi',
				now: at(3 * MIN)
			});

			expect(await cancelBooking(done.token, at(5 * MIN), ORIGIN)).toBe(true);
			expect(await offersTo('first@example.com')).toHaveLength(0);
			const [offer] = await offersTo('displaced@example.com');
			expect(offer!.subject).toBe('Звільнився час – ми тримаємо його для вас');
			const token = /\/uk\/book\/claim\/([A-Za-z0-9_-]{27})/.exec(offer!.textBody)![1]!;
			expect(await claimOffer(token, at(6 * MIN))).toMatchObject({
				serviceSlug: 'residence-confirmation',
				branchSlug: 'praha-1'
			});
			// Held for them: nobody else can take the seat meanwhile; the offer lapses after 30 min.
			expect(await booked(id)).toBe(1);
			expect(await holdSlot(id, at(6 * MIN))).toEqual({ kind: 'full' });
			expect(await claimOffer(token, at(36 * MIN))).toBeNull();
		});

		it.runIf(engine === 'postgres')(
			'two seats freed at once go to two different people',
			async () => {
				const id = await slot(2, 95, 'residence-confirmation');
				const tokens: string[] = [];
				for (const doc of ['PAIR 1', 'PAIR 2']) {
					const hold = await holdSlot(id, NOW);
					if (hold.kind !== 'held') throw new Error('full');
					const done = await confirm(hold.token, person({ documentNumber: doc }));
					if (done.kind !== 'confirmed') throw new Error(done.kind);
					tokens.push(done.token);
				}
				await Promise.all(tokens.map((tk) => cancelBooking(tk, at(7 * MIN), ORIGIN)));
				expect(await offersTo('first@example.com')).toHaveLength(1);
				expect(await offersTo('third@example.com')).toHaveLength(1);
				expect(await booked(id)).toBe(2);
			}
		);
	});
});
