#!/usr/bin/env node
// `npm test`: every test — unit, component and integration (vitest; PGlite always, PostgreSQL
// when reachable), then end-to-end (Playwright on the production build) — and one closing line
// `N passed, N failed`. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import postgres from 'postgres';

const env = { ...process.env, TZ: 'UTC' };

async function findPostgres() {
	if (env.TEST_DATABASE_URL) return env.TEST_DATABASE_URL;
	// A fresh machine has PostgreSQL on 127.0.0.1:5432 with trust auth: use it when it answers.
	const url = 'postgres://postgres@127.0.0.1:5432/postgres';
	const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await sql`select 1`;
		return url;
	} catch {
		return undefined;
	} finally {
		await sql.end({ timeout: 1 }).catch(() => {});
	}
}

function run(command, args) {
	console.log(`\n$ ${command} ${args.join(' ')}`);
	return spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;
}

function readJson(path) {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

const pgUrl = await findPostgres();
if (pgUrl) {
	env.TEST_DATABASE_URL = pgUrl;
	console.log(`Integration tests run on PGlite and on PostgreSQL (${new URL(pgUrl).host}).`);
} else {
	console.log(
		'No PostgreSQL reachable and no TEST_DATABASE_URL: integration tests run on PGlite only.'
	);
}

rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });

const vitestCode = run('npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	'--outputFile.json=reports/vitest.json'
]);
const buildCode = run('npx', ['vite', 'build', '--logLevel', 'warn']);
const e2eCode = buildCode === 0 ? run('npx', ['playwright', 'test']) : 1;

const vitest = readJson('reports/vitest.json');
const playwright = readJson('reports/playwright.json');
let passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
let failed =
	(vitest?.numFailedTests ?? 0) +
	(playwright?.stats?.unexpected ?? 0) +
	(playwright?.stats?.flaky ?? 0);
// A runner that crashed before reporting counts as a failure, never as silence.
if (vitestCode !== 0 && !vitest?.numFailedTests) failed += 1;
if (buildCode !== 0) failed += 1;
if (e2eCode !== 0 && !playwright?.stats?.unexpected) failed += 1;
const skipped = (vitest?.numPendingTests ?? 0) + (playwright?.stats?.skipped ?? 0);

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
