import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import { auditLog } from '../audit/audit.schema';
import { seedDemoData } from '../db/seed';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { branches, services } from './booking.schema';
import { mailOutbox } from '../mail/outbox.schema';
import { bookingByToken, confirmBooking, holdSlot } from './bookings.service';
import { closeDays } from './schedule.service';
import { waitlistEntries } from './waitlist.schema';
import { counterDay, counterStep, normaliseReference } from './counter.service';
import { slots } from './schedule.schema';

const SECRET = 'test-secret-0123456789abcdef0123456789';
/** Booked on Monday 23 Nov for Thursday 26 Nov 2026, 9:00 Prague (08:00 UTC). */
const BOOKED_AT = new Date('2026-11-23T09:00:00Z');
const DAY = new Date('2026-11-26T07:30:00Z');

describe.each(ENGINES)('the day at the counter on %s', (engine) => {
	const t = testDatabaseFor(engine);
	let clerk: Actor;
	let praha1: number;
	const refs: string[] = [];

	beforeAll(async () => {
		await seedDemoData(t.db, { now: BOOKED_AT, password: 'x', proceedingCount: 2 });
		const ids = Object.fromEntries(
			(await t.db.select({ id: branches.id, slug: branches.slug }).from(branches)).map((b) => [
				b.slug,
				b.id
			])
		);
		praha1 = ids['praha-1']!;
		const [user] = await t.db
			.select({ id: staffUsers.id })
			.from(staffUsers)
			.where(eq(staffUsers.email, 'urednik@pobyt.demo'));
		clerk = {
			userId: user!.id,
			displayName: 'C',
			roles: new Set(['branch_staff']),
			branchIds: [praha1]
		};
		const [service] = await t.db
			.select({ id: services.id })
			.from(services)
			.where(eq(services.slug, 'registration'));
		const [slot] = await t.db
			.insert(slots)
			.values({
				branchId: praha1,
				serviceId: service!.id,
				startsAt: new Date('2026-11-26T08:00:00Z'),
				endsAt: new Date('2026-11-26T08:15:00Z'),
				capacity: 3
			})
			.returning({ id: slots.id });
		for (const doc of ['AA 1', 'BB 2']) {
			const hold = await holdSlot(slot!.id, BOOKED_AT);
			if (hold.kind !== 'held') throw new Error('full');
			const done = await confirmBooking({
				holdToken: hold.token,
				details: {
					fullName: `Person ${doc}`,
					birthDate: '1990-01-01',
					nationality: 'VN',
					documentNumber: doc,
					email: 'p@example.com',
					phone: null,
					proceedingNumber: null
				},
				channel: 'web',
				locale: 'vi',
				secret: SECRET,
				now: BOOKED_AT
			});
			if (done.kind !== 'confirmed') throw new Error(done.kind);
			refs.push(done.booking.reference);
		}
	});

	it('lists the day with derived statuses and audits one read per person shown', async () => {
		const day = (await counterDay(clerk, praha1, '2026-11-26', DAY))!;
		expect(day.entries.map((e) => e.status)).toEqual(['booked', 'booked']);
		expect(day.entries[0]!.startsAt.toISOString()).toBe('2026-11-26T08:00:00.000Z');
		const reads = await t.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'booking.read'), eq(auditLog.actorId, clerk.userId)));
		expect(reads).toHaveLength(2);
		expect((await counterDay(clerk, praha1, '2026-11-27', DAY))!.entries).toEqual([]);
	});

	it('checks in by a typed reference, once; then done; the other is a no-show', async () => {
		const typed = refs[0]!.replace('-', ' ').toLowerCase();
		expect(normaliseReference(typed)).toBe(refs[0]);
		expect(await counterStep(clerk, praha1, typed, 'done', DAY)).toBe('not_found'); // not arrived yet
		expect(await counterStep(clerk, praha1, typed, 'arrived', DAY)).toBe('ok');
		expect(await counterStep(clerk, praha1, typed, 'arrived', DAY)).toBe('not_found');
		expect(await counterStep(clerk, praha1, refs[0]!, 'no_show', DAY)).toBe('not_found');
		expect(await counterStep(clerk, praha1, refs[0]!, 'done', DAY)).toBe('ok');
		expect(await counterStep(clerk, praha1, refs[1]!, 'no_show', DAY)).toBe('ok');
		const day = (await counterDay(clerk, praha1, '2026-11-26', DAY))!;
		expect(day.entries.map((e) => [e.reference, e.status])).toEqual(
			[
				[refs[0], 'done'],
				[refs[1], 'no_show']
			].sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
		);
		expect(await counterStep(clerk, praha1, 'nonsense', 'arrived', DAY)).toBe('not_found');
	});

	it('refuses other roles and other branches', async () => {
		const other = { ...clerk, branchIds: [praha1 + 1] };
		await expect(counterDay(other, praha1, '2026-11-26', DAY)).rejects.toBeInstanceOf(AccessDenied);
		await expect(
			counterStep({ ...clerk, roles: new Set(['agent']) }, praha1, refs[0]!, 'arrived', DAY)
		).rejects.toBeInstanceOf(AccessDenied);
	});

	it('closing the day cancels the active booking, e-mails the person in their language, keeps the rest', async () => {
		const [slot] = await t.db
			.select({ id: slots.id })
			.from(slots)
			.where(eq(slots.branchId, praha1));
		const hold = await holdSlot(slot!.id, BOOKED_AT);
		if (hold.kind !== 'held') throw new Error('full');
		const done = await confirmBooking({
			holdToken: hold.token,
			details: {
				fullName: 'Trần Thị Mai',
				birthDate: '1992-04-04',
				nationality: 'VN',
				documentNumber: 'CC 3',
				email: 'mai@example.com',
				phone: null,
				proceedingNumber: null
			},
			channel: 'web',
			locale: 'vi',
			secret: SECRET,
			now: BOOKED_AT
		});
		if (done.kind !== 'confirmed') throw new Error(done.kind);
		const result = await closeDays(
			clerk,
			praha1,
			{ fromDate: '2026-11-26', toDate: '2026-11-26', reason: 'porucha' },
			BOOKED_AT,
			'https://pobyt.example'
		);
		expect(result).toEqual({ removed: 0, cancelled: 1 });
		expect((await bookingByToken(done.token))?.cancelledAt).not.toBeNull();
		const [mail] = await t.db
			.select()
			.from(mailOutbox)
			.where(eq(mailOutbox.toAddress, 'mai@example.com'));
		expect(mail!.subject).toBe(
			`Lịch hẹn ${done.booking.reference} đã bị hủy – chi nhánh sẽ đóng cửa`
		);
		expect(mail!.textBody).toContain('https://pobyt.example/vi/book/registration');
		// Those who came stay on the record; the seat the cancelled booking held is free again.
		const day = (await counterDay(clerk, praha1, '2026-11-26', DAY))!;
		expect(day.entries.map((e) => e.status).sort()).toEqual(['done', 'no_show']);
		const [after] = await t.db
			.select({ booked: slots.booked })
			.from(slots)
			.where(eq(slots.id, slot!.id));
		expect(after!.booked).toBe(2);
		// The person the closure displaced waits first for the next free seat.
		const [waiting] = await t.db
			.select()
			.from(waitlistEntries)
			.where(eq(waitlistEntries.email, 'mai@example.com'));
		expect(waiting).toMatchObject({
			priority: 1,
			locale: 'vi',
			branchId: praha1,
			toDate: '2026-12-26'
		});
	});
});
