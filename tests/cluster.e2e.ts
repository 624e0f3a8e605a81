import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { expect, test } from './fixtures';
import postgres from 'postgres';
import { Client, personForm, type Reply } from '../scripts/cluster/client';
import { Cluster, type Instance } from '../scripts/cluster/topology';
import { E2E_PORT, ownPort } from './e2e-env';

// The production topology (issue "Operations and national scale"): two `node build` instances
// in production mode on a fresh PostgreSQL database behind HAProxy with deploy/haproxy.cfg,
// driven from many loopback source addresses as many different people.
const ADMIN = process.env.TEST_DATABASE_URL;
const HAPROXY = spawnSync(process.env.HAPROXY ?? 'haproxy', ['-v']).status === 0;
const BOOK = '/book/registration/praha-1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request as a client saw it. */
interface Seen {
	id: string;
	status: number | 'error';
	sentAt: number;
	error?: string;
}

/** Sends through `client` and records what came back (a network error as `error`). */
async function sendSeen(
	seen: Seen[],
	client: Client,
	method: 'GET' | 'POST',
	path: string,
	form?: Record<string, string>
): Promise<Reply | null> {
	const sentAt = Date.now();
	try {
		const reply = await client.send(method, path, form);
		seen.push({ id: client.lastId, status: reply.status, sentAt });
		return reply;
	} catch (error) {
		seen.push({ id: client.lastId, status: 'error', sentAt, error: String(error) });
		return null;
	}
}

const failed = (r: Reply | null) => r === null || r.status >= 500;
const confirmedToken = (r: Reply | null) =>
	r?.status === 303
		? (/\/booking\/([A-Za-z0-9_-]{27})$/.exec(r.location ?? '')?.[1] ?? null)
		: null;

/**
 * One person booking, as a person does it: a failed step (the proxy's 502, a 429 asking to wait)
 * is sent again with the same hold, the way the form is submitted again. Returns the booking's
 * token when one was confirmed, `full` when the slot was gone.
 */
async function bookOnce(
	client: Client,
	seen: Seen[],
	slot: number,
	person: number
): Promise<string | 'full' | null> {
	client.forgetCookies();
	const challenge = await sendSeen(seen, client, 'GET', '/api/altcha');
	if (challenge?.status !== 200) return null;
	const proof = await Client.solve(challenge).catch(() => null);
	if (!proof) return null;
	const hold = await sendSeen(seen, client, 'POST', `${BOOK}?/hold`, {
		slot: String(slot),
		altcha: proof
	});
	if (hold?.status === 409) return 'full';
	if (hold?.status === 429) await sleep(1000);
	if (hold?.status !== 303) return null;
	for (const [step, form] of [
		['details', personForm(person)],
		['check', {}]
	] as const) {
		for (let attempt = 0; ; attempt++) {
			const reply = await sendSeen(seen, client, 'POST', `${BOOK}/${step}`, form);
			if (reply?.status === 303) {
				if (step === 'check') return confirmedToken(reply);
				break;
			}
			if (attempt >= 8 || !(failed(reply) || reply?.status === 429)) return null;
			await sleep(300 + Math.random() * 700);
		}
	}
	return null;
}

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Sum of one series over both instances' `/metrics` (Prometheus adds them up the same way). */
function seriesValue(text: string, series: string): number {
	const line = text.split('\n').find((l) => l.startsWith(`${series} `));
	return line ? Number(line.slice(series.length + 1)) : 0;
}

