// A production server of a test file's own (its own database and clock), and staff sign-in on it:
// the first sign-in of an account enrols the authenticator, later ones use a recovery code (the
// clock stands still, so a TOTP code works once).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './e2e-env';

export class OwnServer {
	readonly base: string;
	private readonly dataDir = mkdtempSync(join(tmpdir(), 'pobyt-own-'));
	private process: ChildProcess | null = null;
	private readonly keys = new Map<string, string>();
	private readonly recovery = new Map<string, string[]>();

	constructor(readonly port: number) {
		this.base = `http://localhost:${port}`;
	}

	/** Starts `node build` with the clock at `clock` (and `env`); resolves once it is ready. */
	async start(clock: string, env: Record<string, string> = {}): Promise<void> {
		this.process = spawn(process.execPath, ['build'], {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: {
				...process.env,
				PORT: String(this.port),
				ORIGIN: this.base,
				DATA_DIR: this.dataDir,
				DEMO_PASSWORD,
				POBYT_CLOCK: clock,
				POW_WORK: '500',
				LOG_LEVEL: 'warn',
				TZ: 'UTC',
				...env
			}
		});
		await expect
			.poll(
				() =>
					fetch(`${this.base}/api/ready`)
						.then((r) => r.status)
						.catch(() => 0),
				{ timeout: 90_000 }
			)
			.toBe(200);
	}

	async stop(): Promise<void> {
		const running = this.process;
		this.process = null;
		if (!running || running.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			running.once('exit', () => resolve());
			running.kill('SIGTERM');
		});
	}

	/**
	 * Signs in through the pages (fields filled, Enter pressed: no mouse). The first time on this
	 * database enrols the authenticator at `clock`; later, a TOTP code at a new `clock` or a
	 * recovery code.
	 */
	async signIn(page: Page, email: string, clock: string): Promise<void> {
		await page.goto(`${this.base}/en/login`);
		await page.getByLabel('E-mail').fill(email);
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await page.getByLabel('Password').press('Enter');
		const key = this.keys.get(email);
		if (!key) {
			await expect(page).toHaveURL(/\/login\/enrol/);
			const manual = (await page.locator('.manual-key').textContent())!;
			this.keys.set(email, manual);
			await page.getByLabel('Code').fill(totp(manual, clock));
			await page.getByLabel('Code').press('Enter');
			this.recovery.set(email, await page.locator('.recovery-codes code').allTextContents());
			await page.getByRole('link', { name: 'Continue' }).press('Enter');
		} else {
			await expect(page).toHaveURL(/\/login\/verify/);
			const codes = this.recovery.get(email) ?? [];
			await page.getByLabel('Code').fill(codes.shift() ?? totp(key, clock));
			await page.getByLabel('Code').press('Enter');
		}
		await expect(page).toHaveURL(/\/account$/);
	}
}

/** The TOTP code of a manual key at an instant. */
export const totp = (manualKey: string, clock: string) =>
	generateHOTP(
		decodeBase32IgnorePadding(manualKey.replace(/\s/g, '')),
		BigInt(Math.floor(Date.parse(clock) / 30_000)),
		6
	);
