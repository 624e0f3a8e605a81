import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import { auditLog } from '../audit/audit.schema';
import { seedDemoData } from '../db/seed';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { branches } from './booking.schema';
import { scheduleRules, slots } from './schedule.schema';
import { addRule, branchSchedule, closeDays, generateSlots, myBranches } from './schedule.service';

/** 1 October 2026: the range below spans the autumn change (25 Oct) and a holiday (28 Oct). */
const NOW = new Date('2026-10-01T08:00:00Z');

describe.each(ENGINES)('schedules and slots on %s', (engine) => {
	const t = testDatabaseFor(engine);
	let clerk: Actor;
	let praha1: number;
	let brno: number;
	let serviceId: number;

	beforeAll(async () => {
		await seedDemoData(t.db, { now: NOW, password: 'x', proceedingCount: 2 });
		const ids = Object.fromEntries(
			(await t.db.select({ id: branches.id, slug: branches.slug }).from(branches)).map((b) => [
				b.slug,
				b.id
			])
		);
		praha1 = ids['praha-1']!;
		brno = ids['brno']!;
		const [user] = await t.db
			.select({ id: staffUsers.id })
			.from(staffUsers)
			.where(eq(staffUsers.email, 'urednik@pobyt.demo'));
		clerk = {
			userId: user!.id,
			displayName: 'Clerk',
			roles: new Set(['branch_staff']),
			branchIds: [praha1, ids['praha-2']!]
		};
		const schedule = (await branchSchedule(clerk, praha1, NOW))!;
		serviceId = schedule.branch.services.find((s) => s.slug === 'registration')!.id;
	});

	const rule = (weekday: number, capacity = 2) => ({
		serviceId,
		weekday,
		starts: '08:00',
		ends: '10:00',
		slotMinutes: 30,
		capacity,
		validFrom: '2026-10-01',
		validTo: null
	});

	it('lets branch staff work only on their own branches', async () => {
		expect((await myBranches(clerk)).map((b) => b.id).sort()).toEqual(
			clerk.branchIds.slice().sort()
		);
		await expect(branchSchedule(clerk, brno, NOW)).rejects.toBeInstanceOf(AccessDenied);
		const admin = { ...clerk, roles: new Set(['admin', 'agent'] as const) };
		await expect(branchSchedule(admin, praha1, NOW)).rejects.toBeInstanceOf(AccessDenied);
		await expect(
			generateSlots(null, praha1, '2026-10-19', '2026-10-20', NOW)
		).rejects.toBeInstanceOf(AccessDenied);
		await expect(addRule(clerk, brno, rule(1))).rejects.toBeInstanceOf(AccessDenied);
	});

	it('generates slots across the autumn change, skipping the 28 October holiday; a re-run writes nothing', async () => {
		expect(await addRule(clerk, praha1, rule(1))).toMatchObject({ kind: 'ok' });
		expect(await addRule(clerk, praha1, rule(3))).toMatchObject({ kind: 'ok' });
		const first = (await generateSlots(clerk, praha1, '2026-10-19', '2026-11-01', NOW))!;
		expect(first).toMatchObject({
			planned: 12,
			created: 12,
			updated: 0,
			conflicts: [],
			holidays: ['2026-10-28']
		});
		const starts = (
			await t.db.select({ at: slots.startsAt }).from(slots).where(eq(slots.branchId, praha1))
		).map((r) => r.at.toISOString());
		expect(starts).toContain('2026-10-19T06:00:00.000Z'); // 8:00 CEST
		expect(starts).toContain('2026-10-26T07:00:00.000Z'); // 8:00 CET
		expect(starts.some((s) => s.startsWith('2026-10-28'))).toBe(false);

		const again = (await generateSlots(clerk, praha1, '2026-10-19', '2026-11-01', NOW))!;
		expect(again).toMatchObject({ planned: 12, created: 0, updated: 0, conflicts: [] });
		// Every change to the schedule is on the record: two rules, two publications.
		const records = await t.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.subjectType, 'branch'), eq(auditLog.subjectId, String(praha1))));
		expect(records.map((r) => r.action).sort()).toEqual([
			'schedule.publish',
			'schedule.publish',
			'schedule.rule_add',
			'schedule.rule_add'
		]);
	});

	it('never shrinks a slot below its bookings and reports the conflict', async () => {
		const first = and(
			eq(slots.branchId, praha1),
			eq(slots.startsAt, new Date('2026-10-19T06:00:00Z'))
		);
		await t.db.update(slots).set({ booked: 2 }).where(first);
		await t.db.update(scheduleRules).set({ capacity: 1 }).where(eq(scheduleRules.branchId, praha1));
		const report = (await generateSlots(clerk, praha1, '2026-10-19', '2026-11-01', NOW))!;
		expect(report.created).toBe(0);
		expect(report.updated).toBe(11);
		expect(report.conflicts).toEqual([
			{ serviceId, startsAt: new Date('2026-10-19T06:00:00Z'), booked: 2, planned: 1 }
		]);
		const [kept] = await t.db.select({ capacity: slots.capacity }).from(slots).where(first);
		expect(kept!.capacity).toBe(2);
		// The database itself refuses overbooking, whatever the application does.
		await expect(t.db.update(slots).set({ booked: 3 }).where(first)).rejects.toThrow();
	});

	it('a closure removes the free slots of its days, keeps booked ones, and blocks regeneration', async () => {
		const result = await closeDays(
			clerk,
			praha1,
			{ fromDate: '2026-10-19', toDate: '2026-10-19', reason: 'školení' },
			NOW,
			'https://pobyt.example'
		);
		// The slot marked booked above has no booking rows to cancel: it stays, the free ones go.
		expect(result).toEqual({ removed: 3, cancelled: 0 });
		const report = (await generateSlots(clerk, praha1, '2026-10-19', '2026-11-01', NOW))!;
		expect(report.closed).toEqual(['2026-10-19']);
		expect(report.created).toBe(0);
		const schedule = (await branchSchedule(clerk, praha1, NOW))!;
		expect(schedule.closures.map((c) => c.reason)).toEqual(['školení']);
	});

	it.runIf(engine === 'postgres')(
		'two generations at once create every slot exactly once',
		async () => {
			await addRule(clerk, praha1, { ...rule(2), validFrom: '2026-11-01' });
			// Two requests on two pooled connections, racing on the same unique slots.
			const [a, b] = await Promise.all([
				generateSlots(clerk, praha1, '2026-11-02', '2026-11-30', NOW),
				generateSlots(clerk, praha1, '2026-11-02', '2026-11-30', NOW)
			]);
			expect(a!.planned).toBeGreaterThan(0);
			expect(a!.created + b!.created).toBe(a!.planned);
			const [row] = await t.db
				.select({ n: sql<number>`count(*)::int` })
				.from(slots)
				.where(and(eq(slots.branchId, praha1), sql`${slots.startsAt} >= '2026-11-02'`));
			expect(row!.n).toBe(a!.planned);
		}
	);
});
