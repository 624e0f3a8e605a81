// `npm run bench:booking`: a booking rush against the production build on PostgreSQL (64 clients,
// a hot set of 50 slots), next to the bare SQL of a booking measured in the same run; then a run
// where the seats do fill up (exactly capacity, never over) and a 10× overload (the excess must
// get 429, never 5xx). Exits non-zero on any 5xx or overbooked slot, not on throughput targets.
// Needs `npm run build` first and a PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import postgres from 'postgres';
import { openPostgres } from '../../src/lib/server/db/client';
import { seedDemoData } from '../../src/lib/server/db/seed';

const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `pobyt_bench_${process.pid}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const OVERLOAD_SECONDS = Number(process.env.BENCH_OVERLOAD_SECONDS ?? Math.min(DURATION, 5));
/** At most this long to take every seat of the fill phase (it ends when all are gone). */
const FILL_SECONDS = Number(process.env.BENCH_FILL_SECONDS ?? 60);
const CLIENTS = 64;
const OVERLOAD_CLIENTS = CLIENTS * 10;
const HOT_SLOTS = 50;
/** Seats per hot slot in the fill phase: small, so that every one of them is taken. */
const FILL_CAPACITY = 3;
/** The e2e clock: a Tuesday morning; the hot slots start from the next day on. */
const CLOCK = process.env.POBYT_CLOCK ?? '2026-11-24T09:30:00Z';
const PORT = 4303;
const BASE = `http://localhost:${PORT}`;
const SERVICE = 'registration';
const BRANCH = 'praha-1';
/** The app's pool (src/lib/server/db/client.ts); the bare transaction gets the same. */
const POOL = 10;
/** Issue 16 ("cheaper bookings"): of the bare transaction, the rush's p99, the app's CPU per booking. */
const TARGETS = { ratio: 0.25, p99: 500, cpuMs: 6 };

type Sql = ReturnType<typeof postgres>;

// ---------------------------------------------------------------- measurements

class Tally {
	readonly latencies: number[] = [];
	readonly holdLatencies: number[] = [];
	/** `step status` → count, e.g. `hold 303`, `check 429`, `details error`. */
	readonly statuses = new Map<string, number>();
	confirmed = 0;
	/** CPU time the app process spent during the phase (Linux only; 0 elsewhere). */
	appCpuMs = 0;
	/** CPU time PostgreSQL's processes and this load generator spent during the phase. */
	postgresCpuMs = 0;
	clientCpuMs = 0;
	started = 0;
	ended = 0;

	count(step: string, status: number | 'error'): void {
		const key = `${step} ${status}`;
		this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
	}

	/** Responses by class over all steps: 2xx, 3xx, 409, 429, other 4xx, 5xx, network errors. */
	classes(): Record<string, number> {
		const out: Record<string, number> = { '2xx': 0, '3xx': 0, '409': 0, '429': 0, '4xx': 0 };
		out['5xx'] = 0;
		out.error = 0;
		for (const [key, n] of this.statuses) {
			const status = key.split(' ')[1]!;
			const code = Number(status);
			const cls =
				status === 'error'
					? 'error'
					: code === 409 || code === 429
						? status
						: code >= 500
							? '5xx'
							: `${Math.floor(code / 100)}xx`;
			out[cls] = (out[cls] ?? 0) + n;
		}
		return out;
	}

	get seconds(): number {
		return (this.ended - this.started) / 1000;
	}
}

function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** User + system CPU of a process so far (/proc, in clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return 0;
	}
}

/** User + system CPU of every PostgreSQL server process so far (/proc; 0 elsewhere). */
function postgresCpuMs(): number {
	let total = 0;
	try {
		for (const pid of readdirSync('/proc')) {
			if (!/^\d+$/.test(pid)) continue;
			try {
				const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
				if (!stat.includes('(postgres)')) continue;
				const fields = stat.split(') ')[1]!.split(' ');
				total += (Number(fields[11]) + Number(fields[12])) * 10;
			} catch {
				// gone meanwhile
			}
		}
	} catch {
		return 0;
	}
	return total;
}

