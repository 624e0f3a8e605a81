// Both sides of the hotline on a server of their own, so its clock can move: a Ukrainian speaker
// shares a checklist from the page, an agent opens it by the code and sees the same unticked
// documents; a withdrawn context is refused at once, and a day later the link has expired. A code
// made on Friday night still works on Monday morning, until the line closes (issue 11, point 4).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, messagesOf, expectNoAxeViolations } from './fixtures';
import { OwnServer, totp as ownTotp } from './own-server';
import { DEMO_PASSWORD, E2E_NOW, ownPort } from './e2e-env';

test.describe.configure({ mode: 'serial' });

const uk = messagesOf('uk');
const PORT = ownPort('hotlineExpiry');
const server = new OwnServer(PORT);
const BASE = server.base;
// Made on Tuesday 10:30, a code lasts through Wednesday's opening (until 16:00): Wednesday 17:30.
const LATER = new Date(Date.parse(E2E_NOW) + 31 * 3_600_000).toISOString();
/** Friday 27 November 2026, 23:40 in Prague; the line opens again on Monday at 8:00. */
const FRIDAY_NIGHT = '2026-11-27T22:40:00Z';
/** Monday 30 November 2026, 9:30 and 16:05 in Prague. */
const MONDAY_MORNING = '2026-11-30T08:30:00Z';
const MONDAY_AFTER_CLOSING = '2026-11-30T15:05:00Z';
const AGENT = 'operator@pobyt.demo';

let totpKey = '';
const shared: { code: string; token: string; withdrawnToken: string } = {
	code: '',
	token: '',
	withdrawnToken: ''
};

const totp = (clock: string) => ownTotp(totpKey, clock);

/** The agent signs in; the first time on this database enrols the authenticator. */
async function signInAgent(page: Page, clock: string): Promise<void> {
	await page.goto(`${BASE}/en/login`);
	await page.getByLabel('E-mail').fill(AGENT);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	if (!totpKey) {
		await expect(page).toHaveURL(/\/login\/enrol/);
		totpKey = (await page.locator('.manual-key').textContent())!;
		await page.getByLabel('Code').fill(totp(clock));
		await page.getByRole('button', { name: 'Confirm' }).click();
		await page.getByRole('link', { name: 'Continue' }).click();
	} else {
		await expect(page).toHaveURL(/\/login\/verify/);
		await page.getByLabel('Code').fill(totp(clock));
		await page.getByRole('button', { name: 'Verify' }).click();
	}
	await expect(page).toHaveURL(/\/account$/);
}

test.afterAll(() => server.stop());

test('a Ukrainian speaker shares a checklist; the agent sees the same unticked documents; withdrawal is immediate', async ({
	browser
}) => {
	test.setTimeout(180_000);
	await server.start(E2E_NOW);
	const caller = await browser.newContext({ baseURL: BASE });
	const page = await caller.newPage();
	await page.goto('/uk/checklists/employee-card');
	const ticks = page.locator('input.checklist__tick');
	const total = await ticks.count();
	await ticks.nth(0).check();
	await ticks.nth(2).check();
	const ticked = [await ticks.nth(0).inputValue(), await ticks.nth(2).inputValue()];
	await page.getByRole('link', { name: uk.help_call_link }).click();
	await page.getByLabel(uk.help_consent!).check();
	await page.getByRole('button', { name: uk.help_share_button }).click();
	await expect(page).toHaveURL(/\/uk\/help\/shared$/);
	shared.code = (await page.locator('.context-code').textContent())!.trim();
	shared.token = (await page.locator('#shared-context').getAttribute('data-token'))!;

	// A second context, withdrawn by the caller straight away.
	await page.goto('/uk/help?from=/uk/contact');
	await page.getByLabel(uk.help_consent!).check();
	await page.getByRole('button', { name: uk.help_share_button }).click();
	shared.withdrawnToken = (await page.locator('#shared-context').getAttribute('data-token'))!;
	await page.getByRole('button', { name: uk.help_shared_withdraw_button }).click();
	await expect(page.getByText(uk.help_shared_withdrawn!)).toBeVisible();
	await caller.close();

	const agent = await browser.newContext({ baseURL: BASE });
	const desk = await agent.newPage();
	await signInAgent(desk, E2E_NOW);
	await desk.goto('/en/agent');
	await desk.getByLabel('Code the caller reads out').fill(shared.code);
	await desk.getByRole('button', { name: 'Open', exact: true }).click();
	await expect(desk).toHaveURL(/\/agent\/case\/[0-9a-f-]{36}$/);
	// The caller's page beside the agent's (issue 17): one row per document not ticked.
	const unticked = desk.locator('tr.desk-columns__missing');
	await expect(unticked).toHaveCount(total - 2);
	const shown = await unticked.allTextContents();
	for (const key of ticked) {
		const title = (
			JSON.parse(readFileSync('content/checklists/employee-card.v2.json', 'utf8')) as {
				items: { key: string; title: Record<string, string> }[];
			}
		).items.find((i) => i.key === key)!.title.en!;
		expect(shown.join('\n')).not.toContain(title);
	}
	await expectNoAxeViolations(desk);

	const refused = await desk.goto(`/en/agent/c/${shared.withdrawnToken}`);
	expect(refused?.status()).toBe(410);
	await expect(
		desk.getByText('The caller withdrew this context; what was shared is erased.')
	).toBeVisible();
	await expectNoAxeViolations(desk);
	await agent.close();
	await server.stop();
});

