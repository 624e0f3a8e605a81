// `npm run bench:release` (issue 13): 20,000 draw entries over HTTP from 64 clients against the
// production build on PostgreSQL, next to a bare SQL insert of an entry measured in the same run;
// then the draw of those entries for 1,000 seats, timed, with its checks (nothing over capacity,
// no identity twice). Exits non-zero on any 5xx, over-capacity slot or duplicate identity, not on
// the throughput targets. Needs `npm run build` first and PostgreSQL (TEST_DATABASE_URL or 5432).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { useDatabase } from '../../src/lib/server/db';
import { openPostgres } from '../../src/lib/server/db/client';
import { seedDemoData } from '../../src/lib/server/db/seed';
import { runDraw } from '../../src/lib/server/draw/releases.service';
import { flushUsageEvents } from '../../src/lib/server/insights/insights.service';
import { commitmentOf } from '../../src/lib/draw-order';

const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `pobyt_bench_release_${process.pid}`;
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 20_000);
const CLIENTS = 64;
const SLOTS = 100;
const SEATS_PER_SLOT = 10;
const CLOCK = '2026-11-24T09:30:00Z';
const PORT = 4304;
const BASE = `http://localhost:${PORT}`;
const SECRET = 'bench-release-secret-0123456789abcdef012345';
const POOL = 10;
const TARGETS = { ratio: 0.5, p99: 250, drawSeconds: 5 };
/** BENCH_DRAW_ONLY=1: the entries are inserted in SQL at once, to time the draw alone. */
const DRAW_ONLY = process.env.BENCH_DRAW_ONLY === '1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

/** `clients` loops taking numbers 0…total−1 from one counter; latencies and statuses. */
async function run(total: number, clients: number, step: (n: number) => Promise<number>) {
	let next = 0;
	const latencies: number[] = [];
	const statuses = new Map<number, number>();
	const started = Date.now();
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (next < total) {
				const n = next++;
				const t0 = performance.now();
				const status = await step(n).catch(() => 0);
				latencies.push(performance.now() - t0);
				statuses.set(status, (statuses.get(status) ?? 0) + 1);
			}
		})
	);
	const seconds = (Date.now() - started) / 1000;
	return {
		seconds: Number(seconds.toFixed(1)),
		perSecond: Math.round(total / seconds),
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		statuses: Object.fromEntries(statuses)
	};
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return null;
	}
}

/**
 * `total` requests from `clients` keep-alive connections with autocannon (a load generator that
 * costs the shared two cores far less than `fetch`), and the app's CPU milliseconds per request.
 */
async function drive(
	total: number,
	clients: number,
	request: (n: number) => {
		method: 'GET' | 'POST';
		path: string;
		headers?: Record<string, string>;
		body?: string;
	},
	pid: number | undefined
) {
	let n = 0;
	const cpuBefore = cpuSeconds(pid);
	const result = await autocannon({
		url: BASE,
		connections: clients,
		amount: total,
		timeout: 30,
		requests: [{ setupRequest: (base) => ({ ...base, ...request(n++) }) }]
	});
	const cpuAfter = cpuSeconds(pid);
	const statuses: Record<number, number> = {};
	for (const [code, { count }] of Object.entries(
		result.statusCodeStats as unknown as Record<string, { count: number }>
	))
		statuses[Number(code)] = count;
	if (result.errors + result.timeouts > 0) statuses[0] = result.errors + result.timeouts;
	return {
		perSecond: Math.round(result.requests.total / result.duration),
		p50: result.latency.p50,
		p99: result.latency.p99,
		statuses,
		cpuMs:
			cpuBefore === null || cpuAfter === null
				? NaN
				: Math.round(((cpuAfter - cpuBefore) * 1000 * 100) / result.requests.total) / 100
	};
}

async function waitFor(url: string): Promise<void> {
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(url)).status === 200) return;
		} catch {
			// not up yet
		}
		await sleep(200);
	}
	throw new Error(`${url} did not come up`);
}

const form = (n: number) =>
	new URLSearchParams({
		fullName: 'Bench Entrant',
		day: String((n % 28) + 1),
		month: String((n % 12) + 1),
		year: String(1960 + (n % 40)),
		nationality: 'UA',
		documentNumber: `BX ${String(n).padStart(7, '0')}`,
		email: `bench${n}@example.com`,
		language: 'uk',
		any: 'yes'
	}).toString();