/** Runs `clients` loops of `step` until `seconds` have passed; each loop ends its last round. */
async function rush(
	clients: number,
	seconds: number,
	step: (tally: Tally) => Promise<void>,
	done: () => boolean = () => false
): Promise<Tally> {
	const tally = new Tally();
	const until = Date.now() + seconds * 1000;
	phaseEnds = until;
	const cpuBefore = cpuMs(app?.pid);
	const postgresBefore = postgresCpuMs();
	const clientBefore = process.cpuUsage();
	tally.started = Date.now();
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (Date.now() < until && !done()) await step(tally);
		})
	);
	tally.ended = Date.now();
	tally.appCpuMs = cpuMs(app?.pid) - cpuBefore;
	tally.postgresCpuMs = postgresCpuMs() - postgresBefore;
	const client = process.cpuUsage(clientBefore);
	tally.clientCpuMs = (client.user + client.system) / 1000;
	return tally;
}

// ---------------------------------------------------------------- the app over HTTP

let attempt = 0;
/** When the running phase ends: a client still waiting then gives up. */
let phaseEnds = 0;
let app: ChildProcess | undefined;

/** An answer as the clients read it: status, headers, body. */
interface Answer {
	status: number;
	header(name: string): string | null;
	setCookies(): string[];
	body: string;
}

/**
 * Keep-alive HTTP/1.1 from node:http, one socket per client at most: the load generator shares
 * the two cores with the app and PostgreSQL, and `fetch` cost it about three times the CPU a
 * request (2.9 ms of CPU a booking against the app's 5.2 ms, measured with process.cpuUsage).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

function send(
	method: 'GET' | 'POST',
	path: string,
	headers: Record<string, string>,
	body?: string
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			{ host: 'localhost', port: PORT, method, path, agent, headers },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						header: (name) => {
							const value = response.headers[name.toLowerCase()];
							return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
						},
						setCookies: () => response.headers['set-cookie'] ?? [],
						body: Buffer.concat(chunks).toString('utf8')
					})
				);
				response.on('error', reject);
			}
		);
		request.on('error', reject);
		request.end(body);
	});
}

function post(
	path: string,
	form: Record<string, string>,
	address: string,
	cookie = ''
): Promise<Answer> {
	return send(
		'POST',
		path,
		{
			'content-type': 'application/x-www-form-urlencoded',
			origin: BASE,
			accept: 'text/html',
			'x-forwarded-for': address,
			...(cookie ? { cookie } : {})
		},
		new URLSearchParams(form).toString()
	);
}

async function proof(address: string): Promise<string> {
	const response = await send('GET', '/api/altcha', { 'x-forwarded-for': address });
	const challenge = JSON.parse(response.body) as Challenge;
	const solution = await solveChallenge({ challenge, deriveKey });
	if (!solution) throw new Error('challenge not solved');
	return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/** Waits as long as a 429 asks (at most 2 s, with jitter, as people do not all retry at once). */
function backOff(response: Answer): Promise<void> {
	const seconds = Math.min(2, Number(response.header('retry-after') ?? 1) || 1);
	return sleep(seconds * 1000 * (0.5 + Math.random()));
}

/**
 * One person booking: proof of work, hold a random hot slot, details, confirm. A 429 is retried
 * after Retry-After (the hold with its waiting-room ticket, the later steps with the same hold)
 * until the phase ends; any other refusal ends the attempt.
 */
