// The hold a confirmation takes (`heldFor`): only the page's own action and branch, only while
// the action is still offered — the check page confirms from it without reading it again.
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { bookingFixture } from '../testing/booking-fixture';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { services } from './booking.schema';
import { heldFor, serviceBySlug } from './booking-offer.service';
import { holdSlot } from './bookings.service';

const NOW = new Date('2026-11-24T09:00:00Z');

describe.each(ENGINES)('the hold a confirmation takes, on %s', (engine) => {
	const t = testDatabaseFor(engine);
	const { slot } = bookingFixture(t, NOW);

	/**
	 * Runs `run` with the wall clock moved past the actions' 30 s cache (further each time, as the
	 * cache keeps the moved time), without touching other timers.
	 */
	let skew = 0;
	async function afterCacheAge<T>(run: () => Promise<T>): Promise<T> {
		skew += 31_000;
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + skew);
		try {
			return await run();
		} finally {
			vi.useRealTimers();
		}
	}

	it('is the stored hold with its slot, action and branch, for that page only', async () => {
		const id = await slot(1, 48);
		const hold = await holdSlot(id, NOW);
		if (hold.kind !== 'held') throw new Error(hold.kind);
		const held = await heldFor(hold.token, 'registration', 'praha-1', NOW);
		expect(held).toMatchObject({ slotId: id, serviceSlug: 'registration' });
		expect(held?.branch.slug).toBe('praha-1');
		expect(await heldFor(hold.token, 'residence-confirmation', 'praha-1', NOW)).toBeNull();
		expect(await heldFor(hold.token, 'registration', 'brno', NOW)).toBeNull();
		expect(await heldFor('not-a-token', 'registration', 'praha-1', NOW)).toBeNull();
	});

	it('is refused once the action is switched off, and given again when it is back', async () => {
		const id = await slot(1, 49);
		const hold = await holdSlot(id, NOW);
		if (hold.kind !== 'held') throw new Error(hold.kind);
		const off = (active: boolean) =>
			t.db.update(services).set({ active }).where(eq(services.slug, 'registration'));
		await off(false);
		try {
			expect(
				await afterCacheAge(() => heldFor(hold.token, 'registration', 'praha-1', NOW))
			).toBeNull();
		} finally {
			await off(true);
			// The cache is filled again with the action offered, for the tests that follow.
			await afterCacheAge(() => serviceBySlug('registration'));
		}
		expect(await heldFor(hold.token, 'registration', 'praha-1', NOW)).not.toBeNull();
	});
});