test.describe('production topology: two instances behind HAProxy', () => {
	test.describe.configure({ mode: 'serial' });
	test.skip(!ADMIN, 'needs PostgreSQL (TEST_DATABASE_URL), as `npm test` sets when one answers');
	test.skip(!HAPROXY, 'needs haproxy (apt-get install haproxy; .ci/run installs it)');
	test.setTimeout(180_000);

	let cluster: Cluster;
	let sql: ReturnType<typeof postgres>;
	let nextPerson = 0;
	let nextAddress = 0;
	/** A client from a loopback address no other client of this file uses. */
	const newClient = () => {
		const n = ++nextAddress;
		return new Client(cluster.url, `127.3.${n >> 8}.${(n & 255) + 1}`);
	};

	/** `count` slots of `capacity` seats, two days ahead in the evening (no demo slots there). */
	async function slots(count: number, capacity: number, hourOffset: number): Promise<number[]> {
		const rows = await sql<{ id: string }[]>`
			insert into slots (branch_id, service_id, starts_at, ends_at, capacity)
			select b.id, v.id, t, t + interval '1 minute', ${capacity}
			from branches b, services v,
				generate_series(
					date_trunc('day', now() + interval '2 days') + make_interval(hours => ${hourOffset}),
					date_trunc('day', now() + interval '2 days') + make_interval(hours => ${hourOffset})
						+ ${count - 1} * interval '1 minute',
					interval '1 minute') t
			where b.slug = 'praha-1' and v.slug = 'registration'
			returning id::text`;
		expect(rows).toHaveLength(count);
		return rows.map((r) => Number(r.id));
	}

	async function scrape(instance: Instance, token?: string): Promise<Response> {
		return fetch(`${instance.url}/metrics`, {
			headers: token ? { authorization: `Bearer ${token}` } : {}
		});
	}

	test.beforeAll(async () => {
		test.setTimeout(180_000);
		cluster = await Cluster.start({
			adminUrl: ADMIN!,
			proxyPort: ownPort('clusterProxy'),
			appPorts: [ownPort('clusterAppA'), ownPort('clusterAppB')],
			// A small proof of work: the clients still solve it and the server still checks it.
			env: { POW_WORK: '1' }
		});
		sql = postgres(cluster.databaseUrl, { max: 2, onnotice: () => {} });
	});

	test.afterAll(async () => {
		await sql?.end({ timeout: 5 });
		await cluster?.stop();
	});

	test('metrics: only with the token, the named series, a booking moves the counter', async () => {
		const [app1, app2] = cluster.instances;
		expect((await scrape(app1)).status).toBe(401);
		expect((await scrape(app1, 'x'.repeat(32))).status).toBe(401);
		// Not through the public entrance at all; and an instance without METRICS_TOKEN has none.
		expect((await fetch(`${cluster.url}/metrics`)).status).toBe(404);
		expect((await fetch(`http://localhost:${E2E_PORT}/metrics`)).status).toBe(404);

		const scrapeBoth = async () => {
			const texts = await Promise.all(
				[app1, app2].map(async (i) => {
					const response = await scrape(i, cluster.metricsToken);
					expect(response.status).toBe(200);
					expect(response.headers.get('content-type')).toContain('text/plain');
					return response.text();
				})
			);
			return {
				texts,
				sum: (series: string) => texts.reduce((s, t) => s + seriesValue(t, series), 0)
			};
		};
		const before = await scrapeBoth();
		for (const name of [
			'pobyt_http_request_duration_seconds',
			'pobyt_booking_steps_total',
			'pobyt_booking_refusals_total',
			'pobyt_admission_in_flight',
			'pobyt_admission_limit',
			'pobyt_outbox_depth',
			'pobyt_outbox_oldest_age_seconds',
			'pobyt_callback_queue_depth',
			'pobyt_db_pool_max_connections',
			'pobyt_db_pool_open_connections',
			'pobyt_db_pool_busy_connections',
			'pobyt_db_errors_total',
			'pobyt_database_up',
			'nodejs_eventloop_lag_p99_seconds'
		]) {
			expect(before.texts[0], name).toContain(`# TYPE ${name} `);
		}
		expect(before.sum('pobyt_database_up')).toBe(2);
		expect(before.sum('pobyt_admission_limit')).toBeGreaterThan(0);
		expect(before.sum('pobyt_db_pool_open_connections')).toBeGreaterThan(0);

		const [slot] = await slots(1, 5, 18);
		const client = newClient();
		const steps: Seen[] = [];
		const token = await bookOnce(client, steps, slot!, ++nextPerson);
		client.close();
		expect(token, JSON.stringify(steps)).not.toBeNull();

		const after = await scrapeBoth();
		const confirmed = 'pobyt_booking_steps_total{step="confirmed"}';
		expect(after.sum(confirmed) - before.sum(confirmed)).toBe(1);
		expect(after.sum('pobyt_booking_steps_total{step="held"}')).toBeGreaterThan(
			before.sum('pobyt_booking_steps_total{step="held"}')
		);
		// The confirmation e-mail waits in the outbox (no SMTP_URL): both instances read it.
		expect(after.sum('pobyt_outbox_depth')).toBeGreaterThanOrEqual(2);
		expect(after.texts.join('\n')).toMatch(
			/pobyt_http_request_duration_seconds_count\{route="\/book\/\[service\]\/\[branch\]\/check",status_class="3xx"\} [1-9]/
		);
	});

	test('throttles see the address the proxy saw; a spoofed X-Forwarded-For changes nothing', async () => {
		// Holds without a proof of work have a budget of 3 an hour per address (booking-flow.service).
		const [slot] = await slots(1, 1, 19);
		await sql`update slots set booked = capacity where id = ${slot!}`;
		const hold = (client: Client, spoof: string) =>
			client.send('POST', `${BOOK}?/hold`, { slot: String(slot) }, { 'x-forwarded-for': spoof });
		const one = newClient();
		const statuses: number[] = [];
		for (let n = 1; n <= 4; n++) statuses.push((await hold(one, `198.51.100.${n}`)).status);
		expect(statuses).toEqual([409, 409, 409, 429]);
		// Another person behind the same proxy, claiming to be the first one: not throttled.
		const other = newClient();
		expect((await hold(other, one.from)).status).toBe(409);
		expect((await hold(other, '198.51.100.1')).status).toBe(409);
		one.close();
		other.close();
	});

	test('a booking rush from 64 clients while one instance is killed: nothing lost, nothing over', async () => {
		const CAPACITY = 3;
		const hot = await slots(20, CAPACITY, 20);
		const full = new Set<number>();
		const seen: Seen[] = [];
		const tokens: string[] = [];
		let killedAt = 0;
		let confirmedAfterKill = 0;
		const deadline = Date.now() + 90_000;
		await Promise.all(
			Array.from({ length: 64 }, async () => {
				const client = newClient();
				while (Date.now() < deadline && full.size < hot.length) {
					const open = hot.filter((s) => !full.has(s));
					const slot = open[Math.floor(Math.random() * open.length)]!;
					const outcome = await bookOnce(client, seen, slot, ++nextPerson);
					if (outcome === 'full') full.add(slot);
					else if (outcome) {
						tokens.push(outcome);
						if (killedAt) confirmedAfterKill++;
						// In the middle of the rush: a third of the seats taken.
						if (!killedAt && tokens.length >= 20) {
							killedAt = Date.now();
							cluster.instances[0].signal('SIGKILL');
						}
					}
				}
				client.close();
			})
		);
		expect(killedAt, 'the kill happened').toBeGreaterThan(0);
		expect(full.size, 'every seat was taken').toBe(hot.length);
		expect(confirmedAfterKill).toBeGreaterThan(0);

		// Every confirmation a client saw is a row, and every row was confirmed to someone.
		const rows = await sql<{ hash: string }[]>`
			select encode(token_hash, 'hex') as hash from bookings where slot_id = any(${hot})`;
		expect(new Set(rows.map((r) => r.hash))).toEqual(new Set(tokens.map(sha256)));
		expect(new Set(tokens).size).toBe(tokens.length);
		// No slot over capacity; seats taken are exactly the bookings plus live holds.
		const counts = await sql<{ capacity: number; booked: number; taken: number }[]>`
			select s.capacity, s.booked,
				(select count(*)::int from bookings b where b.slot_id = s.id and b.cancelled_at is null)
				+ (select count(*)::int from booking_holds h where h.slot_id = s.id) as taken
			from slots s where s.id = any(${hot})`;
		for (const c of counts) {
			expect(c.booked).toBeLessThanOrEqual(c.capacity);
			expect(c.booked).toBe(c.taken);
		}
		// The only failures: requests the proxy had passed to the killed instance, which closed
		// without an answer (`SH`: the server hung up). Its listening socket goes with the process,
		// a moment after the signal: what the kernel queued on it until then went down with it.
		const failures = seen.filter((s) => s.status === 'error' || s.status >= 500);
		const log = new Map(cluster.proxy.requests().map((l) => [l.id, l]));
		for (const f of failures) {
			const line = log.get(f.id);
			expect(line, `proxy log of ${JSON.stringify(f)} (killed at ${killedAt})`).toBeDefined();
			expect(line!.server).toBe('app1');
			expect(line!.term).toMatch(/^S/);
			expect(line!.at).toBeLessThanOrEqual(killedAt + 1000);
		}
		const proxy5xx = [...log.values()].filter((l) => l.status >= 500);
		expect(proxy5xx.map((l) => l.id).sort()).toEqual(failures.map((f) => f.id).sort());
		console.log(
			`rush: ${tokens.length} bookings (${confirmedAfterKill} after the kill), ${seen.length} requests, ${failures.length} failed in flight on the killed instance`
		);

		await cluster.instances[0].start();
	});

	test('a rolling restart under load: no response ≥ 500; each instance drains, then closes its pool', async () => {
		const hot = await slots(20, 100_000, 21);
		const seen: Seen[] = [];
		let stop = false;
		let booked = 0;
		const load = Promise.all(
			Array.from({ length: 32 }, async (_, n) => {
				const client = newClient();
				while (!stop) {
					if (n % 4 === 0) {
						for (const path of ['/', '/book', BOOK, '/api/health']) {
							await sendSeen(seen, client, 'GET', path);
						}
					} else {
						const slot = hot[Math.floor(Math.random() * hot.length)]!;
						if (await bookOnce(client, seen, slot, ++nextPerson)) booked++;
					}
				}
				client.close();
			})
		);
		try {
			await sleep(2000);
			for (const instance of cluster.instances) {
				const signalledAt = Date.now();
				instance.signal('SIGTERM');
				// At once not ready, while it still answers everything else.
				await expect
					.poll(() => fetch(`${instance.url}/api/ready`).then((r) => r.status), {
						timeout: 2000,
						intervals: [50]
					})
					.toBe(503);
				expect((await fetch(`${instance.url}/api/health`)).status).toBe(200);
				const { code } = await instance.exit;
				expect(code).toBe(0);
				// Drain (5 s) and requests in flight (bounded by SHUTDOWN_TIMEOUT, 30 s).
				expect(Date.now() - signalledAt).toBeLessThan(40_000);
				const events = instance.lines
					.filter((l) => /draining|drained|database closed/.test(l))
					.map((l) => (JSON.parse(l) as { msg: string }).msg.split(':')[0]);
				expect(events).toEqual(['draining', 'drained', 'database closed']);
				instance.lines.length = 0;
				const restartedAt = Date.now();
				await instance.start();
				// Back in rotation: the proxy sends it requests again.
				await expect
					.poll(
						() =>
							cluster.proxy
								.requests()
								.some((l) => l.server === instance.name && l.at > restartedAt && l.status < 500),
						{ timeout: 20_000 }
					)
					.toBe(true);
			}
			await sleep(1000);
		} finally {
			stop = true;
			await load;
		}
		const bad = seen.filter((s) => s.status === 'error' || s.status >= 500);
		expect(bad).toEqual([]);
		expect(booked).toBeGreaterThan(0);
		console.log(`rolling restart: ${seen.length} requests, ${booked} bookings, 0 failed`);
	});
});
