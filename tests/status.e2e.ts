import {
	fillIn,
	expect,
	test,
	lookUpStatus,
	messagesOf,
	expectNoAxeViolations,
	expectNoHorizontalScroll,
	firstLoadJsGzip
} from './fixtures';

const uk = messagesOf('uk');

/** Demo proceedings from the seed (src/lib/server/db/seed-data.ts) at the e2e clock, 24 Nov 2026. */
const PRELIMINARY = {
	number: 'oam 051727-4 dp 2026',
	day: '27',
	month: '3',
	year: '1990',
	canonical: 'OAM-51727-4/DP-2026'
};
const LATE = { number: '10002/TP-2026', day: '15', month: '6', year: '1979' };

test.describe('status lookup in Ukrainian', () => {
	test('bad input: translated messages by each field, an error summary, input kept, 400', async ({
		page
	}) => {
		await page.goto('/uk/status');
		await expectNoAxeViolations(page);
		const response = page.waitForResponse((r) => r.request().method() === 'POST');
		await lookUpStatus(page, 'uk', {
			number: 'OAM-51727-4/XY-2026',
			day: '31',
			month: '2',
			year: '1990'
		});
		expect((await response).status()).toBe(400);
		const summary = page.getByRole('alert').filter({ hasText: uk.error_summary_title });
		await expect(summary.getByRole('link')).toHaveCount(2);
		await expect(page.locator('#number-error')).toHaveText(
			fillIn(uk.number_error_unknown_type!, { code: 'XY', example: 'OAM-51727-4/DP-2025' })
		);
		await expect(page.locator('#birth-error')).toHaveText(uk.birth_error_invalid!);
		await expect(page.getByLabel(uk.status_number_label!)).toHaveValue('OAM-51727-4/XY-2026');
		await expect(page.getByLabel(uk.date_day!)).toHaveValue('31');
		await expectNoAxeViolations(page);
		await summary.getByRole('link').first().click();
		await expect(page.getByLabel(uk.status_number_label!)).toBeFocused();
	});

	test('a wrong date of birth and an unknown number get the same answer', async ({ page }) => {
		await page.goto('/uk/status');
		await lookUpStatus(page, 'uk', { ...PRELIMINARY, day: '28' });
		const wrongBirth = await page.locator('main .gov-message').innerText();
		await page.goto('/uk/status');
		await lookUpStatus(page, 'uk', { ...PRELIMINARY, number: 'OAM-99999/DP-2026' });
		const unknown = await page.locator('main .gov-message').innerText();
		expect(wrongBirth).toBe(unknown);
		expect(unknown).toContain(uk.status_not_found_title);
	});

	test('the result: stage, legal clock, history, next steps; saved on the phone and shown offline', async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const page = await context.newPage();
		await page.goto('/uk/status');
		await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
			timeout: 20_000
		});
		await lookUpStatus(page, 'uk', PRELIMINARY);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			fillIn(uk.status_result_title!, { number: PRELIMINARY.canonical })
		);
		await expect(page.getByRole('heading', { name: uk.stage_preliminary_title })).toBeVisible();
		// Filed 75 days ago, suspended for 20: day 55 of 60.
		await expect(page.locator('.clock__day')).toHaveText(
			fillIn(uk.clock_day!, { day: '55', limit: '60' })
		);
		await expect(page.locator('.timeline li')).toHaveCount(4);
		await expect(page.getByRole('button', { name: uk.step_book_biometrics })).toBeVisible();
		// Personal data never in the URL.
		expect(page.url()).toMatch(/\/uk\/status$/);
		await expectNoHorizontalScroll(page);
		await expectNoAxeViolations(page);

		await page.getByRole('button', { name: uk.save_button }).click();
		await expect(page.locator('#save-status')).toHaveText(uk.save_need_consent!);
		await page.getByLabel(uk.save_consent!).check();
		await page.getByRole('button', { name: uk.save_button }).click();
		await expect(page.locator('#save-status')).toHaveText(uk.save_done!);

		await page.goto('/uk/my');
		const item = page.locator('.saved__item');
		await expect(item).toHaveCount(1);
		await expect(item.locator('.saved__number')).toHaveText(PRELIMINARY.canonical);
		await expect(item.locator('.saved__stage')).toHaveText(uk.stage_preliminary_title!);
		await expectNoAxeViolations(page);

		await context.setOffline(true);
		await page.reload();
		await expect(page.locator('#saved-offline')).toBeVisible();
		await expect(page.locator('.saved__item .saved__stage')).toHaveText(
			uk.stage_preliminary_title!
		);
		await expect(page.locator('.saved__checked')).toContainText(
			uk.my_last_checked!.replace(' {time}', '').replace('{time}', '')
		);

		await context.setOffline(false);
		await page.reload();
		await page.getByRole('button', { name: new RegExp(uk.my_remove!) }).click();
		await expect(page.locator('.saved__item')).toHaveCount(0);
		await expect(page.locator('#saved-empty')).toBeVisible();
		await context.close();
	});

	test('works without JavaScript, and the late office is told the §80 remedy', async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/uk/status');
		await lookUpStatus(page, 'uk', LATE);
		await expect(page.getByRole('heading', { name: uk.stage_processing_title })).toBeVisible();
		await expect(page.getByRole('heading', { name: uk.clock_late_title })).toBeVisible();
		await expect(page.getByText('500/2004')).toBeVisible();
		await expect(page.locator('#save-proceeding')).toBeHidden();
		await context.close();
	});

	test('guessing is throttled: 429 with a translated message saying when to retry', async ({
		page
	}) => {
		const target = { number: 'OAM-10003/ST-2026', day: '1', month: '1', year: '2000' };
		let last = 0;
		for (let i = 0; i < 11; i++) {
			await page.goto('/uk/status');
			const response = page.waitForResponse((r) => r.request().method() === 'POST');
			await lookUpStatus(page, 'uk', { ...target, day: String(i + 1) });
			last = (await response).status();
		}
		expect(last).toBe(429);
		await expect(page.getByRole('heading', { name: uk.status_throttled_title })).toBeVisible();
		// Even the right date of birth is refused while throttled.
		await page.goto('/uk/status');
		await lookUpStatus(page, 'uk', { ...target, day: '20', month: '1', year: '2001' });
		await expect(page.getByRole('heading', { name: uk.status_throttled_title })).toBeVisible();
	});

	test('first-load JavaScript of the status pages is far below 40 KB', async ({ page }) => {
		const { bytes } = await firstLoadJsGzip(page, '/uk/status');
		expect(bytes).toBeLessThanOrEqual(40 * 1024);
		const my = await firstLoadJsGzip(page, '/uk/my');
		console.log(
			`first-load JS /uk/status ${(bytes / 1024).toFixed(1)} KB, /uk/my ${(my.bytes / 1024).toFixed(1)} KB gzip`
		);
		expect(my.bytes).toBeLessThanOrEqual(40 * 1024);
	});

	test('the "book" step carries the proceeding number to the booking details, never in a URL', async ({
		page
	}) => {
		await page.goto('/uk/status');
		await lookUpStatus(page, 'uk', PRELIMINARY);
		await page.getByRole('button', { name: uk.step_book_biometrics }).click();
		await expect(page).toHaveURL(/\/uk\/book\/biometrics$/);
		await page.locator('main a[href^="/uk/book/biometrics/"]').first().click();
		await page.locator('details.day[open] input[name="slot"]').first().check();
		await page.getByRole('button', { name: uk.book_hold_button }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.book_details_title!, {
			timeout: 30_000
		});
		await expect(page.getByLabel(uk.book_proceeding!)).toHaveValue(PRELIMINARY.canonical);
		expect(page.url()).not.toContain('51727');
	});
});
