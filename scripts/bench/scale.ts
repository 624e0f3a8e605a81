// `npm run bench:scale`: the hot paths at the size of a national year (docs/adr/0014), on the
// database `npm run data:national-year` made (NATIONAL_DATABASE, default pobyt_national_year).
// Each path is called in this process through its service, one call at a time (BENCH_CALLS,
// default 300), and printed with its p50/p99 next to a bare ceiling measured in the same run:
// the path's one essential SQL statement through postgres.js. Then the yearly insights report,
// the database's size on disk, EXPLAIN (ANALYZE, BUFFERS) of the hot statements (BENCH_EXPLAIN=1
// prints the plans), and last the retention purge — which deletes data: run it once after
// generating (a second run measures a purge with nothing left to do).
import { availableParallelism, loadavg } from 'node:os';
import postgres from 'postgres';
import type { Actor } from '../../src/lib/server/accounts/access';
import { useDatabase } from '../../src/lib/server/db';
import { openPostgres } from '../../src/lib/server/db/client';
import { holdSlot, releaseHold } from '../../src/lib/server/booking/bookings.service';
import { timeChoices } from '../../src/lib/server/booking/booking-offer.service';
import { openContextByCode } from '../../src/lib/server/escalation/agent-console.service';
import { flushUsageEvents } from '../../src/lib/server/insights/insights.service';
import { yearlyReport } from '../../src/lib/server/insights/report.service';
import { deleteRawBefore } from '../../src/lib/server/insights/rollup.repository';
import { countLate, refreshRollups } from '../../src/lib/server/insights/rollup.service';
import { lookupStatus } from '../../src/lib/server/proceedings/proceedings.service';
import type { TypeCode } from '../../src/lib/server/proceedings/proceeding-number';
import { purgeExpired } from '../../src/lib/server/retention';
import { NATIONAL_NOW, YEAR } from '../../src/lib/server/testing/national-year';

const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = process.env.NATIONAL_DATABASE ?? 'pobyt_national_year';
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const NOW = NATIONAL_NOW;
const SECRET = 'bench-scale-secret-0123456789abcdef0123';
process.env.APP_SECRET ??= SECRET;

const url = new URL(ADMIN);
url.pathname = `/${NAME}`;
const database = openPostgres(url.toString());
useDatabase(database);
const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });

const ms = (start: number) => performance.now() - start;
const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

interface Figure {
	name: string;
	budget: number;
	app: number[];
	bare: number[];
}
const figures: Figure[] = [];

/** `calls` calls of the path and of its bare statement, interleaved, each timed alone. */
async function measure<T>(
	name: string,
	budget: number,
	inputs: T[],
	path: (input: T, i: number) => Promise<unknown>,
	bare: (input: T, i: number) => Promise<unknown>
) {
	const figure: Figure = { name, budget, app: [], bare: [] };
	// A few calls first, so that connections, plans and caches are warm as in a running server.
	for (let i = 0; i < 5; i++) {
		await path(inputs[i % inputs.length]!, i);
		await bare(inputs[i % inputs.length]!, i);
	}
	for (let i = 0; i < inputs.length; i++) {
		let start = performance.now();
		await path(inputs[i]!, i);
		figure.app.push(ms(start));
		start = performance.now();
		await bare(inputs[i]!, i);
		figure.bare.push(ms(start));
	}
	figures.push(figure);
	const p99 = percentile(figure.app, 99);
	console.log(
		`  ${name.padEnd(34)} p50 ${percentile(figure.app, 50).toFixed(1).padStart(6)} ms  p99 ${p99.toFixed(1).padStart(6)} ms  (budget ${budget} ms: ${p99 < budget ? 'met' : 'MISSED'})` +
			`  · bare p50 ${percentile(figure.bare, 50).toFixed(2)} ms p99 ${percentile(figure.bare, 99).toFixed(2)} ms`
	);
}

async function explain(name: string, text: string, params: unknown[]) {
	const rows = await sql.unsafe<{ 'QUERY PLAN': string }[]>(
		`explain (analyze, buffers) ${text}`,
		params as never[]
	);
	const plan = rows.map((r) => r['QUERY PLAN']);
	const time = plan.find((l) => l.startsWith('Execution Time'));
	const top = plan[0]!.trim().split('  (')[0];
	console.log(`  ${name.padEnd(34)} ${time}  · ${top}`);
	if (EXPLAIN) console.log(plan.map((l) => `      ${l}`).join('\n'));
}

