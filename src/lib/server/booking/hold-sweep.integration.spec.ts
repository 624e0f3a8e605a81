// The seat of a hold that ran out goes to the waiting list first, as a cancelled booking's does.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bookingFixture, MIN } from '../testing/booking-fixture';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { mailOutbox } from '../mail/outbox.schema';
import { holdSlot, sweepExpiredHolds } from './bookings.service';

const NOW = new Date('2026-11-24T09:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const ORIGIN = 'https://pobyt.example';

describe.each(ENGINES)('the hold sweep on %s', (engine) => {
	const t = testDatabaseFor(engine);
	const { slot, booked, waiting: wait } = bookingFixture(t, NOW);
	const mailTo = (email: string) =>
		t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));

	it('offers an expired hold’s seat to the first person waiting, then frees the rest', async () => {
		const waited = await slot(1, 72);
		const free = await slot(2, 74);
		for (const id of [waited, free, free]) {
			expect((await holdSlot(id, NOW)).kind).toBe('held');
		}
		await wait('waiting@example.com');
		// Not yet run out: nothing moves.
		expect(await sweepExpiredHolds(at(9 * MIN), ORIGIN)).toBe(0);
		expect(await booked(waited)).toBe(1);
		// Run out: the first seat is held for the person waiting (an offer e-mail), the other two
		// find nobody left to wait and come back free.
		expect(await sweepExpiredHolds(at(11 * MIN), ORIGIN)).toBe(1);
		expect(await mailTo('waiting@example.com')).toHaveLength(1);
		expect((await booked(waited)) + (await booked(free))).toBe(1);
		// Swept once: a second sweep finds nothing.
		expect(await sweepExpiredHolds(at(12 * MIN), ORIGIN)).toBe(0);
		expect(await mailTo('waiting@example.com')).toHaveLength(1);
	});

	it("a hold finding its slot full sweeps only that slot: other slots' seats wait for the sweep", async () => {
		const full = await slot(1, 80);
		const other = await slot(1, 82);
		expect((await holdSlot(full, NOW)).kind).toBe('held');
		expect((await holdSlot(other, NOW)).kind).toBe('held');
		expect((await holdSlot(full, at(11 * MIN))).kind).toBe('held');
		expect(await booked(full)).toBe(1);
		// The other slot's expired hold is still there for the sweep (and its waiting list).
		expect(await booked(other)).toBe(1);
		await wait('second@example.com');
		expect(await sweepExpiredHolds(at(12 * MIN), ORIGIN)).toBe(1);
		expect(await mailTo('second@example.com')).toHaveLength(1);
		expect(await booked(other)).toBe(1);
	});
});