async function bookOverHttp(
	slotIds: number[],
	tally: Tally,
	fullSlots?: Set<number>
): Promise<void> {
	const n = ++attempt;
	// Each attempt its own address and identity, as many different people booking at once.
	const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
	const book = `/book/${SERVICE}/${BRANCH}`;
	const started = performance.now();
	try {
		const open = fullSlots ? slotIds.filter((id) => !fullSlots.has(id)) : slotIds;
		if (open.length === 0) return;
		const slot = open[Math.floor(Math.random() * open.length)]!;
		// Cookies of the waiting room (ticket, pass), kept and sent back as a browser does: a
		// refused hold is sent again with its ticket after Retry-After, keeping its place in line.
		const jar = new Map<string, string>();
		const remember = (response: Answer) => {
			for (const header of response.setCookies()) {
				const pair = header.split(';')[0]!;
				const name = pair.slice(0, pair.indexOf('='));
				if (name === 'pobyt_wait' || name === 'pobyt_pass') jar.set(name, pair);
			}
		};
		const cookies = (...more: string[]) => [...jar.values(), ...more].join('; ');
		const holdStarted = performance.now();
		let hold: Answer;
		for (;;) {
			hold = await post(
				`${book}?/hold`,
				{ slot: String(slot), altcha: await proof(address) },
				address,
				cookies()
			);
			remember(hold);
			tally.count('hold', hold.status);
			if (hold.status !== 429 || Date.now() >= phaseEnds) break;
			await backOff(hold);
		}
		if (hold.status === 429) return;
		if (hold.status === 409) fullSlots?.add(slot);
		if (hold.status !== 303) return;
		tally.holdLatencies.push(performance.now() - holdStarted);
		const cookie = hold.setCookies().find((c) => c.startsWith('pobyt_hold='))!;
		const steps: [string, Record<string, string>][] = [
			[
				'details',
				{
					fullName: 'Bench Person',
					day: '1',
					month: '1',
					year: '1990',
					nationality: 'UA',
					documentNumber: `BENCH${String(n).padStart(8, '0')}`,
					email: `bench${n}@example.com`,
					phone: '',
					proceeding: ''
				}
			],
			['check', {}]
		];
		for (const [name, form] of steps) {
			for (;;) {
				const response = await post(
					`${book}/${name}`,
					form,
					address,
					cookies(cookie.split(';')[0]!)
				);
				remember(response);
				tally.count(name, response.status);
				if (response.status === 429) {
					if (Date.now() >= phaseEnds) return;
					await backOff(response);
					continue;
				}
				if (response.status !== 303) return;
				if (name === 'check' && !response.header('location')?.includes('/booking/')) return;
				break;
			}
		}
		tally.confirmed++;
		tally.latencies.push(performance.now() - started);
	} catch {
		tally.count('any', 'error');
		await sleep(50);
	}
}

// ---------------------------------------------------------------- the bare SQL, no HTTP

/**
 * One bare booking: a seat held and the details kept (the statements the app's hold and details
 * steps write, without their throttles), then `confirm` makes the booking of the hold `token`
 * for `person`.
 */
async function bareBooking(
	sql: Sql,
	slotIds: number[],
	now: Date,
	tally: Tally,
	confirm: (token: Buffer, person: string, n: number, at: string) => Promise<void>
): Promise<void> {
	const n = ++attempt;
	const started = performance.now();
	const slot = slotIds[Math.floor(Math.random() * slotIds.length)]!;
	const token = randomBytes(32);
	const at = now.toISOString();
	try {
		const held = await sql`
			with seat as (
				update slots set booked = booked + 1
				where id = ${slot} and booked < capacity
					and starts_at >= ${new Date(now.getTime() + 24 * 3_600_000).toISOString()}::timestamptz
				returning id
			)
			insert into booking_holds (slot_id, token_hash, expires_at, created_at)
			select id, ${token}, ${new Date(now.getTime() + 600_000).toISOString()}::timestamptz, ${at}::timestamptz
			from seat
			returning id`;
		tally.count('hold', held.length === 1 ? 303 : 409);
		if (held.length !== 1) return;
		tally.holdLatencies.push(performance.now() - started);
		const person = `bare-${n}`;
		await sql`
			update booking_holds set details = ${sql.json({ fullName: 'Bench Person', documentNumber: person })}
			where token_hash = ${token} and expires_at >= ${at}::timestamptz returning id`;
		await confirm(token, person, n, at);
		tally.count('check', 303);
		tally.confirmed++;
		tally.latencies.push(performance.now() - started);
	} catch {
		tally.count('any', 'error');
	}
}

/**
 * The ceiling the issue set: a booking's database work as the app issued it then — the hold,
 * the details, and the confirmation as a transaction of five statements (the hold's delete, the
 * slot, the person's lock, the two limit counts, the insert) — minus HTTP, rendering,
 * throttling, proof of work and the page reads.
 */
