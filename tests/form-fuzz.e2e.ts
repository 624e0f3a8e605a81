import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import fc from 'fast-check';
import postgres from 'postgres';
import { DEMO_PASSWORD, E2E_NOW, ownPort } from './e2e-env';

// Hostile input never gets a 5xx (issue 12): every public form of the production build, on the
// embedded database and on PostgreSQL, gets RUNS inputs from fast-check (control characters,
// lone surrogates, huge and odd numbers, property names, long text, files, missing and repeated
// fields, both encodings), and "any form" gets bodies that are no form at all. The guard at the
// edge (src/lib/server/http/form-guard.ts) and the forms' valibot schemas must answer every one
// with a 2xx–4xx, and the server must log no unhandled error.
// FORM_FUZZ_RUNS only to look at a failure faster; the suite runs the full count.
const RUNS = Number(process.env.FORM_FUZZ_RUNS ?? 1000);
const CONCURRENCY = 6;
const SEED = 12_2026;

const SERVICE = 'registration';
const BRANCH = 'praha-1';

type Fields = Record<string, string | string[] | { file: string } | undefined>;
interface Probe {
	method?: 'GET' | 'POST';
	path: string;
	fields?: Fields;
	/** A body that is no form: sent as it is with this content type. */
	raw?: { type: string; body: string };
	encoding?: 'url' | 'multipart';
	document?: boolean;
	enhanced?: boolean;
	cookie?: boolean;
}

const CONTROLS = [
	'\u0000',
	'\u0001',
	'\u0008',
	'\t',
	'\n',
	'\r',
	'\u001B',
	'\u007F',
	'\u0085',
	'\u2028',
	'\u2029',
	'\uFEFF',
	'\uD800',
	'\uDFFF'
];

/** Text an attacker would try in any field. */
const hostile = fc.oneof(
	{ weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
	{
		weight: 3,
		arbitrary: fc.constantFrom(
			'__proto__',
			'constructor',
			'prototype',
			'toString',
			'hasOwnProperty',
			'99999999999999999999',
			'1e300',
			'-1',
			'0',
			'-0',
			'0x10',
			'NaN',
			'Infinity',
			'2147483648',
			'9007199254740993',
			'1.5',
			'%00',
			'\u0000',
			"'; drop table bookings; --",
			'<script>alert(1)</script>',
			'{{7*7}}',
			'${7*7}',
			'../../etc/passwd',
			'//evil.example',
			'/\t/evil.example',
			'OAM-51727-4/DP-2026',
			'OAM-51727-4/DP-2026\u0000',
			'2026-11-30',
			'9999-99-99',
			'+420 777 123 456',
			'+420777123456\u0000',
			'a@b.cz',
			'a\u0000@b.cz',
			'yes',
			''
		)
	},
	{
		weight: 3,
		arbitrary: fc
			.tuple(
				fc.string({ maxLength: 20 }),
				fc.constantFrom(...CONTROLS),
				fc.string({ maxLength: 20 })
			)
			.map(([a, c, b]) => a + c + b)
	},
	{ weight: 1, arbitrary: fc.string({ minLength: 1000, maxLength: 9000 }) }
);

/** A field: sometimes the value a person would type, mostly hostile, sometimes absent, a list or a file. */
const field = (valid: string) =>
	fc.oneof(
		{ weight: 2, arbitrary: fc.constant(valid) },
		{ weight: 6, arbitrary: hostile },
		{ weight: 1, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: fc.array(hostile, { minLength: 2, maxLength: 4 }) },
		{ weight: 1, arbitrary: hostile.map((file) => ({ file })) }
	);

const fields = (valid: Record<string, string>) =>
	fc.record(Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, field(v)])));

