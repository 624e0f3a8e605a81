import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../accounts/access';
import { staffUsers } from '../accounts/accounts.schema';
import { auditLog } from '../audit/audit.schema';
import { loadChecklistsFromFiles } from '../content/content.service';
import { resultRows } from '../db/rows';
import { purgeExpired } from '../retention';
import { ENGINES, testDatabaseFor } from '../testing/test-database';
import { flushUsageEvents } from './insights.service';
import { openDataCsv, openDataMonths } from './open-data.service';
import { yearPeriod } from './period';
import { insightsOverview, setUnitCosts, yearlyReport, type Section } from './report.service';
import { rebuildRollups, refreshRollups } from './rollup.service';
import { answerSatisfaction, satisfactionComments } from './satisfaction.service';

const NOW = new Date('2026-11-24T09:00:00Z');
const none = { branch: null, service: null, locale: null };

const cell = (sections: Section[], table: string, row: string, column = 1) =>
	sections
		.flatMap((s) => s.tables)
		.find((t) => t.id === table)
		?.rows.find((r) => r[0] === row)?.[column];

describe.each(ENGINES)('insights on %s', (engine) => {
	const t = testDatabaseFor(engine);
	let analyst: Actor;
	let admin: Actor;

	beforeAll(async () => {
		await loadChecklistsFromFiles(t.db, 'content', NOW);
		const ids = await t.db
			.insert(staffUsers)
			.values([
				{ email: 'analyst@pobyt.test', displayName: 'Analyst', passwordHash: 'x' },
				{ email: 'admin@pobyt.test', displayName: 'Admin', passwordHash: 'x' }
			])
			.returning({ id: staffUsers.id });
		analyst = {
			userId: ids[0]!.id,
			displayName: 'Analyst',
			roles: new Set(['analyst']),
			branchIds: []
		};
		admin = { userId: ids[1]!.id, displayName: 'Admin', roles: new Set(['admin']), branchIds: [] };
	});

	const rows = async (query: ReturnType<typeof sql>) =>
		resultRows<Record<string, unknown>>(await t.db.execute(query));
	const insertEvents = async (
		events: { at: string; kind: string; locale?: string | null; facets: object }[]
	) => {
		await t.db.execute(sql`
			insert into usage_events (at, kind, locale, facets) values ${sql.join(
				events.map(
					(e) =>
						sql`(${e.at}::timestamptz, ${e.kind}, ${e.locale ?? null}, ${JSON.stringify(e.facets)}::jsonb)`
				),
				sql`, `
			)}`);
	};
	const snapshot = () =>
		rows(
			sql`select day::text, kind, locale, facets::text as facets, count from usage_daily order by 1, 2, 3, 4`
		);
	const monthlySnapshot = () =>
		rows(
			sql`select month::text, kind, locale, weekday, facets::text as facets, count from usage_monthly order by 1, 2, 3, 4, 5`
		);
	/** Every month's monthly rows add up to its daily rows, kind by kind. */
	const monthlyMismatches = () =>
		rows(sql`
			select * from (select date_trunc('month', day)::date as month, kind, sum(count)::int as n
				from usage_daily group by 1, 2) d
			full join (select month, kind, sum(count)::int as n from usage_monthly group by 1, 2) m
				using (month, kind)
			where d.n is distinct from m.n`);
	const searchSnapshot = () =>
		rows(
			sql`select day::text, locale, term, searches, zero_results from search_daily order by 1, 2, 3`
		);

	it('rollups built run by run equal a rebuild from raw events, and a second run changes nothing', async () => {
		// Day 1 (Prague): 23:30 UTC on the 19th is already the 20th in Prague.
		await insertEvents([
			{
				at: '2026-11-19T10:00:00Z',
				kind: 'booking',
				locale: 'uk',
				facets: { step: 'held', service: 'registration' }
			},
			{
				at: '2026-11-19T23:30:00Z',
				kind: 'booking',
				locale: 'uk',
				facets: { step: 'held', service: 'registration' }
			},
			{
				at: '2026-11-20T08:00:00Z',
				kind: 'status_lookup',
				locale: 'vi',
				facets: { outcome: 'found', stage: 'processing' }
			}
		]);
		await t.db.execute(sql`insert into search_queries (day, locale, query, result_count) values
			('2026-11-20', 'cs', 'zaměstnanecká karta', 2), ('2026-11-20', 'cs', 'Zamestnanecka  karta', 0)`);
		await refreshRollups(new Date('2026-11-20T12:00:00Z'));
		// Late arrivals for a day already rolled up, and new days.
		await insertEvents([
			{
				at: '2026-11-20T15:00:00Z',
				kind: 'status_lookup',
				locale: 'vi',
				facets: { outcome: 'found', stage: 'processing' }
			},
			{
				at: '2026-11-21T09:00:00Z',
				kind: 'satisfaction',
				locale: 'en',
				facets: { task: 'status', score: 5 }
			}
		]);
		await t.db.execute(sql`insert into search_queries (day, locale, query, result_count) values
			('2026-11-21', 'cs', 'ZAMĚSTNANECKÁ KARTA', 2)`);
		await refreshRollups(new Date('2026-11-21T12:00:00Z'));
		await insertEvents([
			{
				at: '2026-11-22T09:00:00Z',
				kind: 'booking',
				locale: 'uk',
				facets: { step: 'confirmed', service: 'registration', channel: 'web', branch: 'praha-1' }
			}
		]);
		await refreshRollups(new Date('2026-11-23T12:00:00Z'));
		const incremental = await snapshot();
		const incrementalSearches = await searchSnapshot();
		expect(incremental).toContainEqual({
			day: '2026-11-20',
			kind: 'booking',
			locale: 'uk',
			facets: '{"step": "held", "service": "registration"}',
			count: 1
		});
		expect(incremental).toContainEqual(
			expect.objectContaining({ day: '2026-11-20', kind: 'status_lookup', count: 2 })
		);
		expect(incrementalSearches).toContainEqual({
			day: '2026-11-20',
			locale: 'cs',
			term: 'zamestnanecka karta',
			searches: 2,
			zero_results: 1
		});

		const incrementalMonths = await monthlySnapshot();
		expect(incrementalMonths).toContainEqual({
			month: '2026-11-01',
			kind: 'booking',
			locale: 'uk',
			weekday: 0,
			facets: '{"step": "held", "service": "registration"}',
			count: 2
		});
		expect(await monthlyMismatches()).toEqual([]);

		await refreshRollups(new Date('2026-11-23T12:00:00Z'));
		expect(await snapshot()).toEqual(incremental);
		await rebuildRollups(new Date('2026-11-23T12:00:00Z'));
		expect(await snapshot()).toEqual(incremental);
		expect(await monthlySnapshot()).toEqual(incrementalMonths);
		expect(await searchSnapshot()).toEqual(incrementalSearches);
	});

	it('two instances rolling up at once give the same rows', async () => {
		await insertEvents([
			{
				at: '2026-11-23T13:00:00Z',
				kind: 'counter',
				facets: { branch: 'praha-1', step: 'no_show' }
			}
		]);
		const runs = await Promise.all([refreshRollups(NOW), refreshRollups(NOW), refreshRollups(NOW)]);
		expect(runs.some((r) => r.ran)).toBe(true);
		const after = await snapshot();
		await rebuildRollups(NOW);
		expect(await snapshot()).toEqual(after);
		expect(after).toContainEqual(
			expect.objectContaining({ day: '2026-11-23', kind: 'counter', count: 1 })
		);
	});

	it('raw events go after 25 months; their daily counts stay', async () => {
		await insertEvents([
			{
				at: '2024-06-03T09:00:00Z',
				kind: 'status_lookup',
				locale: 'cs',
				facets: { outcome: 'not_found' }
			}
		]);
		await rebuildRollups(NOW);
		const purged = await purgeExpired(NOW);
		expect(purged.usageEvents).toBe(1);
		expect(
			await rows(sql`select count(*)::int as n from usage_events where at < '2025-01-01'`)
		).toEqual([{ n: 0 }]);
		expect(await rows(sql`select count from usage_daily where day = '2024-06-03'`)).toEqual([
			{ count: 1 }
		]);
		await rebuildRollups(NOW);
		expect(await rows(sql`select count from usage_daily where day = '2024-06-03'`)).toEqual([
			{ count: 1 }
		]);
		expect((await purgeExpired(NOW)).usageEvents).toBe(0);
	});

	it('refuses strangers and other roles, and audits every view', async () => {
		const period = yearPeriod(2026);
		for (const role of ['agent', 'branch_staff', 'content_editor'] as const) {
			const other = { ...analyst, roles: new Set([role]) };
			await expect(insightsOverview(other, 'cs', period, none, NOW)).rejects.toBeInstanceOf(
				AccessDenied
			);
			await expect(yearlyReport(other, 'cs', 2026, NOW)).rejects.toBeInstanceOf(AccessDenied);
			await expect(satisfactionComments(other, period, null, null, NOW)).rejects.toBeInstanceOf(
				AccessDenied
			);
		}
		await expect(insightsOverview(null, 'cs', period, none, NOW)).rejects.toBeInstanceOf(
			AccessDenied
		);
		await expect(setUnitCosts(analyst, { web: '10' }, NOW)).rejects.toBeInstanceOf(AccessDenied);
		await insightsOverview(analyst, 'en', period, none, NOW);
		await yearlyReport(admin, 'en', 2026, NOW);
		const audits = await t.db
			.select({ action: auditLog.action, subjectId: auditLog.subjectId })
			.from(auditLog);
		expect(audits).toEqual(
			expect.arrayContaining([
				{ action: 'insights.view', subjectId: '2026-01-01/2026-12-31' },
				{ action: 'insights.report', subjectId: '2026' }
			])
		);
	});

	it('counts what happened, honouring the filters, and prices transactions from unit costs', async () => {
		await insertEvents([
			{
				at: '2026-11-24T08:00:00Z',
				kind: 'booking',
				locale: 'ru',
				facets: { step: 'held', service: 'biometrics', branch: 'praha-2' }
			},
			{
				at: '2026-11-24T08:01:00Z',
				kind: 'booking',
				locale: 'ru',
				facets: { step: 'confirmed', service: 'biometrics', channel: 'hotline', branch: 'praha-2' }
			},
			{
				at: '2026-11-24T08:02:00Z',
				kind: 'escalation_created',
				locale: 'uk',
				facets: { channel: 'call', area: 'checklists', hour: 9, checklist: 'employee-card' }
			},
			{
				at: '2026-11-24T08:03:00Z',
				kind: 'checklist_use',
				locale: 'uk',
				facets: { checklist: 'employee-card', step: 'viewed' }
			},
			{
				at: '2026-11-24T08:04:00Z',
				kind: 'escalation_outcome',
				facets: { topic: 'fees', outcome: 'answered' }
			}
		]);
		expect(await setUnitCosts(admin, { web: '12,50', hotline: '180', branch: 'x' }, NOW)).toEqual({
			kind: 'invalid',
			channels: ['branch']
		});
		expect(await setUnitCosts(admin, { web: '12,50', hotline: '180', branch: '350' }, NOW)).toEqual(
			{ kind: 'saved' }
		);
		const period = yearPeriod(2026);
		const { sections } = await insightsOverview(analyst, 'en', period, none, NOW);
		expect(cell(sections, 'take-up', 'Web')).toBe(1);
		expect(cell(sections, 'take-up', 'Hotline')).toBe(1);
		expect(cell(sections, 'funnel', 'Held')).toBe(3);
		expect(cell(sections, 'cost', 'Hotline', 3)).toBe('180.00');
		expect(cell(sections, 'kpi', 'Cost per transaction (CZK)')).toBe('96.25');
		expect(cell(sections, 'hotline-languages', 'uk')).toBe(1);
		expect(cell(sections, 'checklists', 'employee-card', 3)).toBe(1);
		expect(cell(sections, 'checklists', 'employee-card', 4)).toBe('1000.0');
		expect(cell(sections, 'topics-without-checklist', 'Fees')).toBe(1);
		expect(cell(sections, 'no-shows', 'praha-1', 2)).toBe(1);
		const praha2 = await insightsOverview(
			analyst,
			'en',
			period,
			{ ...none, branch: 'praha-2' },
			NOW
		);
		expect(cell(praha2.sections, 'take-up', 'Web')).toBe(0);
		expect(cell(praha2.sections, 'take-up', 'Hotline')).toBe(1);
		expect(cell(praha2.sections, 'hotline-languages', 'uk')).toBe(0);
		const russian = await insightsOverview(analyst, 'en', period, { ...none, locale: 'ru' }, NOW);
		expect(cell(russian.sections, 'take-up', 'Hotline')).toBe(1);
		expect(cell(russian.sections, 'lookups', 'Found')).toBe(0);
		// The report compares with the year before.
		const report = await yearlyReport(analyst, 'en', 2026, NOW);
		const takeUp = report.sections.flatMap((s) => s.tables).find((x) => x.id === 'lookups')!;
		expect(takeUp.header).toEqual(['Outcome', 'Count', 'Previous year', 'Change']);
	});

	it('takes satisfaction answers anonymously, scrubbed and throttled, and shows them by task and language', async () => {
		const who = { clientAddress: '203.0.113.9', secret: 'x'.repeat(32), locale: 'uk', now: NOW };
		expect(await answerSatisfaction({ task: 'booking', score: '', comment: '' }, who)).toEqual({
			kind: 'invalid',
			fields: ['score']
		});
		expect(
			await answerSatisfaction({ task: 'booking', score: '6', comment: 'x'.repeat(501) }, who)
		).toEqual({
			kind: 'invalid',
			fields: ['score', 'comment']
		});
		expect(
			await answerSatisfaction(
				{
					task: 'booking',
					score: '4',
					comment: 'Дуже зручно, пишіть на ivan@example.com або +420777123456, OAM-51727-4/DP-2026'
				},
				who
			)
		).toEqual({ kind: 'recorded', task: 'booking' });
		expect(
			await answerSatisfaction(
				{ task: 'status', score: '2', comment: '' },
				{ ...who, locale: 'vi' }
			)
		).toEqual({
			kind: 'recorded',
			task: 'status'
		});
		const comments = await satisfactionComments(analyst, yearPeriod(2026), 'booking', 'uk', NOW);
		expect(comments).toEqual([
			{
				day: '2026-11-24',
				task: 'booking',
				locale: 'uk',
				score: 4,
				comment: 'Дуже зручно, пишіть на або'
			}
		]);
		expect(await satisfactionComments(analyst, yearPeriod(2026), 'status', null, NOW)).toEqual([]);
		let throttled = false;
		for (let i = 0; i < 12 && !throttled; i++)
			throttled =
				(await answerSatisfaction({ task: 'checklist', score: '5', comment: '' }, who)).kind ===
				'throttled';
		expect(throttled).toBe(true);
		await flushUsageEvents();
		const { sections } = await insightsOverview(analyst, 'en', yearPeriod(2026), none, NOW);
		expect(cell(sections, 'satisfaction', 'Booking confirmed')).toBe(1);
		// One more from the rollup test above.
		expect(cell(sections, 'satisfaction', 'Status result')).toBe(2);
	});

	it('publishes open data with every count below 5 shown as <5', async () => {
		await insertEvents(
			Array.from({ length: 7 }, (_, i) => ({
				at: `2026-10-0${1 + (i % 5)}T09:00:00Z`,
				kind: 'status_lookup',
				locale: 'cs',
				facets: { outcome: 'found', stage: 'approved' }
			}))
		);
		await insertEvents([
			{
				at: '2026-10-02T09:00:00Z',
				kind: 'status_lookup',
				locale: 'cs',
				facets: { outcome: 'not_found' }
			}
		]);
		// October is final: raw events arriving this late are counted only by a rebuild.
		expect(await openDataMonths(NOW)).not.toContain('2026-10');
		await rebuildRollups(NOW);
		expect(await openDataMonths(NOW)).toContain('2026-10');
		const csv = (await openDataCsv('status-lookups', '2026-10', NOW))!;
		expect(csv).toBe(
			'month,outcome,stage,lookups\r\n2026-10,found,approved,7\r\n2026-10,not_found,,<5\r\n'
		);
		for (const dataset of [
			'bookings',
			'status-lookups',
			'hotline-languages',
			'hotline-topics',
			'satisfaction'
		]) {
			for (const month of await openDataMonths(NOW)) {
				const body = (await openDataCsv(dataset, month, NOW))!;
				const counts = body
					.trim()
					.split('\r\n')
					.slice(1)
					.flatMap((line) => line.split(',').slice(-2));
				for (const value of counts)
					if (/^\d+$/.test(value) && !/^\d{4}-\d{2}$/.test(value))
						expect(Number(value)).toBeGreaterThanOrEqual(5);
			}
		}
		expect(await openDataCsv('people', '2026-10', NOW)).toBeNull();
		expect(await openDataCsv('bookings', '2027-01', NOW)).toBeNull();
	});
});