function bookBare(sql: Sql, slotIds: number[], now: Date, tally: Tally): Promise<void> {
	return bareBooking(sql, slotIds, now, tally, async (token, person, n, at) => {
		await sql.begin(async (tx) => {
			const [hold] = await tx`
				delete from booking_holds where token_hash = ${token} and expires_at >= ${at}::timestamptz
				returning slot_id`;
			const [row] = await tx`select branch_id, service_id from slots where id = ${hold!.slot_id}`;
			await tx`select pg_advisory_xact_lock(hashtext(${person}))`;
			await tx`
				select count(*)::int as n from bookings
				where person_key = ${person} and created_at >= ${at}::timestamptz - interval '60 days'
					and cancelled_at is null`;
			await tx`
				select b.cancelled_at from bookings b join slots s on s.id = b.slot_id
				where b.person_key = ${person} and b.cancelled_by = 'person'
					and b.cancelled_at >= ${at}::timestamptz - interval '90 days'
					and b.cancelled_at > s.starts_at - make_interval(hours => 48)
				order by b.cancelled_at desc limit 3`;
			await tx`
				insert into bookings (slot_id, branch_id, service_id, reference, token_hash, person_key,
					full_name, birth_date, nationality, document_number, email, locale, channel,
					idempotency_key, created_at)
				values (${hold!.slot_id}, ${row!.branch_id}, ${row!.service_id}, ${`BARE-${n}`},
					${randomBytes(32)}, ${person}, 'Bench Person', '1990-01-01', 'UA', ${person},
					'bench@example.com', 'cs', 'web', ${`bare-${n}`}, ${at}::timestamptz)`;
		});
	});
}

/**
 * The same work in the statements the app now sends (migration 0020): the booking is ONE call of
 * `confirm_hold` (with its e-mail) instead of the transaction. A second ceiling, printed beside
 * the first: how far the app is from its own database work.
 */
function bookBareOneCall(sql: Sql, slotIds: number[], now: Date, tally: Tally): Promise<void> {
	return bareBooking(sql, slotIds, now, tally, async (token, person, n, at) => {
		const windowStart = new Date(now.getTime() - 60 * 86_400_000).toISOString();
		const lateStart = new Date(now.getTime() - 90 * 86_400_000).toISOString();
		const [row] = await sql<{ booking_id: string | null }[]>`
			select booking_id from confirm_hold(${token}, ${at}, ${person}, ${`BARE1-${n}`},
				${randomBytes(32)}, 'Bench Person', '1990-01-01', 'UA', ${person}, 'bench@example.com',
				null, null, 'cs', 'web', ${`bare1-${n}`}, 3, ${windowStart}, 3, 48, ${lateStart},
				'bench@example.com', 'Booking', 'Your booking', null)`;
		if (!row?.booking_id) throw new Error('not booked');
	});
}

// ---------------------------------------------------------------- invariants

interface SlotCount {
	id: string;
	capacity: number;
	booked: number;
	bookings: number;
	holds: number;
}

/** Per slot: seats taken never above capacity, and exactly the bookings plus the holds. */
async function seatCounts(sql: Sql, slotIds: number[]): Promise<SlotCount[]> {
	return sql<SlotCount[]>`
		select s.id::text, s.capacity, s.booked,
			(select count(*)::int from bookings b where b.slot_id = s.id and b.cancelled_at is null) as bookings,
			(select count(*)::int from booking_holds h where h.slot_id = s.id) as holds
		from slots s where s.id = any(${slotIds})`;
}

// ---------------------------------------------------------------- the run

async function waitFor(url: string): Promise<void> {
	for (let i = 0; i < 150; i++) {
		try {
			const response = await fetch(url);
			if (response.status === 200) return;
		} catch {
			// not up yet
		}
		await sleep(200);
	}
	throw new Error(`${url} did not come up`);
}

function perBooking(ms: number, tally: Tally): number {
	return tally.confirmed ? Math.round((ms * 10) / tally.confirmed) / 10 : NaN;
}

