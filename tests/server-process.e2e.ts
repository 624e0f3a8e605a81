import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ownPort } from './e2e-env';

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Starts the production build with the given environment; resolves when it exits or at `timeout`. */
function startBuild(
	env: Record<string, string>,
	until?: (run: Run, kill: () => void) => void,
	timeout = 20_000
) {
	return new Promise<Run>((resolve) => {
		const child = spawn(process.execPath, ['build'], {
			env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LOG_LEVEL: 'warn', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const run: Run = { code: null, stdout: '', stderr: '' };
		const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
		child.stdout.on('data', (d) => {
			run.stdout += d;
			until?.(run, () => child.kill('SIGTERM'));
		});
		child.stderr.on('data', (d) => (run.stderr += d));
		child.on('exit', (code) => {
			clearTimeout(timer);
			run.code = code;
			resolve(run);
		});
	});
}

test.describe('server start-up and shutdown', () => {
	test('an unreachable DATABASE_URL stops the server with one line saying what to fix', async () => {
		const run = await startBuild({
			PORT: String(ownPort('serverNoDatabase')),
			DATABASE_URL: 'postgres://pobyt:secret@127.0.0.1:1/pobyt'
		});
		expect(run.code).toBe(1);
		expect(run.stderr.trim().split('\n')).toEqual([
			'pobyt: cannot reach PostgreSQL at 127.0.0.1:1/pobyt (ECONNREFUSED): check DATABASE_URL and that the server is running.'
		]);
		expect(run.stderr + run.stdout).not.toContain('secret');
	});

	test('production without its secret stops the server with one line', async () => {
		const run = await startBuild({
			PORT: String(ownPort('serverNoSecret')),
			APP_MODE: 'production',
			DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
			ORIGIN: 'https://pobyt.example.cz'
		});
		expect(run.code).toBe(1);
		expect(run.stderr.trim().split('\n')).toEqual([
			'pobyt: APP_MODE=production needs APP_SECRET of at least 32 random characters (e.g. openssl rand -base64 48).'
		]);
	});

	test('SIGTERM closes the database and the process exits promptly', async () => {
		test.setTimeout(120_000);
		const started = Date.now();
		let signalled = 0;
		const run = await startBuild(
			{
				PORT: String(ownPort('serverShutdown')),
				DATA_DIR: mkdtempSync(join(tmpdir(), 'pobyt-stop-')),
				DEMO_PASSWORD: 'x'
			},
			(current, kill) => {
				if (!signalled && current.stdout.includes('Listening on')) {
					signalled = Date.now();
					kill();
				}
			},
			90_000
		);
		expect(signalled, `server did not start: ${run.stderr}`).toBeGreaterThan(0);
		expect(run.code).toBe(0);
		// What matters is the exit after the signal; start-up time depends on the machine's load.
		expect(Date.now() - signalled).toBeLessThan(5_000);
		expect(signalled).toBeGreaterThan(started);
	});
});