const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${NAME}`);
const url = new URL(ADMIN);
url.pathname = `/${NAME}`;
const DATABASE_URL = url.toString();
let app: ChildProcess | undefined;
let sql: ReturnType<typeof postgres> | undefined;
let failed = false;
try {
	const now = new Date(CLOCK);
	const database = openPostgres(DATABASE_URL);
	await database.migrate('drizzle');
	await seedDemoData(database.db, { password: 'bench', now, demoSlots: false });
	useDatabase(database);
	sql = postgres(DATABASE_URL, { max: POOL, onnotice: () => {} });
	const [{ branch, service }] = await sql<{ branch: number; service: number }[]>`
		select b.id as branch, v.id as service from branches b, services v
		where b.slug = 'praha-1' and v.slug = 'registration'`;
	// 1,000 seats: 100 slots of 10 on one day, 9 days after the clock; the window is open now.
	await sql`
		insert into slots (branch_id, service_id, starts_at, ends_at, capacity, booked)
		select ${branch}, ${service}, t, t + interval '5 minutes', ${SEATS_PER_SLOT}, ${SEATS_PER_SLOT}
		from generate_series('2026-12-03T07:00:00Z'::timestamptz, '2026-12-03T07:00:00Z'::timestamptz
			+ ${SLOTS - 1} * interval '5 minutes', interval '5 minutes') t`;
	const seed = randomBytes(32);
	const releaseRow = (label: string) => sql!`
		insert into releases (branch_id, service_id, from_date, to_date, opens_at, closes_at, draw_at,
			seed, commitment, created_at)
		values (${branch}, ${service}, '2026-12-03', '2026-12-03', ${'2026-11-24T08:00:00Z'},
			${'2026-11-26T08:00:00Z'}, ${'2026-11-27T08:00:00Z'}, ${seed}, ${commitmentOf(seed) + label}, ${CLOCK})
		returning id`;
	const [{ id: releaseId }] = await releaseRow('');
	const [{ id: bareRelease }] = await releaseRow('-bare');
	await sql`
		insert into release_seats (release_id, slot_id, seats)
		select ${releaseId}, id, capacity from slots where branch_id = ${branch} and service_id = ${service}
			and starts_at >= '2026-12-03T00:00:00Z' and starts_at < '2026-12-04T00:00:00Z'`;

	let bare = { perSecond: NaN, p50: NaN, p99: NaN };
	let floor = { perSecond: NaN, p50: NaN, p99: NaN, cpuMs: NaN };
	let http = {
		perSecond: NaN,
		p50: NaN,
		p99: NaN,
		cpuMs: NaN,
		statuses: {} as Record<number, number>
	};
	if (DRAW_ONLY) {
		await sql`
			insert into draw_entries (release_id, public_id, token_hash, person_key, full_name, birth_date,
				nationality, document_number, email, locale, preferences, created_at, updated_at)
			select ${releaseId}, substr(md5(random()::text || n), 1, 12), sha256(n::text::bytea), 'p' || n,
				'Bench Entrant', '1990-01-01', 'UA', 'BX ' || n, 'bench' || n || '@example.com', 'uk',
				case when n % 3 = 0 then '{"weekdays":[],"parts":[]}'::jsonb
					else '{"weekdays":[4],"parts":["morning"]}'::jsonb end,
				${CLOCK}, ${CLOCK}
			from generate_series(1, ${ENTRIES}) n`;
	} else {
		// BENCH_APP_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the app's side.
		const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
		app = spawn(process.execPath, [...nodeArgs, 'build'], {
			detached: true,
			stdio: ['ignore', 'ignore', 'inherit'],
			env: {
				...process.env,
				PORT: String(PORT),
				ORIGIN: BASE,
				DATABASE_URL,
				APP_SECRET: SECRET,
				POBYT_CLOCK: CLOCK,
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1',
				LOG_LEVEL: 'warn',
				TZ: 'UTC'
			}
		});
		await waitFor(`${BASE}/api/ready`);

		// The ceiling: the entry row alone, one insert per entry, same pool size as the app.
		bare = await run(ENTRIES, CLIENTS, async (n) => {
			await sql!`
				insert into draw_entries (release_id, public_id, token_hash, person_key, full_name, birth_date,
					nationality, document_number, email, locale, preferences, created_at, updated_at)
				values (${bareRelease}, ${randomBytes(9).toString('base64url')}, ${randomBytes(32)},
					${`bare-${n}`}, 'Bench Entrant', '1990-01-01', 'UA', ${`BX ${n}`}, ${`bench${n}@example.com`},
					'uk', ${sql!.json({ weekdays: [], parts: [] })}, ${CLOCK}, ${CLOCK})`;
			return 201;
		});
		// The floor of HTTP itself on this machine: the app's liveness answer (no database, no form),
		// from the same clients. Not a target, context: no endpoint can be faster than this.
		floor = await drive(ENTRIES, CLIENTS, () => ({ method: 'GET', path: '/api/health' }), app.pid);
		// The app: every entry through the release page's form, each client a different address.
		http = await drive(
			ENTRIES,
			CLIENTS,
			(n) => ({
				method: 'POST',
				path: `/uk/draw/release/${releaseId}`,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: BASE,
					accept: 'text/html',
					'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
				},
				body: form(n)
			}),
			app.pid
		);
	}
	const [{ entries }] = await sql<{ entries: number }[]>`
		select count(*)::int as entries from draw_entries where release_id = ${releaseId}`;

	// The draw, as the runner makes it, timed.
	const t0 = performance.now();
	const report = await runDraw(
		releaseId,
		{ secret: SECRET, origin: BASE },
		new Date('2026-11-27T08:00:01Z')
	);
	const drawSeconds = (performance.now() - t0) / 1000;
	const [over] = await sql<{ slots: number; seats: number }[]>`
		select (select count(*)::int from slots where booked > capacity) as slots,
			(select count(*)::int from release_seats where given > seats) as seats`;
	const [dupes] = await sql<{ people: number; entries: number }[]>`
		select (select count(*)::int from (select person_key from bookings where service_id = ${service}
				and cancelled_at is null group by person_key having count(*) > 1) d) as people,
			(select count(*)::int from (select person_key from draw_entries where release_id = ${releaseId}
				group by person_key having count(*) > 1) d) as entries`;
	const errors5xx = Object.entries(http.statuses)
		.filter(([s]) => Number(s) >= 500 || Number(s) === 0)
		.reduce((sum, [, n]) => sum + n, 0);
	const ratio = http.perSecond / bare.perSecond;
	const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');
	console.log(`