function line(name: string, tally: Tally, clients: number) {
	return {
		name,
		clients,
		seconds: Number(tally.seconds.toFixed(1)),
		'bookings/s': Math.round(tally.confirmed / tally.seconds),
		'p50 ms': percentile(tally.latencies, 50),
		'p99 ms': percentile(tally.latencies, 99),
		'hold p99 ms': percentile(tally.holdLatencies, 99),
		'app CPU ms/booking': perBooking(tally.appCpuMs, tally),
		'PostgreSQL CPU ms/booking': perBooking(tally.postgresCpuMs, tally),
		'load generator CPU ms/booking': perBooking(tally.clientCpuMs, tally),
		...tally.classes()
	};
}

const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${NAME}`);
const url = new URL(ADMIN);
url.pathname = `/${NAME}`;
const DATABASE_URL = url.toString();
let sql: Sql | undefined;
let failed = false;
try {
	const now = new Date(CLOCK);
	const database = openPostgres(DATABASE_URL);
	await database.migrate('drizzle');
	await seedDemoData(database.db, { password: 'bench', now, demoSlots: true });
	await database.close();
	sql = postgres(DATABASE_URL, { max: POOL, onnotice: () => {} });
	// The demo slots are few (two mornings a week): the hot sets are slots of their own, on a
	// Thursday without demo slots, two days after the clock.
	const created = await sql<{ id: string }[]>`
		insert into slots (branch_id, service_id, starts_at, ends_at, capacity)
		select b.id, v.id, t, t + interval '5 minutes', 1
		from branches b, services v,
			generate_series(
				date_trunc('hour', ${now.toISOString()}::timestamptz + interval '48 hours'),
				date_trunc('hour', ${now.toISOString()}::timestamptz + interval '48 hours')
					+ ${2 * HOT_SLOTS - 1} * interval '5 minutes',
				interval '5 minutes') t
		where b.slug = ${BRANCH} and v.slug = ${SERVICE}
		order by t
		returning id::text`;
	if (created.length !== 2 * HOT_SLOTS) throw new Error('hot slots not created');
	const hot = created.slice(0, HOT_SLOTS).map((r) => Number(r.id));
	const fill = created.slice(HOT_SLOTS).map((r) => Number(r.id));
	// Enough seats that the rush never runs out; the fill phase's slots are the ones that do.
	await sql`update slots set capacity = 1000000 where id = any(${hot})`;
	await sql`update slots set capacity = ${FILL_CAPACITY} where id = any(${fill})`;

	app = spawn(
		process.execPath,
		[
			...(process.env.BENCH_CPU_PROF
				? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
				: []),
			'build'
		],
		{
			detached: true,
			stdio: ['ignore', 'ignore', 'inherit'],
			env: {
				...process.env,
				PORT: String(PORT),
				ORIGIN: BASE,
				DATABASE_URL,
				POBYT_CLOCK: CLOCK,
				POW_WORK: '1',
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1',
				LOG_LEVEL: 'warn',
				TZ: 'UTC'
			}
		}
	);
	await waitFor(`${BASE}/api/ready`);

	// The ceilings first, then the app in the same run.
	const db = sql;
	const bare = line(
		'bare SQL booking',
		await rush(CLIENTS, DURATION, (t) => bookBare(db, hot, now, t)),
		CLIENTS
	);
	console.log(JSON.stringify(bare));
	const bareOneCall = line(
		"bare SQL booking, the app's statements",
		await rush(CLIENTS, DURATION, (t) => bookBareOneCall(db, hot, now, t)),
		CLIENTS
	);
	console.log(JSON.stringify(bareOneCall));
	// The app warmed up right before its rush, by all its clients: each then holds an open
	// keep-alive connection, as behind the proxy (which opens one per request, deploy/haproxy.cfg).
	// Node 20 accepts one new connection per turn of its event loop: 56 clients connecting at once
	// to a busy instance waited in its listen queue for up to 1.4 s (ss showed 54 waiting, drained
	// at about 25 a second), and their first booking alone set the rush's p99 (docs/adr/0003).
	await rush(CLIENTS, 2, (t) => bookOverHttp(hot, t));
	const rushed = line(
		'Pobyt booking over HTTP',
		await rush(CLIENTS, DURATION, (t) => bookOverHttp(hot, t)),
		CLIENTS
	);
	console.log(JSON.stringify(rushed));
	// Until every seat is taken: each hot slot answers 409 once it is full.
	const fullSlots = new Set<number>();
	const filling = await rush(
		CLIENTS,
		FILL_SECONDS,
		(t) => bookOverHttp(fill, t, fullSlots),
		() => fullSlots.size === fill.length
	);
	const filled = line(`filling ${HOT_SLOTS}×${FILL_CAPACITY} seats`, filling, CLIENTS);
	console.log(JSON.stringify(filled));
	const overload = line(
		'10× overload',
		await rush(OVERLOAD_CLIENTS, OVERLOAD_SECONDS, (t) => bookOverHttp(hot, t)),
		OVERLOAD_CLIENTS
	);
	console.log(JSON.stringify(overload));

	const counts = await seatCounts(sql, [...hot, ...fill]);
	const overbooked = counts.filter(
		(c) => c.booked > c.capacity || c.bookings + c.holds > c.capacity
	);
	const inconsistent = counts.filter((c) => c.booked !== c.bookings + c.holds);
	const fillCounts = counts.filter((c) => fill.includes(Number(c.id)));
	const full = fillCounts.filter((c) => c.booked === c.capacity).length;
	const errors5xx = rushed['5xx'] + filled['5xx'] + overload['5xx'];
	const networkErrors =
		rushed.error + filled.error + overload.error + bare.error + bareOneCall.error;
	const ratio = rushed['bookings/s'] / bare['bookings/s'];
	const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');
	console.log(`
