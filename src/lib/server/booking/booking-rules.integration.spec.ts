// The rules around a booking that are not about capacity: late cancellations, the proof of work
// before a hold, the budget for holds without one, and the per-identity limit on details.
import { createChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { describe, expect, it } from 'vitest';
import { bookingFixture, MIN, person, TEST_SECRET } from '../testing/booking-fixture';
import { solved } from '../testing/proof';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { holdOfferedTime, keepDetails } from './hold.service';
import { cancelBooking, confirmBooking, holdSlot } from './bookings.service';
import { checkProof, newChallenge } from '../security/proof-of-work';

const NOW = new Date('2026-11-24T09:00:00Z');
const HOUR = 60 * MIN;
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe.each(ENGINES)('booking rules on %s', (engine) => {
	const t = testDatabaseFor(engine);
	const { slot, booked } = bookingFixture(t, NOW);

	const book = async (
		startsInHours: number,
		who = person(),
		now = NOW,
		channel: 'web' | 'hotline' = 'web'
	) => {
		const id = await slot(5, startsInHours);
		const hold = await holdSlot(id, now);
		if (hold.kind !== 'held') throw new Error('full');
		return confirmBooking({
			holdToken: hold.token,
			details: who,
			channel,
			locale: 'ru',
			secret: TEST_SECRET,
			now
		});
	};

	it('three late cancellations in 90 days pause online booking, with the date it opens again', async () => {
		const who = person({ documentNumber: 'LATE 1' });
		// An early cancellation (a week ahead) does not count.
		const early = await book(24 * 7, who);
		if (early.kind !== 'confirmed') throw new Error(early.kind);
		expect(await cancelBooking(early.token, NOW, 'https://x')).toBe(true);
		// Three cancellations less than 48 h before the start, on three days.
		for (const day of [0, 1, 2]) {
			const when = at(day * 24 * HOUR);
			const b = await book(day * 24 + 30, who, when);
			if (b.kind !== 'confirmed') throw new Error(b.kind);
			expect(await cancelBooking(b.token, when, 'https://x')).toBe(true);
		}
		const refused = await book(24 * 5, who, at(3 * 24 * HOUR));
		// The oldest of the three was on 24 November: booking opens 90 days after it.
		expect(refused).toEqual({
			kind: 'late_cancellations',
			until: new Date(NOW.getTime() + 90 * 24 * HOUR)
		});
		// Someone else is not affected, and the hotline can still book for this person.
		expect(
			(await book(24 * 5, person({ documentNumber: 'OTHER 1' }), at(3 * 24 * HOUR))).kind
		).toBe('confirmed');
		expect((await book(24 * 5, who, at(3 * 24 * HOUR), 'hotline')).kind).toBe('confirmed');
	});

	it('two late cancellations are still fine', async () => {
		const who = person({ documentNumber: 'LATE 2' });
		for (const day of [0, 1]) {
			const when = at(day * 24 * HOUR);
			const b = await book(day * 24 + 30, who, when);
			if (b.kind !== 'confirmed') throw new Error(b.kind);
			await cancelBooking(b.token, when, 'https://x');
		}
		expect((await book(24 * 5, who, at(2 * 24 * HOUR))).kind).toBe('confirmed');
	});

	it('a proof of work is accepted once; a replayed, forged or foreign one is refused', async () => {
		const payload = await solved(newChallenge(TEST_SECRET, 50));
		expect(await checkProof(payload, TEST_SECRET)).toBe('valid');
		expect(await checkProof(payload, TEST_SECRET)).toBe('invalid');
		expect(await checkProof(null, TEST_SECRET)).toBe('absent');
		expect(await checkProof('not base64 json', TEST_SECRET)).toBe('invalid');
		// Signed with another secret: solved, but not ours.
		const foreign = await createChallenge({
			algorithm: 'SHA-256',
			cost: 1,
			counter: 10,
			deriveKey,
			hmacSignatureSecret: 'someone-else',
			hmacKeySignatureSecret: 'someone-else-too'
		});
		expect(await checkProof(await solved(foreign), TEST_SECRET)).toBe('invalid');
	});

	it('holds without a proof get a small budget per address; with proofs the usual one', async () => {
		const id = await slot(50, 72);
		const visitor = { clientAddress: '192.0.2.7', secret: TEST_SECRET, now: NOW };
		const slotIds = [id];
		const hold = (proof: string | null, address = visitor.clientAddress) =>
			holdOfferedTime('registration', 'praha-1', slotIds[0]!, {
				...visitor,
				clientAddress: address,
				proof
			});
		for (let i = 0; i < 3; i++) expect((await hold(null)).kind).toBe('held');
		expect(await hold(null)).toMatchObject({ kind: 'throttled' });
		// The same address with a proof of work goes on (the no-proof budget is its own).
		const proof = await solved(newChallenge(TEST_SECRET, 50));
		expect((await hold(proof)).kind).toBe('held');
		expect(await hold(proof)).toEqual({ kind: 'proof_failed' });
		// Another address has its own budget.
		expect((await hold(null, '192.0.2.8')).kind).toBe('held');
	});

	it('a hold takes its seat only for its own page, within its throttle; a proof holds once, even at once', async () => {
		const id = await slot(1, 72);
		const visitor = { clientAddress: '192.0.2.40', secret: TEST_SECRET, now: NOW, proof: null };
		// An unknown branch is not found; another branch's page does not offer this slot.
		expect(await holdOfferedTime('registration', 'no-such-branch', id, visitor)).toEqual({
			kind: 'not_found'
		});
		expect(await holdOfferedTime('registration', 'praha-2', id, visitor)).toEqual({
			kind: 'full'
		});
		expect(await booked(id)).toBe(0);
		// The budget without a proof is spent (the two refusals above counted): refused, no seat.
		expect((await holdOfferedTime('registration', 'praha-1', id, visitor)).kind).toBe('held');
		expect(await holdOfferedTime('registration', 'praha-1', id, visitor)).toMatchObject({
			kind: 'throttled'
		});
		expect(await booked(id)).toBe(1);
		// One proof sent twenty times at once, each time from another address: one hold.
		const roomy = await slot(30, 72);
		const proof = await solved(newChallenge(TEST_SECRET, 50));
		const outcomes = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				holdOfferedTime('registration', 'praha-1', roomy, {
					...visitor,
					clientAddress: `198.51.100.${i + 1}`,
					proof
				})
			)
		);
		expect(outcomes.filter((o) => o.kind === 'held')).toHaveLength(1);
		expect(outcomes.filter((o) => o.kind === 'proof_failed')).toHaveLength(19);
		expect(await booked(roomy)).toBe(1);
	});

	it('details are kept only on a live hold of the page they are sent from', async () => {
		const hold = await holdSlot(await slot(2, 72), NOW);
		if (hold.kind !== 'held') throw new Error('full');
		const page = {
			secret: TEST_SECRET,
			now: NOW,
			serviceSlug: 'registration',
			branchSlug: 'praha-1'
		};
		const who = person({ documentNumber: 'PAGE 1' });
		expect(await keepDetails(hold.token, who, { ...page, branchSlug: 'praha-2' })).toBe('expired');
		expect(await keepDetails(hold.token, who, { ...page, serviceSlug: 'biometrics' })).toBe(
			'expired'
		);
		expect(await keepDetails(hold.token, who, { ...page, now: at(11 * MIN) })).toBe('expired');
		expect(await keepDetails('not a token', who, page)).toBe('expired');
		expect(await keepDetails(hold.token, who, page)).toBe('kept');
	});

	it('one identity fills in details on at most 5 holds a day', async () => {
		const PAGE = {
			secret: TEST_SECRET,
			now: NOW,
			serviceSlug: 'registration',
			branchSlug: 'praha-1'
		};
		const id = await slot(10, 72);
		const who = person({ documentNumber: 'MANY 1' });
		for (let i = 0; i < 5; i++) {
			const hold = await holdSlot(id, NOW);
			if (hold.kind !== 'held') throw new Error('full');
			expect(await keepDetails(hold.token, who, PAGE)).toBe('kept');
		}
		const sixth = await holdSlot(id, NOW);
		if (sixth.kind !== 'held') throw new Error('full');
		const refused = await keepDetails(sixth.token, who, PAGE);
		expect(refused).toMatchObject({ throttledSeconds: expect.any(Number) });
		// The same document with another birth date is another person.
		expect(await keepDetails(sixth.token, { ...who, birthDate: '1991-01-01' }, PAGE)).toBe('kept');
	});
});
