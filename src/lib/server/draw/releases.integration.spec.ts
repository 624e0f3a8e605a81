import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import { bookingFixture, MIN, person, TEST_SECRET } from '../testing/booking-fixture';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { solved } from '../testing/proof';
import { newChallenge } from '../security/proof-of-work';
import { bookings } from '../booking/bookings.schema';
import { slots } from '../booking/schedule.schema';
import { waitlistEntries } from '../booking/waitlist.schema';
import { bookingByToken, confirmBooking, holdSlot, releaseHold } from '../booking/bookings.service';
import { timeChoices } from '../booking/booking-offer.service';
import { mailOutbox } from '../mail/outbox.schema';
import { drawOrder } from '../../draw-order';
import { toPrague } from '../../time/prague';
import { drawEntries, releases, releaseSeats } from './draw.schema';
import {
	changeDrawEntry,
	createRelease,
	drawNow,
	enterDraw,
	entryByToken,
	publicRelease,
	runDraw,
	staffReleases,
	withdrawDrawEntry,
	type EntryValues
} from './releases.service';

const NOW = new Date('2026-11-24T09:00:00Z');
const HOUR = 60 * MIN;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const SITE = { secret: TEST_SECRET, origin: 'https://pobyt.example' };
const ANY = { weekdays: [], parts: [] };

const values = (n: number, over: Partial<EntryValues> = {}): EntryValues => ({
	details: person({
		documentNumber: `DR ${String(n).padStart(6, '0')}`,
		fullName: `Entrant ${String.fromCharCode(65 + (n % 26))}`,
		email: `e${n}@example.com`
	}),
	locale: 'uk',
	preferences: ANY,
	...over
});

