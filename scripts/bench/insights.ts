// `npm run bench:insights`: a national year of anonymous events (20 million by default,
// BENCH_EVENTS to change) generated deterministically inside PostgreSQL with generate_series
// (src/lib/server/testing/national-year.ts),
// then the rollup build time and the yearly report's server time, beside a bare ceiling measured
// in the same run (a plain SQL sum over the rollup table for the same year).
// Needs a PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432); the database is dropped at the end.
import { availableParallelism, loadavg } from 'node:os';
import postgres from 'postgres';
import type { Actor } from '../../src/lib/server/accounts/access';
import { useDatabase } from '../../src/lib/server/db';
import { openPostgres } from '../../src/lib/server/db/client';
import { insightsOverview, yearlyReport } from '../../src/lib/server/insights/report.service';
import { yearPeriod } from '../../src/lib/server/insights/period';
import { rebuildRollups, refreshRollups } from '../../src/lib/server/insights/rollup.service';
import { toCsv } from '../../src/lib/server/insights/statistics';
import {
	branchSlugs,
	generateEventsOfYear,
	SLOT_SERVICES
} from '../../src/lib/server/testing/national-year';

const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `pobyt_bench_insights_${process.pid}`;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000_000);
const YEAR = 2025;
const NOW = new Date('2026-01-10T12:00:00Z');
const RUNS = 5;
const none = { branch: null, service: null, locale: null };

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

	// A year of events shaped and faceted like the app's own (the same generator as
	// `npm run data:national-year`): every value derives from the row number, so every run
	// generates the same year.
	const steps: Record<string, number> = {};
	await generateEventsOfYear(
		database.db,
		{ events: EVENTS, branches: branchSlugs(30), services: SLOT_SERVICES },
		(name, took) => (steps[name] = took)
	);
	const generate = steps.events!;
	const indexes = steps['event indexes']!;

	let start = process.hrtime.bigint();
	await rebuildRollups(NOW);
	const rollup = ms(start);
	const [{ rows, months }] = await sql<{ rows: number; months: number }[]>`
		select (select count(*)::int from usage_daily) as rows, (select count(*)::int from usage_monthly) as months`;
	// A day's worth of new events (a copy of a national day a year earlier), then the
	// incremental run every instance does.
	await sql.unsafe(`
		insert into usage_events (at, kind, locale, facets)
		select at + interval '365 days', kind, locale, facets from usage_events
		where at >= '2025-01-10 00:00:00+01' and at < '2025-01-11 00:00:00+01'`);
	start = process.hrtime.bigint();
	await refreshRollups(NOW);
	const incremental = ms(start);

	const [user] = await sql<{ id: string }[]>`
		insert into staff_users (email, display_name, password_hash)
		values ('bench@pobyt.test', 'bench', 'x') returning id`;
	const analyst: Actor = {
		userId: user!.id,
		displayName: 'bench',
		roles: new Set(['analyst']),
		branchIds: []
	};
	const reportTimes: number[] = [];
	const bareTimes: number[] = [];
	let tables = 0;
	for (let run = 0; run < RUNS; run++) {
		start = process.hrtime.bigint();
		const report = await yearlyReport(analyst, 'cs', YEAR, NOW, { audit: false });
		const all = report.sections.flatMap((s) => s.tables);
		for (const table of all) toCsv(table.header, table.rows);
		reportTimes.push(ms(start));
		tables = all.length;
		start = process.hrtime.bigint();
		await sql`select kind, sum(count)::bigint from usage_monthly where month between ${`${YEAR - 1}-01-01`}::date and ${`${YEAR}-12-31`}::date group by kind`;
		bareTimes.push(ms(start));
	}
	// The analysts' overview of the current year: every view runs the incremental rollup first.
	const overviewTimes: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		start = process.hrtime.bigint();
		await insightsOverview(analyst, 'cs', yearPeriod(YEAR + 1), none, NOW);
		overviewTimes.push(ms(start));
	}
	const report = median(reportTimes);
	const bare = median(bareTimes);
	// What the report would cost without rollups: one count of the year's raw events by kind.
	start = process.hrtime.bigint();
	await sql`select kind, count(*) from usage_events where at >= ${`${YEAR}-01-01T00:00:00+01:00`}::timestamptz and at < ${`${YEAR + 1}-01-01T00:00:00+01:00`}::timestamptz group by kind`;
	const raw = ms(start);
	console.log(
		`\ninsights bench (${EVENTS.toLocaleString('en')} events in ${YEAR}, PostgreSQL; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores):\n` +
			`  generate ${(generate / 1000).toFixed(1)} s (+ indexes ${(indexes / 1000).toFixed(1)} s)\n` +
			`  rollup build from raw ${(rollup / 1000).toFixed(1)} s → ${rows.toLocaleString('en')} daily rows, ${months.toLocaleString('en')} monthly rows; incremental run after a day ${incremental.toFixed(0)} ms\n` +
			`  yearly report (both years, ${tables} tables, with CSV; a past year reads final rollups, no rollup run) median of ${RUNS}: ${report.toFixed(0)} ms server time — target < 3000 ms\n` +
			`  bare ceiling (one SQL sum by kind over both years' monthly rollups) median: ${bare.toFixed(1)} ms; report / bare = ${(report / bare).toFixed(0)}×\n` +
			`  overview of the current year (its incremental rollup run included) median of ${RUNS}: ${median(overviewTimes).toFixed(0)} ms\n` +
			`  for scale: one count by kind over the year's raw events: ${raw.toFixed(0)} ms`
	);
	await sql.end();
	await database.close();
} finally {
	await admin.unsafe(`drop database if exists ${NAME} with (force)`);
	await admin.end();
}
