// Each action has its own booking window (services.min_lead_hours, services.horizon_days).
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookingFixture, TEST_SECRET } from '../testing/booking-fixture';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { services } from './booking.schema';
import { timeChoices } from './booking-offer.service';
import { holdOfferedTime } from './hold.service';
import { holdSlot } from './bookings.service';

const NOW = new Date('2026-11-24T09:00:00Z');

describe.each(ENGINES)('the booking window per action on %s', (engine) => {
	const t = testDatabaseFor(engine);
	const { slot } = bookingFixture(t, NOW);

	beforeAll(async () => {
		// Registration: from 48 hours to 7 days ahead; card pick-up keeps the defaults (24 h, 60 days).
		await t.db
			.update(services)
			.set({ minLeadHours: 48, horizonDays: 7 })
			.where(eq(services.slug, 'registration'));
	});

	it('holds only inside the action’s own window', async () => {
		expect(await holdSlot(await slot(3, 30), NOW)).toEqual({ kind: 'full' });
		expect((await holdSlot(await slot(3, 50), NOW)).kind).toBe('held');
		expect((await holdSlot(await slot(3, 30, 'card-pickup'), NOW)).kind).toBe('held');
	});

	it('offers only the times inside it, and refuses one outside even if posted', async () => {
		const inside = await slot(3, 24 * 5);
		const beyond = await slot(3, 24 * 10);
		const times = await timeChoices('registration', 'praha-1', NOW);
		const offered = times!.days.flatMap((d) => d.times.map((x) => x.slotId));
		expect(offered).toContain(inside);
		expect(offered).not.toContain(beyond);
		const visitor = { clientAddress: '198.51.100.4', secret: TEST_SECRET, now: NOW, proof: null };
		expect(await holdOfferedTime('registration', 'praha-1', beyond, visitor)).toEqual({
			kind: 'full'
		});
		expect((await holdOfferedTime('registration', 'praha-1', inside, visitor)).kind).toBe('held');
	});
});
