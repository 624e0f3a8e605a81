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

/**
 * Every port a test file takes for a server of its own, by name, as an offset from `E2E_PORT`.
 * Test files run at once (two workers): two files on one port meant one file's requests reached
 * the other's server, and its teardown killed the other's server (a CI run failed so). One list,
 * and a duplicate stops the suite before it starts.
 */
const OWN_PORTS = {
	serverNoDatabase: 18,
	serverNoSecret: 19,
	serverShutdown: 20,
	update: 22,
	hotlineExpiry: 23,
	bookingRaceA: 38,
	bookingRaceB: 39,
	draw: 40,
	drawCopy: 41,
	fuzzPglite: 42,
	fuzzPostgres: 43,
	insights: 50,
	clusterProxy: 60,
	clusterAppA: 61,
	clusterAppB: 62,
	agentDesk: 63,
	holdBudget: 64,
	waitingRoom: 65
} as const;
{
	const offsets = Object.values(OWN_PORTS);
	const twice = offsets.filter((offset, i) => offsets.indexOf(offset) !== i);
	if (twice.length > 0) throw new Error(`tests/e2e-env.ts: port offsets used twice: ${twice}`);
}
export const ownPort = (name: keyof typeof OWN_PORTS) => E2E_PORT + OWN_PORTS[name];
