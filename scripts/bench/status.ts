// `npm run bench:status`: status lookups per second and p99 at 50 connections against the
// production build on PostgreSQL, next to a bare drizzle lookup server measured in the same run.
// Needs `npm run build` first and a PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { openPostgres } from '../../src/lib/server/db/client';
import { seedDemoData } from '../../src/lib/server/db/seed';

const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `pobyt_bench_${process.pid}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

async function waitFor(url: string): Promise<void> {
	for (let i = 0; i < 100; i++) {
		try {
			const response = await fetch(url);
			if (response.status < 500) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${url} did not come up`);
}

function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
	// Its own process group, so the whole tree (npx → tsx → node) stops with it.
	return spawn(command, args, {
		detached: true,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, ...env }
	});
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere.
 * Throughput on a shared machine moves with everyone else's load; CPU per lookup hardly does.
 */
function cpuSeconds(pid: number | undefined): number | null {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
	} catch {
		return null;
	}
}

/**
 * CPU seconds the PostgreSQL backends serving the bench database have used so far, per backend
 * (only when they run on this machine: their /proc entry must be a postgres process).
 */
async function databaseCpu(admin: postgres.Sql): Promise<Map<number, number>> {
	const rows = await admin<{ pid: number }[]>`
		select pid from pg_stat_activity where datname = ${NAME} and pid <> pg_backend_pid()`;
	const used = new Map<number, number>();
	for (const { pid } of rows) {
		let command: string;
		try {
			command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		} catch {
			continue;
		}
		const seconds = command.startsWith('postgres') ? cpuSeconds(pid) : null;
		if (seconds !== null) used.set(pid, seconds);
	}
	return used;
}

/** CPU milliseconds per request between two readings of `cpuSeconds` (null when unknown). */
function cpuOf(before: number | null, after: number | null, requests: number): number | null {
	return before === null || after === null
		? null
		: Math.round(((after - before) * 1000 * 100) / requests) / 100;
}

interface Pair {
	number: string;
	typeCode: string;
	year: string;
	birthDate: string;
	canonical: string;
}

async function run(
	name: string,
	url: string,
	body: (pair: Pair) => string,
	pairs: Pair[],
	pid: number | undefined,
	/** Lookups per second offered in all (an open load); unset, as fast as the answers come. */
	rate?: number
) {
	let n = 0;
	const cpuBefore = cpuSeconds(pid);
	const databaseBefore = await databaseCpu(admin);
	const result = await autocannon({
		url,
		connections: CONNECTIONS,
		duration: DURATION,
		...(rate ? { overallRate: rate } : {}),
		requests: [
			{
				method: 'POST',
				setupRequest: (request) => {
					const pair = pairs[n++ % pairs.length]!;
					// A different client address per request, as many people looking up at once.
					const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
					return {
						...request,
						headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
						body: body(pair)
					};
				}
			}
		]
	});
	const ok = result['2xx'];
	const cpuAfter = cpuSeconds(pid);
	const databaseAfter = await databaseCpu(admin);
	// Backends opened during the run count from zero; only this server was driven meanwhile.
	let databaseSeconds = 0;
	for (const [backend, seconds] of databaseAfter)
		databaseSeconds += seconds - (databaseBefore.get(backend) ?? 0);
	const line = {
		name,
		'lookups/s': Math.round(ok / result.duration),
		// The server process's own CPU per answer (not PostgreSQL's, not the load generator's).
		'cpu ms/lookup': cpuOf(cpuBefore, cpuAfter, result.requests.total),
		// PostgreSQL's CPU per answer, over the backends of the bench database (0 when remote).
		'db cpu ms/lookup': Math.round((databaseSeconds * 1000 * 100) / result.requests.total) / 100,
		'p50 ms': result.latency.p50,
		'p99 ms': result.latency.p99,
		non2xx: result.non2xx,
		errors: result.errors,
		timeouts: result.timeouts
	};
	console.log(JSON.stringify(line));
	return line;
}

