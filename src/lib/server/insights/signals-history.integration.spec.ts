import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import { resultRows } from '../db/rows';
import { seedDemoData } from '../db/seed';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { yearPeriod } from './period';
import { insightsOverview, yearlyReport, type Section } from './report.service';
import { purgeExpired } from '../retention';
import { backfillLateSnapshots } from './rollup.service';

const NOW = new Date('2026-11-24T09:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const none = { branch: null, service: null, locale: null };
const table = (sections: Section[], id: string) =>
	sections.flatMap((s) => s.tables).find((t) => t.id === id)!;
const signalsOf = (sections: Section[], tableId: string) =>
	sections.flatMap((s) => s.signals ?? []).filter((s) => s.table === tableId);

describe.each(ENGINES)('problem signals judged from history on %s', (engine) => {
	const t = testDatabaseFor(engine);
	let analyst: Actor;

	beforeAll(async () => {
		await seedDemoData(t.db, { now: NOW, password: 'x', proceedingCount: 0 });
		// Only the proceedings of this test.
		await t.db.execute(sql`delete from proceedings`);
		const [user] = await t.db
			.insert(staffUsers)
			.values({ email: 'analyst@pobyt.test', displayName: 'Analyst', passwordHash: 'x' })
			.returning({ id: staffUsers.id });
		analyst = { userId: user!.id, displayName: 'A', roles: new Set(['analyst']), branchIds: [] };
	});

	const proceeding = async (
		number: number,
		events: { kind: string; at: string }[],
		typeCode = 'DP'
	) => {
		const [row] = resultRows<{ id: string }>(
			await t.db.execute(sql`
				insert into proceedings (number, type_code, year, birth_date)
				values (${number}, ${typeCode}, 2026, '1990-01-01') returning id`)
		);
		for (const [i, e] of events.entries())
			await t.db.execute(sql`
				insert into proceeding_events (proceeding_id, external_id, kind, occurred_at)
				values (${row!.id}::uuid, ${`t-${number}-${i}`}, ${e.kind}, ${e.at}::timestamptz)`);
	};

	it('shows late proceedings month by month from the daily snapshots, and signals their rise', async () => {
		// DP without a purpose: 60 days. Late from 2 May, and from 1 October; the third was decided.
		await proceeding(1, [{ kind: 'filed', at: '2026-03-02T09:00:00Z' }]);
		await proceeding(2, [{ kind: 'filed', at: '2026-08-01T09:00:00Z' }]);
		await proceeding(3, [
			{ kind: 'filed', at: '2026-03-02T09:00:00Z' },
			{ kind: 'approved', at: '2026-04-01T09:00:00Z' }
		]);
		expect(await backfillLateSnapshots('2026-01-01', '2026-11-01')).toBe(11);
		expect(await backfillLateSnapshots('2026-01-01', '2026-11-01')).toBe(0);
		// The retention timer takes today's.
		await purgeExpired(NOW);

		const report = await yearlyReport(analyst, 'en', 2026, NOW, { audit: false });
		const trend = table(report.sections, 'late-trend');
		expect(trend.header.slice(0, 3)).toEqual(['Month', 'Total', 'DP']);
		const total = (month: string) => trend.rows.find((r) => r[0] === month)?.[1];
		expect(total('2026-04')).toBe(0);
		expect(total('2026-05')).toBe(1);
		expect(total('2026-08')).toBe(1);
		expect(total('2026-09')).toBe(2);
		// The month in progress: the snapshot taken at the start of today.
		expect(total('2026-11')).toBe(2);
		expect(table(report.sections, 'late').rows).toEqual([['DP', 2, 0, '—']]);
		expect(signalsOf(report.sections, 'late-trend').map((s) => s.text)).toEqual([
			'Proceedings past their legal deadline are increasing: 0 at the end of 2026-01, 2 at the end of 2026-11.'
		]);
		// Decided in the meantime: today's snapshot is already taken, the count stays until tomorrow.
		await t.db.execute(sql`
			insert into proceeding_events (proceeding_id, external_id, kind, occurred_at)
			select id, 't-2-decided', 'approved', ${ago(0.01)}::timestamptz from proceedings where number = 2`);
		await purgeExpired(NOW);
		const again = await insightsOverview(analyst, 'en', yearPeriod(2026), none, NOW);
		expect(table(again.sections, 'late').rows).toEqual([['DP', 2]]);
		await purgeExpired(new Date(NOW.getTime() + DAY));
		const tomorrow = await insightsOverview(
			analyst,
			'en',
			yearPeriod(2026),
			none,
			new Date(NOW.getTime() + DAY)
		);
		expect(table(tomorrow.sections, 'late').rows).toEqual([['DP', 1]]);
	});

	it('calls a waiting list growing only when it grew week by week', async () => {
		const ids = resultRows<{ branch: number; service: number; slug: string }>(
			await t.db.execute(sql`
				select b.id as branch, s.id as service, s.slug from branches b, services s
				where b.slug = 'praha-1' and s.slug in ('registration', 'card-pickup')`)
		);
		const id = (slug: string) => ids.find((r) => r.slug === slug)!;
		const entry = async (slug: string, createdDaysAgo: number, offeredDaysAgo?: number) => {
			await t.db.execute(sql`
				insert into waitlist_entries (service_id, branch_id, from_date, to_date, email, locale, created_at, offered_at)
				values (${id(slug).service}, ${id(slug).branch}, '2026-09-01', '2027-03-01', 'w@example.com', 'en',
					${ago(createdDaysAgo)}::timestamptz, ${offeredDaysAgo === undefined ? null : ago(offeredDaysAgo)}::timestamptz)`);
		};
		// Registration: 1, 2, 2, 3, 4 waiting at 4, 3, 2, 1 weeks ago and now.
		await entry('registration', 35);
		await entry('registration', 22);
		await entry('registration', 10);
		await entry('registration', 2);
		// Card pick-up: 1, 1, 0, 1, 2 — more now than 4 weeks ago, but it shrank on the way.
		await entry('card-pickup', 35, 16);
		await entry('card-pickup', 9);
		await entry('card-pickup', 1);
		// Gone before the window: offered long ago, or past its last day.
		await entry('card-pickup', 80, 60);

		const { sections } = await insightsOverview(analyst, 'en', yearPeriod(2026), none, NOW);
		const lists = table(sections, 'waitlists');
		expect(lists.header).toEqual([
			'Branch',
			'Action',
			'Waiting 4 weeks ago',
			'Waiting 3 weeks ago',
			'Waiting 2 weeks ago',
			'Waiting a week ago',
			'Waiting now',
			'Joined in 4 weeks',
			'Offered in 4 weeks'
		]);
		expect(lists.rows).toEqual([
			['praha-1', 'card-pickup', 1, 1, 0, 1, 2, 2, 1],
			['praha-1', 'registration', 1, 2, 2, 3, 4, 3, 0]
		]);
		expect(signalsOf(sections, 'waitlists').map((s) => s.text)).toEqual([
			'praha-1, registration: the waiting list grows week by week (1 waiting 4 weeks ago, 4 now).'
		]);
	});
});
