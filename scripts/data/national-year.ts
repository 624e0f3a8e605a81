// `npm run data:national-year`: a national year in its own PostgreSQL database (issue 16, docs/adr/0014):
// 500,000 proceedings with their events, 30 branches with a year of published slots, 2,000,000
// bookings, 300,000 hotline contacts and 20,000,000 anonymous events with their rollups, all
// generated deterministically inside PostgreSQL. NATIONAL_SCALE (e.g. 0.01) shrinks every count.
// The database (NATIONAL_DATABASE, default pobyt_national_year) is replaced and kept for
// `npm run bench:scale`. Needs a PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432).
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { useDatabase } from '../../src/lib/server/db';
import { openPostgres } from '../../src/lib/server/db/client';
import { seedDemoData } from '../../src/lib/server/db/seed';
import {
	backfillLateSnapshots,
	rebuildRollups
} from '../../src/lib/server/insights/rollup.service';
import { pragueDate } from '../../src/lib/time/prague';
import {
	branchSlugs,
	generateEventsOfYear,
	generateNationalYear,
	NATIONAL_NOW,
	NATIONAL_YEAR,
	nationalYearCounts,
	SLOT_SERVICES,
	YEAR,
	type NationalYearSize
} from '../../src/lib/server/testing/national-year';

const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = process.env.NATIONAL_DATABASE ?? 'pobyt_national_year';
const SCALE = Number(process.env.NATIONAL_SCALE ?? 1);

const size = Object.fromEntries(
	Object.entries(NATIONAL_YEAR).map(([k, v]) => [k, k === 'branches' ? v : Math.round(v * SCALE)])
) as unknown as NationalYearSize;
const step = (name: string, ms: number) =>
	console.log(`  ${name.padEnd(16)} ${(ms / 1000).toFixed(1).padStart(7)} s`);

const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${NAME} with (force)`);
await admin.unsafe(`create database ${NAME}`);
await admin.end();
const url = new URL(ADMIN);
url.pathname = `/${NAME}`;
const database = openPostgres(url.toString());
const started = performance.now();
try {
	await database.migrate('drizzle');
	useDatabase(database);
	console.log(`national year into ${NAME} (${JSON.stringify(size)}):`);
	let start = performance.now();
	await seedDemoData(database.db, {
		now: NATIONAL_NOW,
		password: process.env.DEMO_PASSWORD ?? 'national-year',
		proceedingCount: 0
	});
	step('demo seed', performance.now() - start);
	await generateNationalYear(database.db, size, step);
	await generateEventsOfYear(
		database.db,
		{ events: size.events, branches: branchSlugs(size.branches), services: SLOT_SERVICES },
		step
	);
	start = performance.now();
	const rollup = await rebuildRollups(NATIONAL_NOW);
	step('rollups', performance.now() - start);
	start = performance.now();
	const snapshots = await backfillLateSnapshots(`${YEAR - 1}-12-01`, pragueDate(NATIONAL_NOW));
	step(`${snapshots} late snapshots`, performance.now() - start);
	console.log(
		`  rollup rows: ${rollup.usageRows.toLocaleString('en')} daily, ${rollup.monthRows.toLocaleString('en')} monthly, ${rollup.searchRows.toLocaleString('en')} search`
	);
	await database.db.execute(sql`vacuum analyze`);
	console.log(`  counts: ${JSON.stringify(await nationalYearCounts(database.db))}`);
	console.log(`  total ${((performance.now() - started) / 1000).toFixed(0)} s`);
} finally {
	await database.close();
}