const SHARE = {
	pagePath: '/checklists/employee-card',
	topic: 'checklist',
	question: 'Which photo size?',
	checklist: 'employee-card',
	ticked: 'passport',
	proceeding: 'OAM-51727-4/DP-2026',
	birthDate: '1990-03-27',
	booking: '',
	service: SERVICE,
	branch: BRANCH,
	consent: 'yes'
};
const DETAILS = {
	fullName: 'Olena Kovalenko',
	day: '27',
	month: '3',
	year: '1990',
	nationality: 'UA',
	documentNumber: 'FX 123456',
	email: 'olena@example.com',
	phone: '+420 777 123 456',
	proceeding: ''
};

/** The kind of request around the fields: encoding, a browser's document request, an enhanced form. */
const wrapper = fc.record({
	encoding: fc.constantFrom<'url' | 'multipart'>('url', 'multipart'),
	document: fc.boolean(),
	enhanced: fc.boolean()
});

const probe = (
	path: string | fc.Arbitrary<string>,
	valid: Record<string, string>,
	extra: Partial<Probe> = {}
) =>
	fc
		.tuple(typeof path === 'string' ? fc.constant(path) : path, fields(valid), wrapper)
		.map(([p, f, w]): Probe => ({ path: p, fields: f as Fields, ...w, ...extra }));

const FORM_PATHS = [
	'/status',
	'/status/alerts',
	'/help?/prepare',
	'/help?/share',
	'/help?/callback',
	'/help/shared?/withdraw',
	`/book/${SERVICE}?/fromStatus`,
	`/book/${SERVICE}/${BRANCH}?/hold`,
	`/book/${SERVICE}/${BRANCH}/details`,
	`/book/${SERVICE}/${BRANCH}/waitlist`,
	'/login'
];

/** The public forms, each with what a person would send; `slot` is filled in per server. */
function forms(slot: string): Record<string, fc.Arbitrary<Probe>> {
	const locale = fc.constantFrom('', '/en', '/uk', '/ru', '/vi');
	const at = (path: string) => locale.map((l) => `${l}${path}`);
	return {
		'status lookup': probe(at('/status'), {
			number: 'OAM-51727-4/DP-2026',
			day: '27',
			month: '3',
			year: '1990'
		}),
		'status alerts': probe(at('/status/alerts'), {
			number: 'OAM-51727-4/DP-2026',
			birthDate: '1990-03-27',
			email: 'olena@example.com'
		}),
		'help prepare': probe(at('/help?/prepare'), SHARE),
		'help share': probe(at('/help?/share'), SHARE),
		'help callback': probe(at('/help?/callback'), {
			...SHARE,
			phone: '+420 777 123 456',
			locale: 'uk',
			date: '2026-11-25',
			from: '09:00',
			to: '11:00'
		}),
		'shared withdraw': probe(at('/help/shared?/withdraw'), { token: 'a'.repeat(27) }),
		'book from status': probe(at(`/book/${SERVICE}?/fromStatus`), {
			proceeding: 'OAM-51727-4/DP-2026'
		}),
		'book hold': probe(at(`/book/${SERVICE}/${BRANCH}?/hold`), { slot, altcha: '' }),
		'book details': probe(at(`/book/${SERVICE}/${BRANCH}/details`), DETAILS, { cookie: true }),
		'book waitlist': probe(at(`/book/${SERVICE}/${BRANCH}/waitlist`), {
			email: 'olena@example.com',
			from: '2026-11-25',
			to: '2026-12-20'
		}),
		'booking reschedule': probe(at(`/booking/${'b'.repeat(27)}/reschedule`), { slot }),
		'staff sign-in': fc
			.tuple(
				probe(at('/login'), { email: 'admin@pobyt.demo', password: 'wrong' }),
				hostile,
				fc.boolean()
			)
			.map(([p, next, get]) => ({
				...p,
				method: get ? ('GET' as const) : ('POST' as const),
				path: `${p.path}?${new URLSearchParams({ next }).toString()}`
			})),
		'any form, no form body': fc
			.tuple(
				fc.constantFrom(...FORM_PATHS),
				fc.constantFrom(
					'text/plain',
					'application/json',
					'multipart/form-data',
					'multipart/form-data; boundary=x',
					'multipart/form-data; boundary=',
					'application/x-www-form-urlencoded; charset=utf-16',
					'application/xml',
					'',
					'image/png'
				),
				fc.oneof(
					fc.string({ unit: 'binary', maxLength: 400 }),
					fc.constantFrom(
						'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000',
						'--x--',
						'a=%ZZ&b=%',
						'{"a":1}'
					)
				),
				wrapper
			)
			.map(([path, type, body, w]) => ({ path, raw: { type, body }, ...w }))
	};
}