try {
	const [{ events }] = await sql<
		{ events: number }[]
	>`select count(*)::int as events from usage_events`;
	if (events === 0) throw new Error(`${NAME} has no events: run npm run data:national-year first`);
	const [{ proceedings, bookings }] = await sql<{ proceedings: number; bookings: number }[]>`
		select (select count(*)::int from proceedings) as proceedings, (select count(*)::int from bookings) as bookings`;
	console.log(
		`\nbench:scale on ${NAME}: ${proceedings.toLocaleString('en')} proceedings, ${bookings.toLocaleString('en')} bookings, ${events.toLocaleString('en')} events; ${CALLS} calls a path, one at a time, in process; load average ${loadavg()[0]!.toFixed(1)} on this machine's ${availableParallelism()} cores\n`
	);

	// Status lookups of generated proceedings, each from its own address.
	const people = await sql<
		{ number: number; serial: number | null; type_code: string; year: number; birth_date: string }[]
	>`select number, serial, type_code, year, birth_date::text from proceedings
		where id = md5('proceeding' || number)::uuid order by hashint4(number) limit ${CALLS}`;
	await measure(
		'status lookup',
		20,
		people,
		(p, i) =>
			lookupStatus({
				number: {
					number: p.number,
					serial: p.serial,
					typeCode: p.type_code as TypeCode,
					year: p.year
				},
				birthDate: p.birth_date,
				clientAddress: `10.9.${i >> 8}.${i & 255}`,
				locale: 'uk',
				now: NOW,
				secret: SECRET
			}),
		(p) =>
			sql`select p.id, p.type_code, p.complex, e.kind, e.occurred_at, e.details
				from proceedings p join proceeding_events e on e.proceeding_id = p.id
				where p.number = ${p.number} and p.type_code = ${p.type_code} and p.year = ${p.year}
					and p.birth_date = ${p.birth_date}::date`
	);

	// The branch page: its free times over the horizon and its next free day.
	const branchRows = await sql<{ id: number; slug: string; service: number }[]>`
		select b.id, b.slug, s.id as service from branches b join services s on s.slug = 'registration'
		where b.active order by b.id`;
	const branchInputs = Array.from({ length: CALLS }, (_, i) => branchRows[i % branchRows.length]!);
	await measure(
		'branch page with its next free day',
		50,
		branchInputs,
		(b) => timeChoices('registration', b.slug, NOW),
		(b) =>
			sql`select id, starts_at from slots where branch_id = ${b.id} and service_id = ${b.service}
				and booked < capacity and starts_at >= ${NOW} and starts_at < ${new Date(NOW.getTime() + 60 * 86_400_000)}
				order by starts_at`
	);

	// A hold on a free seat (released after, outside the timing), against one conditional update.
	const free = await sql<{ id: number; slug: string }[]>`
		select s.id, b.slug from slots s join branches b on b.id = s.branch_id
		where s.booked + 2 < s.capacity and s.starts_at > ${new Date(NOW.getTime() + 3 * 86_400_000)}
		order by hashint4(s.id::int) limit ${CALLS}`;
	const tokens: string[] = [];
	await measure(
		'hold',
		50,
		free,
		async (s) => {
			const held = await holdSlot(s.id, NOW, 'registration', s.slug);
			if (held.kind === 'held') tokens.push(held.token);
		},
		(s) =>
			sql`update slots set booked = booked + 1 where id = ${s.id} and booked < capacity returning id`
	);
	for (const token of tokens) await releaseHold(token);
	for (const s of free) await sql`update slots set booked = booked - 1 where id = ${s.id}`;

	// An agent opening a context by the code the caller reads out (the last day's contexts, made
	// current for the run).
	const [agent] = await sql<{ id: string }[]>`
		select u.id from staff_users u join staff_roles r on r.user_id = u.id and r.role = 'agent' order by u.email limit 1`;
	const actor: Actor = {
		userId: agent!.id,
		displayName: 'bench',
		roles: new Set(['agent']),
		branchIds: []
	};
	await sql`update call_contexts set expires_at = ${new Date(NOW.getTime() + 3_600_000)} where code is not null`;
	const codes = await sql<{ code: string }[]>`
		select code from call_contexts where code is not null order by code limit ${CALLS}`;
	await measure(
		'agent opens a context',
		50,
		codes,
		async (c) => {
			const opened = await openContextByCode(actor, c.code, NOW);
			if (opened.kind !== 'opened') throw new Error(`context ${opened.kind}`);
		},
		(c) => sql`select * from call_contexts where code = ${c.code}`
	);
	await flushUsageEvents();

	// The yearly report (both years), with the incremental rollup run it starts with.
	const took = performance.now();
	const late = await countLate(NOW);
	const snapshot = ms(took);
	const analyst: Actor = {
		userId: agent!.id,
		displayName: 'bench',
		roles: new Set(['analyst']),
		branchIds: []
	};
	const report: number[] = [];
	const bareReport: number[] = [];
	for (let i = 0; i < 5; i++) {
		let start = performance.now();
		await yearlyReport(analyst, 'cs', YEAR, NOW, { audit: false });
		report.push(ms(start));
		start = performance.now();
		await sql`select kind, sum(count)::bigint from usage_monthly
			where month between ${`${YEAR - 1}-01-01`}::date and ${`${YEAR}-12-31`}::date group by kind`;
		bareReport.push(ms(start));
	}
	const start = performance.now();
	await refreshRollups(NOW);
	const incremental = ms(start);
	const reportMedian = percentile(report, 50);
	console.log(
		`  ${'yearly insights report (past year)'.padEnd(34)} median ${reportMedian.toFixed(0)} ms of 5 (budget 3000 ms: ${reportMedian < 3000 ? 'met' : 'MISSED'})` +
			`  · bare sum over the monthly rollups ${percentile(bareReport, 50).toFixed(1)} ms; incremental rollup run ${incremental.toFixed(0)} ms; a day's late snapshot (timer, not the report) ${snapshot.toFixed(0)} ms → ${[...late.values()].reduce((a, n) => a + n, 0).toLocaleString('en')} late`
	);

	// Size on disk.
	const [size] = await sql<
		{ total: string }[]
	>`select pg_size_pretty(pg_database_size(current_database())) as total`;
	const tables = await sql<{ name: string; size: string }[]>`
		select relname as name, pg_size_pretty(pg_total_relation_size(c.oid)) as size
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where n.nspname = 'public' and c.relkind = 'r'
		order by pg_total_relation_size(c.oid) desc limit 8`;
	console.log(
		`\n  database size on disk: ${size!.total} (${tables.map((t) => `${t.name} ${t.size}`).join(', ')})`
	);

	// The hot statements' plans at this size.
	console.log('\n  EXPLAIN (ANALYZE, BUFFERS):');
	const p = people[0]!;
	await explain(
		'status lookup',
		`select p.id, e.kind, e.occurred_at from proceedings p join proceeding_events e on e.proceeding_id = p.id
		where p.number = $1 and p.type_code = $2 and p.year = $3`,
		[p.number, p.type_code, p.year]
	);
	const b = branchRows[0]!;
	await explain(
		'free slots of a branch',
		`select id, starts_at from slots where branch_id = $1 and service_id = $2 and booked < capacity
		and starts_at >= $3 and starts_at < $4 order by starts_at`,
		[b.id, b.service, NOW, new Date(NOW.getTime() + 60 * 86_400_000)]
	);
	await explain(
		'next free time of every branch',
		`select b.id, (select min(s.starts_at) from slots s where s.branch_id = b.id and s.service_id = $1
			and s.booked < s.capacity and s.starts_at >= $2) from branches b where b.active`,
		[b.service, NOW]
	);
	await explain(
		'bookings of a person',
		`select id from bookings where person_key = $1 order by created_at desc`,
		[`${'0'.repeat(32)}`]
	);
	await explain('context by code', `select id from call_contexts where code = $1`, [
		codes[0]!.code
	]);
	await explain(
		'callback queue (next to call)',
		`select id from callback_requests where finished_at is null and next_attempt_at <= $1
		order by next_attempt_at, created_at limit 1`,
		[NOW]
	);
	await explain(
		'report: bookings by step × channel',
		`select facets->>'step', facets->>'channel', sum(count) from usage_monthly
		where month between '${YEAR}-01-01' and '${YEAR}-12-31' and kind = 'booking' group by 1, 2`,
		[]
	);
	await explain(
		'rollup: two open days from raw',
		`select (at at time zone 'Europe/Prague')::date, kind, coalesce(locale, ''), coalesce(facets, '{}'::jsonb), count(*)
		from usage_events where at >= $1 group by 1, 2, 3, 4`,
		[new Date(`${YEAR}-12-30T00:00:00+01:00`)]
	);

	// Retention, last: the purge as the timer runs it now, then the raw events of one day and of
	// one month going (as on the days the 25-month cutoff passes them).
	console.log('\n  retention purge (deletes):');
	let t0 = performance.now();
	const purged = await purgeExpired(NOW);
	console.log(`    purgeExpired now: ${ms(t0).toFixed(0)} ms  ${JSON.stringify(purged)}`);
	t0 = performance.now();
	const day = await deleteRawBefore(new Date(`${YEAR}-01-02T00:00:00+01:00`));
	console.log(
		`    raw events of one day (${day.events.toLocaleString('en')} events, ${day.searches} searches): ${ms(t0).toFixed(0)} ms`
	);
	t0 = performance.now();
	const month = await deleteRawBefore(new Date(`${YEAR}-02-01T00:00:00+01:00`));
	console.log(
		`    raw events of the rest of a month (${month.events.toLocaleString('en')} events, ${month.searches} searches): ${ms(t0).toFixed(0)} ms`
	);
} finally {
	await sql.end();
	await database.close();
}