draw entries, ${ENTRIES} from ${CLIENTS} clients (same run):
  Pobyt over HTTP   ${String(http.perSecond).padStart(6)} entries/s   p50 ${http.p50} ms   p99 ${http.p99} ms   app CPU ${http.cpuMs} ms/entry   statuses ${JSON.stringify(http.statuses)}
  bare SQL insert   ${String(bare.perSecond).padStart(6)} entries/s   p50 ${bare.p50} ms   p99 ${bare.p99} ms
  HTTP floor        ${String(floor.perSecond).padStart(6)} answers/s   p50 ${floor.p50} ms   p99 ${floor.p99} ms   app CPU ${floor.cpuMs} ms/answer   (GET /api/health: no database; entries are ${((http.perSecond / floor.perSecond) * 100).toFixed(0)} % of it)
  ratio             ${(ratio * 100).toFixed(0)} %  (target ≥ ${TARGETS.ratio * 100} %: ${yes(ratio >= TARGETS.ratio)}; p99 ≤ ${TARGETS.p99} ms: ${yes(http.p99 <= TARGETS.p99)}); 5xx or network errors: ${errors5xx}
the draw: ${entries} entries for ${SLOTS * SEATS_PER_SLOT} seats in ${drawSeconds.toFixed(2)} s (target ≤ ${TARGETS.drawSeconds} s: ${yes(drawSeconds <= TARGETS.drawSeconds)})
  ${JSON.stringify(report)}
  over capacity: ${over!.slots} slots, ${over!.seats} release seats; duplicate identities: ${dupes!.people} in bookings, ${dupes!.entries} in entries`);
	if (
		(!DRAW_ONLY && errors5xx > 0) ||
		over!.slots > 0 ||
		over!.seats > 0 ||
		dupes!.people > 0 ||
		dupes!.entries > 0
	)
		failed = true;
	// The draw's anonymous events wait for a timer to be written: written now, before the close.
	await flushUsageEvents();
	await database.close();
} catch (error) {
	failed = true;
	console.error(error);
} finally {
	if (app?.pid) process.kill(-app.pid, 'SIGTERM');
	await sql?.end({ timeout: 5 });
	await sleep(1000);
	await admin.unsafe(`drop database if exists ${NAME} with (force)`);
	await admin.end();
}
process.exit(failed ? 1 : 0);
