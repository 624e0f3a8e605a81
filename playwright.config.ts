import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, DEMO_PASSWORD, E2E_NOW, E2E_PORT as PORT } from './tests/e2e-env';

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	// Two cores run the server, PostgreSQL and two browsers (and a proof of work before a hold).
	// axe runs on every page a test opens (tests/fixtures.ts), on 2 cores: tests get room.
	timeout: 90_000,
	expect: { timeout: 10_000 },
	forbidOnly: !!process.env.CI,
	reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: CHROMIUM,
			args: CHROMIUM_ARGS
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		// The production build on a fresh embedded database, as `npm start` runs it.
		command: 'node build',
		url: `http://localhost:${PORT}/api/ready`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			DATA_DIR: mkdtempSync(join(tmpdir(), 'pobyt-e2e-')),
			DEMO_PASSWORD,
			IMPORT_API_KEY: 'e2e-import-key-0123456789abcdef0123456789',
			LOG_LEVEL: 'warn',
			BODY_SIZE_LIMIT: '6M',
			// A fixed clock: the demo proceedings' histories and the hotline's hours are predictable.
			POBYT_CLOCK: E2E_NOW,
			// A small proof of work: the browser still solves and the server still checks it.
			POW_WORK: '500',
			TZ: 'UTC'
		}
	}
});
