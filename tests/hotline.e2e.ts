import { readFileSync } from 'node:fs';
import {
	fillIn,
	expect,
	test,
	lookUpStatus,
	messagesOf,
	expectNoAxeViolations,
	expectNoHorizontalScroll
} from './fixtures';

const uk = messagesOf('uk');
const items = (
	JSON.parse(readFileSync('content/checklists/employee-card.json', 'utf8')) as {
		items: { key: string }[];
	}
).items.map((i) => i.key);

test.describe('the hotline, from the caller’s side, in Ukrainian', () => {
	test('from a checklist: consent, a code, a tel: link with it, kept on /my, then withdrawn; axe at 360 px', async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const page = await context.newPage();
		await page.goto('/uk/checklists/employee-card');
		await page.locator(`input.checklist__tick[value="${items[1]}"]`).check();
		await page.locator(`input.checklist__tick[value="${items[3]}"]`).check();
		await expect(page.locator('#checklist-progress')).toContainText('2');

		await page.getByRole('link', { name: uk.help_call_link }).click();
		await expect(page).toHaveURL(/\/uk\/help\?/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.page_help_title!);
		// What is shared: the checklist with the documents this phone has not ticked.
		const checklist = page.locator('#share-checklist');
		await expect(checklist.locator('.share-checklist__text')).toContainText(`${items.length - 2}`);
		await expect(checklist.locator('.share-unticked li:visible')).toHaveCount(items.length - 2);
		await expect(page.locator('#share-form input[name="ticked"]')).toHaveCount(2);
		await expectNoAxeViolations(page);
		await expectNoHorizontalScroll(page);

		// Without consent nothing is shared: a message by the box, a summary, 400.
		const [refused] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: uk.help_share_button }).click()
		]);
		expect(refused.status()).toBe(400);
		await expect(page.locator('.error-summary')).toContainText(uk.help_error_consent!);
		await expect(page.locator('#consent-error')).toHaveText(uk.help_error_consent!);
		await expect(page.locator('#share-checklist')).toBeVisible();
		await expectNoAxeViolations(page);

		await page.getByLabel(uk.help_question_label!).fill('Чи потрібен переклад диплома?');
		await page.getByLabel(uk.help_consent!).check();
		await page.getByRole('button', { name: uk.help_share_button }).click();
		await expect(page).toHaveURL(/\/uk\/help\/shared$/);
		const code = (await page.locator('.context-code').textContent())!.trim();
		expect(code).toMatch(/^\d{3} \d{3}$/);
		// An official line (the first answers in Ukrainian), dialling the code after two pauses.
		// (The admin e2e may change a number meanwhile: only the shape is fixed here.)
		await expect(page.locator('.dial-list a').first()).toHaveAttribute(
			'href',
			new RegExp(`^tel:\\+420\\d{9},,${code.replace(' ', '')}%23$`)
		);
		await expect(page.locator('.context-link')).toContainText(/\/agent\/c\/[A-Za-z0-9_-]{27}$/);
		await expect(page.locator('#context-saved')).toBeVisible();
		await expectNoAxeViolations(page);
		await expectNoHorizontalScroll(page);

		await page.goto('/uk/my');
		const kept = page.locator('#saved-contexts');
		await expect(kept.locator('.context-code')).toHaveText(code);
		await expectNoAxeViolations(page);
		await kept.getByRole('button', { name: new RegExp(uk.help_shared_withdraw_button!) }).click();
		await expect(page.getByText(uk.help_shared_withdrawn!)).toBeVisible();
		await page.goto('/uk/my');
		await expect(page.locator('#saved-contexts')).toBeHidden();
		await page.goto('/uk/help/shared');
		await expect(page.getByText(uk.help_shared_none!)).toBeVisible();
		await context.close();
	});

	test('a call back: a bad number gets a message and keeps the input; a good one is queued; offline it waits and is sent later', async ({
		browser
	}) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto('/uk/help');
		// What the agent will see names the page as people do, never its path ("/help").
		await expect(page.locator('.share-list')).toContainText(
			uk.help_share_page!.replace('{page}', uk.page_help_title!)
		);
		await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
			timeout: 20_000
		});
		await page.getByLabel(uk.help_phone_label!).fill('12');
		const [bad] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: uk.help_callback_button }).click()
		]);
		expect(bad.status()).toBe(400);
		await expect(page.locator('#phone-error')).toHaveText(uk.help_error_phone_invalid!);
		await expect(page.getByLabel(uk.help_phone_label!)).toHaveValue('12');
		await expectNoAxeViolations(page);

		await page.getByLabel(uk.help_phone_label!).fill('+380 67 123 4567');
		await page.getByRole('button', { name: uk.help_callback_button }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.help_callback_done_title!);
		await expectNoAxeViolations(page);

		// Offline: the request waits in the service worker and goes out when the connection returns.
		await page.goto('/uk/help');
		await context.setOffline(true);
		await page.getByLabel(uk.help_phone_label!).fill('777 123 456');
		await page.getByRole('button', { name: uk.help_callback_button }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			uk.help_callback_queued_title!
		);
		const replayed = context.waitForEvent('response', {
			predicate: (r) => r.url().endsWith('/uk/help?/callback') && r.request().method() === 'POST',
			timeout: 20_000
		});
		await context.setOffline(false);
		expect((await replayed).status()).toBe(303);
		await context.close();
	});

	test('works without JavaScript; from a status result the proceeding is shared in the POST body', async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/uk/status');
		await lookUpStatus(page, 'uk', {
			number: '10002/TP-2026',
			day: '15',
			month: '6',
			year: '1979'
		});
		// The late office's step (§80) and "call" both lead to the hotline with the proceeding.
		await page.locator('.steps form[action$="?/prepare"] button').first().click();
		await expect(page).toHaveURL(/\/uk\/help\?\/prepare$/);
		await expect(
			page.getByText(fillIn(uk.help_share_proceeding!, { number: 'OAM-10002-1/TP-2026' }))
		).toBeVisible();
		await page.getByLabel(uk.help_consent!).check();
		await page.getByRole('button', { name: uk.help_share_button }).click();
		await expect(page).toHaveURL(/\/uk\/help\/shared$/);
		await expect(page.locator('.context-code')).toHaveText(/^\d{3} \d{3}$/);
		await context.close();
	});
});
