/** Settings the e2e server runs with (playwright.config.ts), shared with the tests. */
export const DEMO_PASSWORD = 'e2e-demo-password';
/** Tuesday 24 November 2026, 10:30 in Prague: a workday, hotline open. */
export const E2E_NOW = '2026-11-24T09:30:00Z';