test('after the next opening is over the link has expired and is refused', async ({ browser }) => {
	test.setTimeout(180_000);
	expect(shared.token).not.toBe('');
	await server.start(LATER);
	const agent = await browser.newContext({ baseURL: BASE });
	const desk = await agent.newPage();
	await signInAgent(desk, LATER);
	const expired = await desk.goto(`/en/agent/c/${shared.token}`);
	expect(expired?.status()).toBe(410);
	await expect(
		desk.getByText('This context has expired. The caller can share it again.')
	).toBeVisible();
	await expectNoAxeViolations(desk);
	// The code is free again: nothing opens with it.
	await desk.goto('/en/agent');
	await desk.getByLabel('Code the caller reads out').fill(shared.code);
	await desk.getByRole('button', { name: 'Open', exact: true }).click();
	await expect(desk.locator('.error-summary')).toBeVisible();
	await agent.close();
	await server.stop();
});

test('a code made on Friday at 23:40 is still valid on Monday morning, and the page says until when', async ({
	browser
}) => {
	test.setTimeout(240_000);
	await server.start(FRIDAY_NIGHT);
	const caller = await browser.newContext({ baseURL: BASE, viewport: { width: 360, height: 740 } });
	const page = await caller.newPage();
	await page.goto('/uk/help?from=/uk/contact');
	await page.getByLabel(uk.help_consent!).check();
	await page.getByRole('button', { name: uk.help_share_button }).click();
	await expect(page).toHaveURL(/\/uk\/help\/shared$/);
	const code = (await page.locator('.context-code').textContent())!.trim();
	// Plainly: until Monday's closing, and that the line is closed now and opens on Monday.
	await expect(page.locator('.context-expires')).toContainText(
		'понеділок, 30 листопада 2026 р. о 16:00'
	);
	await expect(page.locator('#shared-context .hotline__state')).toContainText('понеділок');
	await expectNoAxeViolations(page);
	await page.screenshot({
		path: 'reports/screens/newcomer-code-friday-uk-360.png',
		fullPage: true
	});
	await server.stop();

	await server.start(MONDAY_MORNING);
	await page.goto('/uk/help/shared');
	await expect(page.locator('.context-code')).toHaveText(code);
	await expect(page.locator('#shared-context .hotline__state')).toHaveClass(/hotline__state--open/);
	await expectNoAxeViolations(page);
	await server.stop();

	await server.start(MONDAY_AFTER_CLOSING);
	await page.goto('/uk/help/shared');
	await expect(page.locator('.context-code')).toHaveCount(0);
	await expect(page.getByText(uk.help_shared_none!)).toBeVisible();
	await caller.close();
	await server.stop();
});