const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${NAME}`);
const url = new URL(ADMIN);
url.pathname = `/${NAME}`;
const DATABASE_URL = url.toString();
const children: ChildProcess[] = [];
try {
	const database = openPostgres(DATABASE_URL);
	await database.migrate('drizzle');
	await seedDemoData(database.db, { password: 'bench', proceedingCount: 2000 });
	const sql = postgres(DATABASE_URL, { max: 1 });
	const rows = await sql<
		{ number: number; serial: number | null; type_code: string; year: number; birth_date: string }[]
	>`
		select number, serial, type_code, year, birth_date::text from proceedings order by random() limit 1000`;
	await sql.end();
	await database.close();
	const pairs: Pair[] = rows.map((r) => ({
		number: String(r.number),
		typeCode: r.type_code,
		year: String(r.year),
		birthDate: r.birth_date,
		canonical: `OAM-${r.number}${r.serial === null ? '' : `-${r.serial}`}/${r.type_code}-${r.year}`
	}));

	children.push(
		start(
			process.execPath,
			[
				...(process.env.BENCH_CPU_PROF
					? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
					: []),
				'build'
			],
			{
				PORT: '4301',
				ORIGIN: 'http://localhost:4301',
				DATABASE_URL,
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1',
				LOG_LEVEL: 'warn'
			}
		),
		// tsx as a loader, so that the pid is the server's own (for its CPU time).
		start(process.execPath, ['--import', 'tsx', 'scripts/bench/bare-status-server.ts'], {
			PORT: '4302',
			DATABASE_URL
		})
	);
	await waitFor('http://localhost:4301/api/health');
	await waitFor('http://localhost:4302/');

	// Warm both up, then measure the ceiling and the app in the same run.
	await autocannon({ url: 'http://localhost:4301/api/health', connections: 10, duration: 2 });
	const [appProcess, bareProcess] = children;
	const bare = await run(
		'bare drizzle lookup',
		'http://localhost:4302/',
		(p) => JSON.stringify(p),
		pairs,
		bareProcess?.pid
	);
	const app = await run(
		'Pobyt POST /api/v1/status',
		'http://localhost:4301/api/v1/status',
		(p) => JSON.stringify({ number: p.canonical, birthDate: p.birthDate }),
		pairs,
		appProcess?.pid
	);
	// Latency when not saturated: the same lookups offered at a fixed rate, half the bare ceiling's.
	// (At full load 50 connections wait in line: their mean latency is 50 / throughput.)
	const steady = Math.round(bare['lookups/s'] / 2);
	const paced = await run(
		`Pobyt POST /api/v1/status at ${steady}/s offered`,
		'http://localhost:4301/api/v1/status',
		(p) => JSON.stringify({ number: p.canonical, birthDate: p.birthDate }),
		pairs,
		appProcess?.pid,
		steady
	);
	// The framework's own floor on this machine: Kit answering a trivial endpoint.
	const healthCpuBefore = cpuSeconds(appProcess?.pid);
	const health = await autocannon({
		url: 'http://localhost:4301/api/health',
		connections: CONNECTIONS,
		duration: DURATION
	});
	console.log(
		JSON.stringify({
			name: 'Pobyt GET /api/health',
			'req/s': Math.round(health['2xx'] / health.duration),
			'cpu ms/answer': cpuOf(healthCpuBefore, cpuSeconds(appProcess?.pid), health.requests.total),
			'p99 ms': health.latency.p99
		})
	);
	const ratio = app['lookups/s'] / bare['lookups/s'];
	console.log(
		`\nstatus lookups: ${app['lookups/s']}/s, p99 ${app['p99 ms']} ms (${CONNECTIONS} connections, ${DURATION} s) — ` +
			`${(ratio * 100).toFixed(0)} % of the bare ceiling ${bare['lookups/s']}/s (p99 ${bare['p99 ms']} ms); ` +
			`non-2xx ${app.non2xx}, errors ${app.errors}. Targets: ≥ 60 %, p99 ≤ 50 ms.` +
			`\nat ${steady} lookups/s offered (half the ceiling): p50 ${paced['p50 ms']} ms, p99 ${paced['p99 ms']} ms, non-2xx ${paced.non2xx}.` +
			(app['cpu ms/lookup'] === null
				? ''
				: `\napp CPU ${app['cpu ms/lookup']} ms a lookup against the bare server's ${bare['cpu ms/lookup']} ms; ` +
					`PostgreSQL ${app['db cpu ms/lookup']} ms against ${bare['db cpu ms/lookup']} ms.`)
	);
} finally {
	for (const child of children) if (child.pid) process.kill(-child.pid, 'SIGTERM');
	await new Promise((r) => setTimeout(r, 1000));
	await admin.unsafe(`drop database if exists ${NAME} with (force)`);
	await admin.end();
}