describe.each(ENGINES)('fair release on %s', (engine) => {
	const t = testDatabaseFor(engine);
	const fx = bookingFixture(t, NOW);
	let clerk: Actor;
	let admin: Actor;
	let registration: number;

	beforeAll(async () => {
		const [user] = await t.db
			.select({ id: staffUsers.id })
			.from(staffUsers)
			.where(eq(staffUsers.email, 'urednik@pobyt.demo'));
		clerk = {
			userId: user!.id,
			displayName: 'Clerk',
			roles: new Set(['branch_staff']),
			branchIds: [fx.ids.branch]
		};
		admin = { ...clerk, roles: new Set(['admin']), branchIds: [] };
		registration = fx.ids.services['registration']!;
	});

	let day = 40;
	/**
	 * A release over its own day (each test another day, past the demo's published weeks):
	 * `capacities` slots that day, window open now for 48 h, the draw at 50 h.
	 */
	async function release(capacities: number[], phoneShare = 0, actor: Actor = clerk) {
		const d = day++;
		const ids: number[] = [];
		for (const [i, c] of capacities.entries()) ids.push(await fx.slot(c, d * 24 + i));
		const date = new Date(NOW.getTime() + d * 24 * HOUR);
		const prague = (x: Date) => x.toLocaleDateString('sv-SE', { timeZone: 'Europe/Prague' });
		const made = await createRelease(
			actor,
			fx.ids.branch,
			{
				serviceId: registration,
				fromDate: prague(date),
				toDate: prague(new Date(date.getTime() + (capacities.length + 1) * HOUR)),
				opensAt: at(-HOUR),
				closesAt: at(48 * HOUR),
				drawAt: at(50 * HOUR),
				phoneSharePercent: phoneShare
			},
			NOW
		);
		if (made.kind !== 'created') throw new Error(made.kind);
		return { id: made.id, slots: ids };
	}
	// Each entrant from an address of their own (entries without a proof have a small budget).
	let address = 0;
	const enter = (id: number, v: EntryValues, now = NOW) =>
		enterDraw(id, v, {
			clientAddress: `10.0.${address >> 8}.${address++ & 255}`,
			proof: null,
			now,
			...SITE
		});
	const DRAW_TIME = at(50 * HOUR + MIN);

	it('refuses other branches and roles; admins may for every branch', async () => {
		const other = { ...clerk, branchIds: [fx.ids.branch + 1] };
		await expect(release([1], 0, other)).rejects.toBeInstanceOf(AccessDenied);
		await expect(
			release([1], 0, { ...clerk, roles: new Set(['agent']) } as Actor)
		).rejects.toBeInstanceOf(AccessDenied);
		expect((await release([1], 0, admin)).id).toBeGreaterThan(0);
	});

	const reserveOf = async (id: number) =>
		(await t.db.select({ r: slots.reserved }).from(slots).where(eq(slots.id, id)))[0]!.r;

	it('takes the seats out of first-come booking; the hotline/counter share only they can take', async () => {
		const r = await release([10, 4], 20);
		// 20 % of 10 = 2 kept for the hotline and counter, 8 in the draw; 20 % of 4 = 0 kept, 4 in the draw.
		const seats = await t.db
			.select({ slotId: releaseSeats.slotId, seats: releaseSeats.seats })
			.from(releaseSeats)
			.where(eq(releaseSeats.releaseId, r.id));
		expect(seats.map((s) => s.seats).sort()).toEqual([4, 8]);
		expect(await fx.booked(r.slots[0]!)).toBe(10);
		expect(await reserveOf(r.slots[0]!)).toBe(2);
		// The web never gets the kept seats: no hold, and the public offer does not list the time.
		expect((await holdSlot(r.slots[1]!, NOW)).kind).toBe('full');
		expect((await holdSlot(r.slots[0]!, NOW)).kind).toBe('full');
		const slotIds = (times: Awaited<ReturnType<typeof timeChoices>>) =>
			times!.days.flatMap((d) => d.times.map((x) => x.slotId));
		expect(slotIds(await timeChoices('registration', 'praha-1', NOW))).not.toContain(r.slots[0]);
		expect(slotIds(await timeChoices('registration', 'praha-1', NOW, 'hotline'))).toContain(
			r.slots[0]
		);
		// The hotline and the counter take them at once, and nothing more.
		const hotline = await holdSlot(r.slots[0]!, NOW, 'registration', 'praha-1', 'hotline');
		const counter = await holdSlot(r.slots[0]!, NOW, 'registration', 'praha-1', 'branch');
		expect([hotline.kind, counter.kind]).toEqual(['held', 'held']);
		expect((await holdSlot(r.slots[0]!, NOW, 'registration', 'praha-1', 'hotline')).kind).toBe(
			'full'
		);
		expect([await fx.booked(r.slots[0]!), await reserveOf(r.slots[0]!)]).toEqual([10, 0]);
		// A kept seat held and given back (at once, or when the hold runs out) is kept again.
		if (hotline.kind !== 'held' || counter.kind !== 'held') return;
		await releaseHold(hotline.token);
		expect([await fx.booked(r.slots[0]!), await reserveOf(r.slots[0]!)]).toEqual([10, 1]);
		expect((await holdSlot(r.slots[0]!, NOW)).kind).toBe('full');
		expect((await holdSlot(r.slots[0]!, at(11 * MIN))).kind).toBe('full');
		expect(await reserveOf(r.slots[0]!)).toBe(2);
		// Confirmed on the hotline channel, the kept seat is the booking's.
		const again = await holdSlot(r.slots[0]!, NOW, 'registration', 'praha-1', 'hotline');
		if (again.kind !== 'held') throw new Error(again.kind);
		const booked = await confirmBooking({
			holdToken: again.token,
			details: person({ documentNumber: 'HOT 000001' }),
			channel: 'hotline',
			locale: 'uk',
			secret: TEST_SECRET,
			now: NOW
		});
		expect(booked.kind).toBe('confirmed');
		expect([await fx.booked(r.slots[0]!), await reserveOf(r.slots[0]!)]).toEqual([10, 1]);
		const view = (await publicRelease(r.id, NOW))!;
		expect(view.commitment).toMatch(/^[0-9a-f]{64}$/);
		expect(view.result).toBeNull();
	});

	it.runIf(engine === 'postgres')(
		'web holds racing never take a kept seat; hotline holds racing take exactly the kept ones',
		async () => {
			const r = await release([10], 30);
			// 3 kept for the hotline and counter, 7 in the draw; after the draw 3 of those are free again.
			for (let i = 0; i < 3; i++) {
				expect((await enter(r.id, values(900 + i))).kind).toBe('entered');
			}
			await t.db
				.update(drawEntries)
				.set({ preferences: ANY })
				.where(eq(drawEntries.releaseId, r.id));
			const report = await runDraw(r.id, SITE, DRAW_TIME);
			expect(report?.given).toBe(3);
			const id = r.slots[0]!;
			expect([await fx.booked(id), await reserveOf(id)]).toEqual([6, 3]);
			const web = await Promise.all(Array.from({ length: 48 }, () => holdSlot(id, DRAW_TIME)));
			expect(web.filter((h) => h.kind === 'held')).toHaveLength(4);
			expect([await fx.booked(id), await reserveOf(id)]).toEqual([10, 3]);
			const hotline = await Promise.all(
				Array.from({ length: 16 }, (_, i) =>
					holdSlot(id, DRAW_TIME, 'registration', 'praha-1', i % 2 ? 'hotline' : 'branch')
				)
			);
			expect(hotline.filter((h) => h.kind === 'held')).toHaveLength(3);
			expect([await fx.booked(id), await reserveOf(id)]).toEqual([10, 0]);
			// Given back at once, all at the same moment: exactly the kept seats return to the reserve.
			await Promise.all(
				hotline.map((h) => (h.kind === 'held' ? releaseHold(h.token) : Promise.resolve()))
			);
			expect([await fx.booked(id), await reserveOf(id)]).toEqual([10, 3]);
		}
	);

	it('one entry per identity: entering again changes it and keeps one chance; a change and a withdrawal by link', async () => {
		const r = await release([1]);
		const first = await enter(r.id, values(1));
		expect(first.kind).toBe('entered');
		const again = await enter(r.id, values(1, { preferences: { weekdays: [1, 3], parts: [] } }));
		expect(again.kind).toBe('changed');
		const rows = await t.db
			.select({ n: sql<number>`count(*)::int` })
			.from(drawEntries)
			.where(eq(drawEntries.releaseId, r.id));
		expect(rows[0]!.n).toBe(1);
		// The first link died with the second entry; the second works.
		if (first.kind !== 'entered' || again.kind !== 'changed') return;
		expect(await entryByToken(first.token, TEST_SECRET, NOW)).toBeNull();
		const view = (await entryByToken(again.token, TEST_SECRET, NOW))!;
		expect(view.preferences.weekdays).toEqual([1, 3]);
		expect(view.state).toBe('entered');
		expect(
			await changeDrawEntry(
				again.token,
				{ fullName: 'Olena K', email: 'k@example.com', locale: 'ru', preferences: ANY },
				NOW
			)
		).toBe(true);
		expect((await entryByToken(again.token, TEST_SECRET, NOW))!.locale).toBe('ru');
		expect(await withdrawDrawEntry(again.token, NOW)).toBe(true);
		expect((await entryByToken(again.token, TEST_SECRET, NOW))!.state).toBe('withdrawn');
		// Each entry sends its private link.
		const mails = await t.db
			.select({ text: mailOutbox.textBody })
			.from(mailOutbox)
			.where(eq(mailOutbox.toAddress, 'e1@example.com'));
		expect(mails.some((m) => m.text.includes(`/uk/draw/${again.token}`))).toBe(true);
	});

	it('throttles entries per address in the entry statement itself: past the budget nothing is written', async () => {
		const r = await release([1]);
		const from = (n: number) =>
			enterDraw(r.id, values(700 + n), {
				clientAddress: '192.0.2.77',
				proof: null,
				now: NOW,
				...SITE
			});
		// Without a proof of work: 3 an hour from one address.
		for (let n = 0; n < 3; n++) expect((await from(n)).kind).toBe('entered');
		const fourth = await from(3);
		expect(fourth).toEqual({ kind: 'throttled', retryAfterSeconds: expect.any(Number) });
		expect(fourth.kind === 'throttled' && fourth.retryAfterSeconds > 3000).toBe(true);
		const written = await t.db
			.select({ email: drawEntries.email })
			.from(drawEntries)
			.where(eq(drawEntries.releaseId, r.id));
		expect(written.map((w) => w.email).sort()).toEqual([
			'e700@example.com',
			'e701@example.com',
			'e702@example.com'
		]);
		const mails = await t.db
			.select({ to: mailOutbox.toAddress })
			.from(mailOutbox)
			.where(eq(mailOutbox.toAddress, 'e703@example.com'));
		expect(mails).toEqual([]);
	});

	it('a proof of work enters once: sent again, even at once for others, it writes nothing', async () => {
		const r = await release([1]);
		const proof = await solved(newChallenge(SITE.secret, 50));
		const outcomes = await Promise.all(
			[0, 1, 2, 3, 4, 5].map((n) =>
				enterDraw(r.id, values(800 + n), {
					clientAddress: `192.0.2.${90 + n}`,
					proof,
					now: NOW,
					...SITE
				})
			)
		);
		expect(outcomes.filter((o) => o.kind === 'entered')).toHaveLength(1);
		expect(outcomes.filter((o) => o.kind === 'proof_failed')).toHaveLength(5);
		const written = await t.db
			.select({ email: drawEntries.email })
			.from(drawEntries)
			.where(eq(drawEntries.releaseId, r.id));
		expect(written).toHaveLength(1);
		// A forged proof is refused before anything is counted or written.
		expect(
			await enterDraw(r.id, values(810), {
				clientAddress: '192.0.2.99',
				proof: 'forged',
				now: NOW,
				...SITE
			})
		).toEqual({ kind: 'proof_failed' });
	});

	it('refuses entering outside the window and with an active booking for the action', async () => {
		const r = await release([1]);
		expect((await enter(r.id, values(2), at(-2 * HOUR))).kind).toBe('closed');
		expect((await enter(r.id, values(2), at(48 * HOUR))).kind).toBe('closed');
		const hold = await holdSlot(await fx.slot(1, 30), NOW);
		if (hold.kind !== 'held') throw new Error('full');
		const booked = await confirmBooking({
			holdToken: hold.token,
			details: values(3).details,
			channel: 'web',
			locale: 'uk',
			secret: TEST_SECRET,
			now: NOW
		});
		expect(booked.kind).toBe('confirmed');
		expect(await enter(r.id, values(3))).toEqual({ kind: 'already_booked' });
	});

	it('draws in the published order, gives the earliest suitable seats, never over capacity, waitlists the rest', async () => {
		const r = await release([2, 1, 1]);
		const tokens: string[] = [];
		for (let n = 10; n < 18; n++) {
			// Half want afternoons only: the slots here are in the morning or early afternoon.
			const v = values(n, n % 2 ? { preferences: { weekdays: [], parts: ['afternoon'] } } : {});
			const e = await enter(r.id, v, at(n * MIN));
			if (e.kind !== 'entered') throw new Error(e.kind);
			tokens.push(e.token);
		}
		expect(await runDraw(r.id, SITE, at(49 * HOUR))).toBeNull(); // not yet time
		const report = (await runDraw(r.id, SITE, DRAW_TIME))!;
		expect(report.entries).toBe(8);
		expect(await runDraw(r.id, SITE, DRAW_TIME)).toBeNull(); // done once
		const page = (await publicRelease(r.id, DRAW_TIME))!;
		const seed = Buffer.from(page.result!.seedHex, 'hex');
		const ids = page.result!.order.map((o) => o.publicId);
		expect(drawOrder(seed, [...ids].reverse())).toEqual(ids);
		// Capacity: release seats given never exceed them, slots never exceed capacity.
		const over = await t.db
			.select({ n: sql<number>`count(*)::int` })
			.from(slots)
			.where(sql`${slots.booked} > ${slots.capacity}`);
		expect(over[0]!.n).toBe(0);
		const given = await t.db
			.select({ slotId: bookings.slotId, n: sql<number>`count(*)::int` })
			.from(bookings)
			.where(sql`${bookings.idempotencyKey} like 'draw:%'`)
			.groupBy(bookings.slotId);
		for (const g of given) {
			const [s] = await t.db.select().from(slots).where(eq(slots.id, g.slotId));
			expect(g.n).toBeLessThanOrEqual(s!.capacity);
		}
		const views = await Promise.all(tokens.map((tk) => entryByToken(tk, TEST_SECRET, DRAW_TIME)));
		const won = views.filter((v) => v!.state === 'won');
		const waiting = views.filter((v) => v!.state === 'waitlisted');
		expect(won.length).toBe(report.given);
		expect(won.length + waiting.length).toBe(8);
		// Earliest first in drawn order: the first 'any' entrant in the order got the first slot.
		for (const v of won) {
			const b = (await bookingByToken(v!.bookingToken!))!;
			expect(b.reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
			expect(b.locale).toBe('uk');
		}
		expect(waiting.map((v) => v!.waitlistPlace).sort()).toEqual(
			waiting.map((_, i) => i + 1).sort()
		);
		const queue = await t.db
			.select({ email: waitlistEntries.email })
			.from(waitlistEntries)
			.where(sql`${waitlistEntries.preferences} is not null`)
			.orderBy(waitlistEntries.createdAt);
		const waitingByPosition = [...waiting].sort((a, b) => a!.position! - b!.position!);
		expect(queue.map((q) => q.email).slice(-waiting.length)).toEqual(
			waitingByPosition.map((v) => v!.email)
		);
		// Told: a booking e-mail to every winner, the waiting-list e-mail to the others.
		for (const v of won) {
			const mails = await t.db
				.select({ text: mailOutbox.textBody })
				.from(mailOutbox)
				.where(eq(mailOutbox.toAddress, v!.email));
			expect(mails.some((m) => m.text.includes(`/uk/booking/${v!.bookingToken}`))).toBe(true);
		}
	});

	it('skips entrants already booked or over their limits, and tells them why', async () => {
		const r = await release([5]);
		const booked = values(20);
		const limited = values(21);
		const plain = values(22);
		const tokens = new Map<string, string>();
		for (const v of [booked, limited, plain]) {
			const e = await enter(r.id, v);
			if (e.kind !== 'entered') throw new Error(e.kind);
			tokens.set(v.details.email, e.token);
		}
		// After entering: one books the action elsewhere; the other makes 3 bookings of other actions.
		const book = async (v: EntryValues, service: string, hours: number) => {
			const hold = await holdSlot(await fx.slot(1, hours, service), NOW);
			if (hold.kind !== 'held') throw new Error('full');
			const c = await confirmBooking({
				holdToken: hold.token,
				details: v.details,
				channel: 'web',
				locale: 'uk',
				secret: TEST_SECRET,
				now: NOW
			});
			expect(c.kind).toBe('confirmed');
		};
		await book(booked, 'registration', 60);
		await book(limited, 'biometrics', 61);
		await book(limited, 'card-pickup', 62);
		await book(limited, 'residence-confirmation', 63);
		const report = (await runDraw(r.id, SITE, DRAW_TIME))!;
		expect(report.skipped).toEqual({ already_booked: 1, limit: 1, late_cancellations: 0 });
		expect(report.given).toBe(1);
		const state = async (v: EntryValues) =>
			(await entryByToken(tokens.get(v.details.email)!, TEST_SECRET, DRAW_TIME))!.state;
		expect(await state(booked)).toBe('already_booked');
		expect(await state(limited)).toBe('limit');
		expect(await state(plain)).toBe('won');
		// Seats nobody got went back to first-come booking.
		expect(await fx.booked(r.slots[0]!)).toBe(1);
		const told = await t.db
			.select({ text: mailOutbox.textBody })
			.from(mailOutbox)
			.where(eq(mailOutbox.toAddress, limited.details.email));
		expect(told.some((m) => m.text.includes('60'))).toBe(true);
	});

	it('a draw that dies midway leaves nothing behind; run again it gives the same result', async () => {
		const r = await release([2, 2]);
		for (let n = 30; n < 40; n++) await enter(r.id, values(n));
		await expect(
			runDraw(r.id, SITE, DRAW_TIME, {
				afterAllocation: async (q) => {
					// Half-way: the bookings are in, then the instance dies.
					await q.write({ winners: [], outcomes: [], mails: () => [] }, DRAW_TIME);
					throw new Error('killed');
				}
			})
		).rejects.toThrow('killed');
		const [rel] = await t.db.select().from(releases).where(eq(releases.id, r.id));
		expect(rel!.drawnAt).toBeNull();
		expect(await fx.booked(r.slots[0]!)).toBe(2);
		const report = (await runDraw(r.id, SITE, DRAW_TIME))!;
		expect(report.given).toBe(4);
		const page = (await publicRelease(r.id, DRAW_TIME))!;
		const seed = Buffer.from(page.result!.seedHex, 'hex');
		const entries = await t.db
			.select({ publicId: drawEntries.publicId, outcome: drawEntries.outcome })
			.from(drawEntries)
			.where(eq(drawEntries.releaseId, r.id));
		const order = drawOrder(
			seed,
			entries.map((e) => e.publicId)
		);
		// Same as an undisturbed draw from the seed: the first four of the order won.
		const winners = new Set(order.slice(0, 4));
		for (const e of entries) expect(e.outcome === 'won').toBe(winners.has(e.publicId));
	});

	it('staff see counts and the result, never identities; drawing early does nothing', async () => {
		const r = await release([1]);
		await enter(r.id, values(50));
		await enter(r.id, values(51));
		const before = (await staffReleases(clerk, fx.ids.branch)).find((x) => x.id === r.id)!;
		expect(before.counts).toEqual({ entered: 2 });
		expect(before.seedHex).toBeNull();
		expect(JSON.stringify(before)).not.toContain('e50@example.com');
		expect(await drawNow(clerk, fx.ids.branch, r.id, SITE, NOW)).toBe('nothing');
		expect(await drawNow(clerk, fx.ids.branch, r.id, SITE, DRAW_TIME)).toBe('drawn');
		const after = (await staffReleases(clerk, fx.ids.branch)).find((x) => x.id === r.id)!;
		expect(after.counts).toEqual({ won: 1, waitlisted: 1 });
		expect(after.seedHex).toMatch(/^[0-9a-f]{64}$/);
		expect(after.bySlot).toEqual([expect.objectContaining({ seats: 1, given: 1 })]);
	});

	it('the result says which wish each seat met, in the staff view and on the public page', async () => {
		// 10:00 and 11:00 (mornings), 12:00, 13:00 and 14:00 (afternoons) in Prague.
		const r = await release([1, 1, 1, 1, 1]);
		const [first] = await t.db
			.select({ at: slots.startsAt })
			.from(slots)
			.where(eq(slots.id, r.slots[0]!));
		const local = toPrague(first!.at);
		const day =
			((new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7) + 1;
		const other = (day % 7) + 1;
		const wishes: EntryValues['preferences'][] = [
			ANY,
			{ weekdays: [day], parts: [] },
			{ weekdays: [], parts: ['afternoon'] },
			{ weekdays: [day], parts: ['afternoon'] },
			{ weekdays: [other], parts: [] }
		];
		for (const [i, preferences] of wishes.entries()) {
			expect((await enter(r.id, values(800 + i, { preferences }))).kind).toBe('entered');
		}
		expect(await drawNow(clerk, fx.ids.branch, r.id, SITE, DRAW_TIME)).toBe('drawn');
		const staff = (await staffReleases(clerk, fx.ids.branch)).find((x) => x.id === r.id)!;
		// Whatever the drawn order: the four who can come get a seat each, the fifth none.
		expect(staff.byWish).toEqual({ any: 1, weekday: 1, part: 1, weekday_part: 1 });
		expect(staff.seats).toMatchObject({ seats: 5, given: 4 });
		const shown = (await publicRelease(r.id, DRAW_TIME))!.result!;
		expect(shown.byWish).toEqual(staff.byWish);
		expect(shown.notGiven).toBe(1);
		const stored = await t.db
			.select({ email: drawEntries.email, matched: drawEntries.matched })
			.from(drawEntries)
			.where(eq(drawEntries.releaseId, r.id))
			.orderBy(drawEntries.email);
		expect(stored.map((e) => e.matched)).toEqual(['any', 'weekday', 'part', 'weekday_part', null]);
	});

	if (engine === 'postgres') {
		it('two runners start the same draw at once: one allocation', async () => {
			const r = await release([3, 3]);
			for (let n = 60; n < 80; n++) await enter(r.id, values(n));
			const results = await Promise.all([
				runDraw(r.id, SITE, DRAW_TIME),
				runDraw(r.id, SITE, DRAW_TIME),
				runDraw(r.id, SITE, DRAW_TIME)
			]);
			expect(results.filter((x) => x !== null)).toHaveLength(1);
			const made = await t.db
				.select({ n: sql<number>`count(*)::int` })
				.from(bookings)
				.innerJoin(drawEntries, eq(drawEntries.bookingId, bookings.id))
				.where(eq(drawEntries.releaseId, r.id));
			expect(made[0]!.n).toBe(6);
			const waiting = await t.db
				.select({ n: sql<number>`count(*)::int` })
				.from(waitlistEntries)
				.where(
					and(sql`${waitlistEntries.email} like 'e6%' or ${waitlistEntries.email} like 'e7%'`)
				);
			expect(waiting[0]!.n).toBe(14);
			for (const id of r.slots) expect(await fx.booked(id)).toBe(3);
		});

		it('a concurrent booking by an entrant during the draw is never doubled', async () => {
			const r = await release([4]);
			const vs = [90, 91, 92, 93].map((n) => values(n));
			for (const v of vs) await enter(r.id, v);
			// Each entrant races the draw with a booking of the same action elsewhere.
			const races = vs.map(async (v) => {
				const hold = await holdSlot(await fx.slot(1, 70), NOW);
				if (hold.kind !== 'held') throw new Error('full');
				return confirmBooking({
					holdToken: hold.token,
					details: v.details,
					channel: 'web',
					locale: 'uk',
					secret: TEST_SECRET,
					now: NOW
				});
			});
			await Promise.all([runDraw(r.id, SITE, DRAW_TIME), ...races]);
			const active = await t.db
				.select({ key: bookings.personKey, n: sql<number>`count(*)::int` })
				.from(bookings)
				.where(
					and(
						eq(bookings.serviceId, registration),
						sql`${bookings.cancelledAt} is null`,
						sql`${bookings.email} like 'e9%'`
					)
				)
				.groupBy(bookings.personKey);
			for (const a of active) expect(a.n).toBe(1);
		});
	}
});