function encode(p: Probe): { body: string | FormData; type?: string } {
	if (p.raw) return { body: p.raw.body, type: p.raw.type };
	const entries: [string, string | Blob, string?][] = [];
	for (const [name, value] of Object.entries(p.fields ?? {})) {
		if (value === undefined) continue;
		if (typeof value === 'object' && !Array.isArray(value))
			entries.push([name, new Blob([value.file]), 'x.txt']);
		else for (const v of [value].flat()) entries.push([name, v]);
	}
	if (p.encoding === 'multipart') {
		const data = new FormData();
		for (const [name, value, file] of entries)
			if (typeof value === 'string') data.append(name, value);
			else data.append(name, value, file);
		return { body: data };
	}
	const params = new URLSearchParams();
	for (const [name, value] of entries) params.append(name, typeof value === 'string' ? value : '');
	return { body: params.toString(), type: 'application/x-www-form-urlencoded' };
}

interface Server {
	port: number;
	process: ChildProcess;
	log: string;
}

function startServer(port: number, env: Record<string, string>): Server {
	const child = spawn(process.execPath, ['build'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			PATH: process.env.PATH ?? '',
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			DEMO_PASSWORD,
			POBYT_CLOCK: E2E_NOW,
			POW_WORK: '500',
			// Every request from its own address: the throttles let the inputs through to the forms.
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			LOG_LEVEL: 'warn',
			TZ: 'UTC',
			...env
		}
	});
	const server: Server = { port, process: child, log: '' };
	child.stdout!.on('data', (d) => (server.log += d));
	child.stderr!.on('data', (d) => (server.log += d));
	return server;
}

async function ready(port: number) {
	await expect
		.poll(
			() =>
				fetch(`http://localhost:${port}/api/ready`)
					.then((r) => r.status)
					.catch(() => 0),
			{
				timeout: 90_000
			}
		)
		.toBe(200);
}

let address = 0;
const nextAddress = () => {
	address++;
	return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

async function send(port: number, p: Probe, cookie: string): Promise<number> {
	const method = p.method ?? 'POST';
	const { body, type } = method === 'POST' ? encode(p) : { body: undefined, type: undefined };
	const headers: Record<string, string> = {
		origin: `http://localhost:${port}`,
		'x-forwarded-for': nextAddress()
	};
	if (type !== undefined && type !== '') headers['content-type'] = type;
	if (p.document) {
		headers['sec-fetch-dest'] = 'document';
		headers.accept = 'text/html';
	}
	if (p.enhanced) headers['x-sveltekit-action'] = 'true';
	if (p.cookie && cookie) headers.cookie = cookie;
	const response = await fetch(`http://localhost:${port}${p.path}`, {
		method,
		redirect: 'manual',
		headers,
		body
	});
	await response.arrayBuffer();
	return response.status;
}

/** A real hold on the server (its cookie opens the details step) and the id of a free time. */
async function holdOn(port: number): Promise<{ slot: string; cookie: string }> {
	const page = await (await fetch(`http://localhost:${port}/book/${SERVICE}/${BRANCH}`)).text();
	const slots = [...page.matchAll(/name="slot" value="(\d+)"/g)].map((m) => m[1]!);
	expect(slots.length, 'free times on the booking page').toBeGreaterThan(1);
	const held = await fetch(`http://localhost:${port}/book/${SERVICE}/${BRANCH}?/hold`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: `http://localhost:${port}`,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			'x-forwarded-for': nextAddress()
		},
		body: new URLSearchParams({ slot: slots[0]! }).toString()
	});
	expect(held.status).toBe(303);
	const cookie = held.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return { slot: slots[1]!, cookie };
}