booking rush, ${CLIENTS} clients, ${HOT_SLOTS} hot slots, ${DURATION} s each (same run):
  Pobyt over HTTP   ${String(rushed['bookings/s']).padStart(6)} bookings/s   p99 ${rushed['p99 ms']} ms (hold p99 ${rushed['hold p99 ms']} ms)
  bare SQL          ${String(bare['bookings/s']).padStart(6)} bookings/s   p99 ${bare['p99 ms']} ms   (the booking transaction: hold, details, begin, 5 statements, commit)
  bare, app's SQL   ${String(bareOneCall['bookings/s']).padStart(6)} bookings/s   p99 ${bareOneCall['p99 ms']} ms   (hold, details, one confirm_hold call: the app is ${((rushed['bookings/s'] / bareOneCall['bookings/s']) * 100).toFixed(0)} % of it)
  ratio             ${(ratio * 100).toFixed(0)} %  (target ≥ ${TARGETS.ratio * 100} %: ${yes(ratio >= TARGETS.ratio)}; p99 ≤ ${TARGETS.p99} ms: ${yes(rushed['p99 ms'] <= TARGETS.p99)}; app CPU ${rushed['app CPU ms/booking']} ms a booking, ≤ ${TARGETS.cpuMs}: ${yes(rushed['app CPU ms/booking'] <= TARGETS.cpuMs)})
  CPU a booking     app ${rushed['app CPU ms/booking']} ms, PostgreSQL ${rushed['PostgreSQL CPU ms/booking']} ms, load generator ${rushed['load generator CPU ms/booking']} ms (bare: PostgreSQL ${bare['PostgreSQL CPU ms/booking']} ms, load generator ${bare['load generator CPU ms/booking']} ms)
  rush responses    ${JSON.stringify(rushed)}
seats filling up: ${full}/${fill.length} slots at exactly capacity (${FILL_CAPACITY}) after ${filled.seconds} s: ${fillCounts.reduce((a, c) => a + c.bookings, 0)} bookings + ${fillCounts.reduce((a, c) => a + c.holds, 0)} holds on ${fill.length * FILL_CAPACITY} seats${full === fill.length ? '' : ' (not all taken in BENCH_FILL_SECONDS)'}
overload, ${OVERLOAD_CLIENTS} clients, ${OVERLOAD_SECONDS} s: ${JSON.stringify(overload)}
  confirmed ${overload['bookings/s']} bookings/s, p99 ${overload['p99 ms']} ms; the excess: 429 ×${overload['429']}, 5xx ×${overload['5xx']}
5xx: ${errors5xx}   network errors: ${networkErrors}   overbooked slots: ${overbooked.length}   inconsistent slots (booked ≠ bookings + holds): ${inconsistent.length}`);
	if (errors5xx > 0 || overbooked.length > 0 || inconsistent.length > 0) failed = true;
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
