// `npm run bench:insights`: a national year of anonymous events (20 million by default,
// BENCH_EVENTS to change) generated deterministically inside PostgreSQL with generate_series,
// then the rollup build time and the yearly report's server time, beside a bare ceiling measured
// in the same run (a plain SQL sum over the rollup table for the same year).
// Needs a PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432); the database is dropped at the end.
import postgres from 'postgres';
import type { Actor } from '../../src/lib/server/accounts/access';
import { useDatabase } from '../../src/lib/server/db';
import { openPostgres } from '../../src/lib/server/db/client';
import { yearlyReport } from '../../src/lib/server/insights/report.service';
import { rebuildRollups, refreshRollups } from '../../src/lib/server/insights/rollup.service';
import { toCsv } from '../../src/lib/server/insights/statistics';

const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `pobyt_bench_insights_${process.pid}`;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000_000);
const YEAR = 2025;
const NOW = new Date('2026-01-10T12:00:00Z');
const RUNS = 5;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${NAME}`);
const url = new URL(ADMIN);
url.pathname = `/${NAME}`;
try {
	const database = openPostgres(url.toString());
	await database.migrate('drizzle');
	useDatabase(database);
	const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });

	// A year of events shaped like the centre's: mostly status lookups and checklist reads, then
	// bookings, hotline contacts and outcomes, satisfaction answers. Everything derives from the
	// row number (hashed), so every run generates the same year.
	let start = process.hrtime.bigint();
	await sql.unsafe(`drop index usage_events_kind_at; drop index usage_events_at`);
	await sql.unsafe(`
		insert into usage_events (at, kind, locale, facets)
		select
			timestamptz '${YEAR}-01-01 00:00:00+01' + (i::float8 / ${EVENTS}) * interval '365 days',
			kinds[1 + (case when h % 100 < 40 then 0 when h % 100 < 60 then 1
				when h % 100 < 72 then 2 when h % 100 < 82 then 3 when h % 100 < 90 then 4
				when h % 100 < 95 then 5 when h % 100 < 98 then 6 else 7 end)],
			(array['cs','en','uk','ru','vi'])[1 + (h / 100) % 5],
			case
				when h % 100 < 40 then jsonb_build_object('outcome', (array['found','found','found','not_found','throttled'])[1 + (h / 500) % 5],
					'stage', (array['processing','suspended','approved','card_ready'])[1 + (h / 2500) % 4])
				when h % 100 < 60 then jsonb_build_object('checklist', (array['employee-card','long-term-study','family-reunification','eu-blue-card','permanent-residence'])[1 + (h / 500) % 5],
					'step', (array['viewed','viewed','viewed','printed'])[1 + (h / 2500) % 4])
				when h % 100 < 72 then jsonb_build_object('step', (array['held','held','confirmed','cancelled'])[1 + (h / 500) % 4],
					'service', (array['registration','biometrics','card-pickup'])[1 + (h / 2000) % 3],
					'branch', 'branch-' || ((h / 6000) % 60), 'channel', (array['web','web','web','hotline','branch'])[1 + (h / 360000) % 5])
				when h % 100 < 82 then jsonb_build_object('channel', (array['call','call','callback'])[1 + (h / 500) % 3],
					'area', (array['home','status','checklists','book'])[1 + (h / 1500) % 4], 'hour', 8 + (h / 6000) % 9)
				when h % 100 < 90 then jsonb_build_object('topic', (array['residence_permit','employee_card','biometrics','booking','documents','fees','status_delay','temporary_protection','family','other'])[1 + (h / 500) % 10],
					'outcome', (array['answered','answered','booked','callback_needed','referred'])[1 + (h / 5000) % 5])
				when h % 100 < 95 then jsonb_build_object('task', (array['booking','status','checklist','hotline'])[1 + (h / 500) % 4], 'score', 1 + (h / 2000) % 5)
				when h % 100 < 98 then jsonb_build_object('branch', 'branch-' || ((h / 500) % 60), 'step', (array['arrived','arrived','arrived','done','no_show'])[1 + (h / 30000) % 5])
				else jsonb_build_object('reason', (array['full','throttled','proof','limit'])[1 + (h / 500) % 4])
			end
		from (
			select i, abs(hashint4(i)) as h,
				array['status_lookup','checklist_use','booking','escalation_created','escalation_outcome','satisfaction','counter','booking_refused'] as kinds
			from generate_series(1, ${EVENTS}) as i
		) g`);
	await sql.unsafe(`
		insert into search_queries (day, locale, query, result_count)
		select date '${YEAR}-01-01' + (i % 365), (array['cs','en','uk','ru','vi'])[1 + i % 5],
			(array['Zaměstnanecká karta','zamestnanecka karta','pas','povolení k pobytu','biometrie','ксилофон','thẻ tạm trú'])[1 + abs(hashint4(i)) % 7],
			abs(hashint4(i + 7)) % 3
		from generate_series(1, ${Math.round(EVENTS / 40)}) as i`);
	const generate = ms(start);
	start = process.hrtime.bigint();
	await sql.unsafe(
		`create index usage_events_kind_at on usage_events (kind, at); create index usage_events_at on usage_events (at); analyze`
	);
	const indexes = ms(start);

	start = process.hrtime.bigint();
	await rebuildRollups(NOW);
	const rollup = ms(start);
	const [{ rows }] = await sql<{ rows: number }[]>`select count(*)::int as rows from usage_daily`;
	// A day's worth of new events, then the incremental run every instance does.
	await sql.unsafe(`
		insert into usage_events (at, kind, locale, facets)
		select timestamptz '2026-01-10 08:00:00+01' + i * interval '1 second', 'status_lookup', 'cs', '{"outcome":"found"}'
		from generate_series(1, ${Math.round(EVENTS / 365)}) as i`);
	start = process.hrtime.bigint();
	await refreshRollups(NOW);
	const incremental = ms(start);

	const analyst: Actor = {
		userId: '00000000-0000-4000-8000-000000000000',
		displayName: 'bench',
		roles: new Set(['analyst']),
		branchIds: []
	};
	const noLate = async () => new Map<string, number>();
	const reportTimes: number[] = [];
	const bareTimes: number[] = [];
	let tables = 0;
	for (let run = 0; run < RUNS; run++) {
		start = process.hrtime.bigint();
		const report = await yearlyReport(analyst, 'cs', YEAR, NOW, noLate, { audit: false });
		const all = report.sections.flatMap((s) => s.tables);
		for (const table of all) toCsv(table.header, table.rows);
		reportTimes.push(ms(start));
		tables = all.length;
		start = process.hrtime.bigint();
		await sql`select kind, sum(count)::bigint from usage_daily where day between ${`${YEAR}-01-01`}::date and ${`${YEAR}-12-31`}::date group by kind`;
		bareTimes.push(ms(start));
	}
	const report = median(reportTimes);
	const bare = median(bareTimes);
	console.log(
		`\ninsights bench (${EVENTS.toLocaleString('en')} events in ${YEAR}, PostgreSQL):\n` +
			`  generate ${(generate / 1000).toFixed(1)} s (+ indexes ${(indexes / 1000).toFixed(1)} s)\n` +
			`  rollup build from raw ${(rollup / 1000).toFixed(1)} s → ${rows.toLocaleString('en')} daily rows; incremental run after a day ${incremental.toFixed(0)} ms\n` +
			`  yearly report (both years, ${tables} tables, with CSV) median of ${RUNS}: ${report.toFixed(0)} ms server time — target < 3000 ms\n` +
			`  bare ceiling (one SQL sum over the year's rollups by kind) median: ${bare.toFixed(1)} ms; report / bare = ${(report / bare).toFixed(0)}×`
	);
	await sql.end();
	await database.close();
} finally {
	await admin.unsafe(`drop database if exists ${NAME} with (force)`);
	await admin.end();
}
