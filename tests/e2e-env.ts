/** Settings the e2e server runs with (playwright.config.ts), shared with the tests. */
export const DEMO_PASSWORD = 'e2e-demo-password';
/** Tuesday 24 November 2026, 10:30 in Prague: a workday, hotline open. */
export const E2E_NOW = '2026-11-24T09:30:00Z';

/** Debian's Chromium; Playwright's own browser download does not work on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without the background-networking flags Chromium's calls home are refused, many at a time. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** The main e2e server's port. Tests that start servers of their own use ports just above it, so
 * two checkouts can run their suites at once with different `E2E_PORT`s (100 apart). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
export const ownPort = (offset: number) => E2E_PORT + offset;