interface Tally {
	sent: number;
	byStatus: Record<number, number>;
	ms: number;
}

/** Sends every form its RUNS inputs; returns the answers of 500 and above, and counts. */
async function fuzz(server: Server) {
	const { slot, cookie } = await holdOn(server.port);
	const counts: Record<string, Tally> = {};
	const failures: string[] = [];
	for (const [name, arbitrary] of Object.entries(forms(slot))) {
		const probes = fc.sample(arbitrary, { numRuns: RUNS, seed: SEED });
		const tally: Tally = { sent: 0, byStatus: {}, ms: 0 };
		counts[name] = tally;
		const started = Date.now();
		let next = 0;
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (next < probes.length) {
					const p = probes[next++]!;
					let status: number;
					try {
						status = await send(server.port, p, cookie);
					} catch (e) {
						status = 599;
						failures.push(`${name}: ${(e as Error).message}`);
					}
					tally.sent++;
					tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
					if (status >= 500) failures.push(`${name} ${status}: ${JSON.stringify(p).slice(0, 300)}`);
				}
			})
		);
		tally.ms = Date.now() - started;
	}
	return { counts, failures };
}

function report(engine: string, counts: Record<string, Tally>) {
	const lines = Object.entries(counts).map(
		([name, c]) =>
			`  ${name.padEnd(24)} ${String(c.sent).padStart(5)} ${String(c.ms).padStart(6)} ms  ${Object.entries(
				c.byStatus
			)
				.map(([s, n]) => `${s}×${n}`)
				.join(' ')}`
	);
	console.log(`form fuzz on ${engine}:\n${lines.join('\n')}`);
}

async function stop(server: Server) {
	server.process.kill('SIGTERM');
	await new Promise((resolve) => {
		const timer = setTimeout(() => {
			server.process.kill('SIGKILL');
			resolve(null);
		}, 10_000);
		server.process.once('exit', () => {
			clearTimeout(timer);
			resolve(null);
		});
	});
}

function expectClean(engine: string, result: Awaited<ReturnType<typeof fuzz>>, server: Server) {
	report(engine, result.counts);
	for (const c of Object.values(result.counts)) expect(c.sent).toBe(RUNS);
	expect(
		result.failures.slice(0, 20),
		`${result.failures.length} answers ≥ 500 on ${engine}`
	).toEqual([]);
	const unhandled = server.log.split('\n').filter((l) => l.includes('unhandled error'));
	expect(unhandled.slice(0, 5), `unhandled errors logged on ${engine}`).toEqual([]);
}

test.describe('hostile input to every public form never gets a 5xx', () => {
	test.describe.configure({ mode: 'serial' });

	test('on the embedded database (PGlite)', async () => {
		test.setTimeout(600_000);
		const server = startServer(ownPort('fuzzPglite'), {
			DATA_DIR: mkdtempSync(join(tmpdir(), 'pobyt-fuzz-'))
		});
		try {
			await ready(server.port);
			expectClean('PGlite', await fuzz(server), server);
		} finally {
			await stop(server);
		}
	});

	const ADMIN = process.env.TEST_DATABASE_URL;
	test('on PostgreSQL', async () => {
		test.skip(!ADMIN, 'needs PostgreSQL (TEST_DATABASE_URL), as `npm test` sets when one answers');
		test.setTimeout(600_000);
		const admin = postgres(ADMIN!, { max: 1, onnotice: () => {} });
		const name = `pobyt_fuzz_${process.pid}`;
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.unsafe(`create database ${name}`);
		const url = new URL(ADMIN!);
		url.pathname = `/${name}`;
		const server = startServer(ownPort('fuzzPostgres'), { DATABASE_URL: url.toString() });
		try {
			await ready(server.port);
			expectClean('PostgreSQL', await fuzz(server), server);
		} finally {
			await stop(server);
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	});
});
