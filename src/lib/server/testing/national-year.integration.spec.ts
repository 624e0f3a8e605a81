import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../db/seed';
import { resultRows } from '../db/rows';
import { rebuildRollups } from '../insights/rollup.service';
import {
	branchSlugs,
	generateEventsOfYear,
	generateNationalYear,
	NATIONAL_NOW,
	nationalYearCounts,
	SLOT_SERVICES,
	type NationalYearSize
} from './national-year';
import { createTestDatabase, ENGINES, type TestDatabase } from './test-database';
import { useDatabase } from '../db';

const TINY: NationalYearSize = {
	proceedings: 60,
	branches: 2,
	bookings: 150,
	contacts: 40,
	events: 3000,
	slotDaysBefore: 7
};

/** A digest of what was generated, independent of serial ids. */
async function fingerprint(t: TestDatabase): Promise<Record<string, string>> {
	const digest = async (query: string) =>
		resultRows<{ d: string }>(
			await t.db.execute(
				sql.raw(`select md5(coalesce(string_agg(r, '|' order by r), '')) as d from (${query}) q`)
			)
		)[0]!.d;
	return {
		bookings: await digest(
			`select concat_ws(',', id, reference, person_key, channel, locale, created_at, cancelled_at, no_show_at) as r from bookings`
		),
		proceedings: await digest(
			`select concat_ws(',', p.number, p.type_code, p.year, p.birth_date, e.kind, e.occurred_at) as r
			from proceedings p join proceeding_events e on e.proceeding_id = p.id`
		),
		contacts: await digest(
			`select concat_ws(',', id, code, locale, created_at, purged_at) as r from call_contexts
			union all select concat_ws(',', id, locale, created_at, outcome) from callback_requests`
		),
		events: await digest(
			`select concat_ws(',', at, kind, locale, facets::text) as r from usage_events`
		),
		searches: await digest(
			`select concat_ws(',', day, locale, query, result_count) as r from search_queries`
		)
	};
}

async function generate(t: TestDatabase) {
	useDatabase(t);
	await seedDemoData(t.db, { now: NATIONAL_NOW, password: 'x', proceedingCount: 0 });
	await generateNationalYear(t.db, TINY);
	await generateEventsOfYear(t.db, {
		events: TINY.events,
		branches: branchSlugs(TINY.branches),
		services: SLOT_SERVICES
	});
	await rebuildRollups(NATIONAL_NOW);
}

describe.each(ENGINES)('the national-year generator at a tiny size on %s', (engine) => {
	it('makes the counts it was asked for, the same rows twice, and rollups that add up', async () => {
		const first = await createTestDatabase(engine);
		const second = await createTestDatabase(engine);
		try {
			await generate(first);
			const counts = await nationalYearCounts(first.db);
			expect(counts.bookings).toBe(TINY.bookings);
			expect(counts.usage_events).toBe(TINY.events);
			expect(counts.search_queries).toBe(TINY.events / 40);
			expect(counts.call_contexts + counts.callback_requests).toBe(TINY.contacts);
			// The demo seed's proceedings stay; every generated number is one more.
			expect(counts.proceedings).toBeGreaterThanOrEqual(TINY.proceedings);
			expect(counts.proceeding_events).toBeGreaterThan(counts.proceedings);
			const active = resultRows<{ n: number }>(
				await first.db.execute(sql`select count(*)::int as n from branches where active`)
			);
			expect(Number(active[0]!.n)).toBe(TINY.branches);
			// No slot over capacity, and `booked` is the number of live bookings on it.
			const slots = resultRows<{ over: number; wrong: number }>(
				await first.db.execute(sql`
					select count(*) filter (where booked > capacity)::int as over,
						count(*) filter (where booked <> coalesce(live, 0))::int as wrong
					from slots s left join (select slot_id, count(*) as live from bookings
						where cancelled_at is null group by slot_id) b on b.slot_id = s.id`)
			)[0]!;
			expect(Number(slots.over)).toBe(0);
			expect(Number(slots.wrong)).toBe(0);
			// The monthly and daily rollups hold every event once.
			const sums = resultRows<{ daily: number; monthly: number }>(
				await first.db.execute(sql`
					select (select sum(count)::int from usage_daily) as daily,
						(select sum(count)::int from usage_monthly) as monthly`)
			)[0]!;
			expect(Number(sums.daily)).toBe(TINY.events);
			expect(Number(sums.monthly)).toBe(TINY.events);

			await generate(second);
			expect(await fingerprint(second)).toEqual(await fingerprint(first));
		} finally {
			await first.dispose();
			await second.dispose();
		}
	}, 120_000);
});
