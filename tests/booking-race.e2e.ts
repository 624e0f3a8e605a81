import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from './fixtures';
import postgres from 'postgres';
import { DEMO_PASSWORD, E2E_NOW, ownPort } from './e2e-env';

// Capacity under a crowd, through HTTP, with two server instances sharing one PostgreSQL
// (issue "Branch appointment booking": race tests on real PostgreSQL through HTTP).
const ADMIN = process.env.TEST_DATABASE_URL;
const PORTS = [ownPort('bookingRaceA'), ownPort('bookingRaceB')];

test.describe('booking under a crowd, two instances on PostgreSQL', () => {
	test.skip(!ADMIN, 'needs PostgreSQL (TEST_DATABASE_URL), as `npm test` sets when one answers');
	test.setTimeout(120_000);

	let admin: ReturnType<typeof postgres>;
	let sql: ReturnType<typeof postgres>;
	const servers: ChildProcess[] = [];
	const name = `pobyt_race_${process.pid}`;

	test.beforeAll(async () => {
		admin = postgres(ADMIN!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.unsafe(`create database ${name}`);
		const url = new URL(ADMIN!);
		url.pathname = `/${name}`;
		for (const port of PORTS) {
			servers.push(
				spawn(process.execPath, ['build'], {
					stdio: ['ignore', 'ignore', 'inherit'],
					env: {
						...process.env,
						PORT: String(port),
						ORIGIN: `http://localhost:${port}`,
						DATABASE_URL: url.toString(),
						DEMO_PASSWORD,
						POBYT_CLOCK: E2E_NOW,
						ADDRESS_HEADER: 'x-forwarded-for',
						XFF_DEPTH: '1',
						LOG_LEVEL: 'warn',
						TZ: 'UTC'
					}
				})
			);
		}
		for (const port of PORTS) {
			await expect
				.poll(
					() =>
						fetch(`http://localhost:${port}/api/ready`)
							.then((r) => r.status)
							.catch(() => 0),
					{
						timeout: 60_000
					}
				)
				.toBe(200);
		}
		sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
	});

	test.afterAll(async () => {
		for (const server of servers) server.kill('SIGTERM');
		await sql?.end();
		await new Promise((r) => setTimeout(r, 1000));
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	});

	const post = (port: number, path: string, form: Record<string, string>, n: number, cookie = '') =>
		fetch(`http://localhost:${port}${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: `http://localhost:${port}`,
				accept: 'text/html',
				'x-forwarded-for': `10.0.${(n >> 8) & 255}.${n & 255}`,
				...(cookie ? { cookie } : {})
			},
			body: new URLSearchParams(form).toString()
		});

	test('64 people for 3 seats: exactly 3 holds; 20 identical confirmations: 1 booking', async () => {
		const [slot] = await sql<{ id: string }[]>`
			select s.id from slots s join branches b on b.id = s.branch_id join services v on v.id = s.service_id
			where b.slug = 'praha-1' and v.slug = 'registration'
				and s.starts_at >= ${new Date(Date.parse(E2E_NOW) + 25 * 3_600_000)}
			order by s.starts_at limit 1`;
		await sql`update slots set capacity = 3, booked = 0 where id = ${slot!.id}`;

		const responses = await Promise.all(
			Array.from({ length: 64 }, (_, n) =>
				post(PORTS[n % 2]!, '/book/registration/praha-1?/hold', { slot: String(slot!.id) }, n)
			)
		);
		const statuses = responses.map((r) => r.status);
		expect(statuses.filter((s) => s === 303)).toHaveLength(3);
		expect(statuses.filter((s) => s === 409)).toHaveLength(61);
		expect(statuses.filter((s) => s >= 500)).toHaveLength(0);
		const [row] = await sql<{ booked: number; holds: number }[]>`
			select booked, (select count(*)::int from booking_holds where slot_id = ${slot!.id}) as holds
			from slots where id = ${slot!.id}`;
		expect(row).toEqual({ booked: 3, holds: 3 });

		// One of the winners fills in the details, then submits "confirm" 20 times at once.
		const winner = responses.find((r) => r.status === 303)!;
		const cookie = winner.headers.get('set-cookie')!.split(';')[0]!;
		const details = await post(
			PORTS[0]!,
			'/book/registration/praha-1/details',
			{
				fullName: 'Race Winner',
				day: '1',
				month: '1',
				year: '1990',
				nationality: 'UA',
				documentNumber: 'RACE 0001',
				email: 'winner@example.com',
				phone: '',
				proceeding: ''
			},
			1,
			cookie
		);
		expect(details.status).toBe(303);
		const confirms = await Promise.all(
			Array.from({ length: 20 }, (_, n) =>
				post(PORTS[n % 2]!, '/book/registration/praha-1/check', {}, 1, cookie)
			)
		);
		const locations = new Set(confirms.map((r) => `${r.status} ${r.headers.get('location')}`));
		expect(locations.size, [...locations].join(' | ')).toBe(1);
		expect([...locations][0]).toMatch(/^303 \/booking\/[A-Za-z0-9_-]{27}$/);
		const [counts] = await sql<{ bookings: number; booked: number }[]>`
			select (select count(*)::int from bookings where slot_id = ${slot!.id}) as bookings,
				booked from slots where id = ${slot!.id}`;
		expect(counts).toEqual({ bookings: 1, booked: 3 });
	});
});
