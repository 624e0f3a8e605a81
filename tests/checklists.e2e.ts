import {
	expect,
	test,
	expectNoAxeViolations,
	expectNoHorizontalScroll,
	firstLoadJsGzip,
	LOCALES,
	prefix
} from './fixtures';

const INDEX_HEADING = {
	cs: 'Seznamy dokladů',
	en: 'Document checklists',
	uk: 'Переліки документів',
	ru: 'Перечни документов',
	vi: 'Danh sách giấy tờ'
} as const;

const EMPLOYEE_CARD = {
	cs: 'Zaměstnanecká karta – žádost o vydání',
	en: 'Employee card – first application',
	uk: 'Картка працівника (zaměstnanecká karta) – заява про видачу',
	ru: 'Карта работника (zaměstnanecká karta) – заявление о выдаче',
	vi: 'Thẻ lao động (zaměstnanecká karta) – đơn xin cấp'
} as const;

test.describe('document checklists', () => {
	for (const locale of LOCALES) {
		test(`index and a checklist in ${locale}: translated, axe-clean, usable at 360 px`, async ({
			page
		}) => {
			await page.setViewportSize({ width: 360, height: 740 });
			const index = await page.goto(`${prefix(locale)}/checklists`);
			expect(index?.status()).toBe(200);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(INDEX_HEADING[locale]);
			await expect(page.getByRole('heading', { level: 2 })).toHaveCount(7);
			await expectNoHorizontalScroll(page);
			await expectNoAxeViolations(page);

			await page.getByRole('link', { name: EMPLOYEE_CARD[locale] }).click();
			await expect(page).toHaveURL(new RegExp(`^[^?]*${prefix(locale)}/checklists/employee-card$`));
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(EMPLOYEE_CARD[locale]);
			await expect(page).toHaveTitle(`${EMPLOYEE_CARD[locale]} – Pobyt`);
			expect(await page.locator('.checklist__item').count()).toBeGreaterThan(3);
			await expectNoHorizontalScroll(page);
			await expectNoAxeViolations(page);
		});
	}

	test('an English checklist describes the form of each document, its source and dates', async ({
		page
	}) => {
		await page.goto('/en/checklists/employee-card');
		const passport = page.locator('.checklist__item', { hasText: 'Valid passport' });
		await expect(passport.locator('.checklist__form')).toHaveText('Original');
		await expect(page.getByRole('checkbox', { name: 'Valid passport' })).toBeVisible();
		await expect(page.getByText('Version 2, in force from November 24, 2026')).toBeVisible();
		await expect(page.getByText(/^Last reviewed on December 4, 2026$/)).toBeVisible();
		await expect(page.getByRole('link', { name: /Zaměstnanecká karta/ }).last()).toHaveAttribute(
			'href',
			'https://www.mvcr.cz/clanek/zamestnanecka-karta.aspx'
		);
		await expect(
			page
				.locator('.checklist__form', {
					hasText: 'issued no more than 180 days before the day you apply'
				})
				.first()
		).toBeVisible();
	});

	test('/vi/checklists/employee-card shows its Vietnamese title', async ({ page }) => {
		const response = await page.goto('/vi/checklists/employee-card');
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(EMPLOYEE_CARD.vi);
		await expect(page.getByText('Hộ chiếu còn hiệu lực')).toBeVisible();
		await expect(page.getByText('Valid passport')).toHaveCount(0);
	});

	test('an unknown checklist is a translated 404', async ({ page }) => {
		const response = await page.goto('/en/checklists/no-such-checklist');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		await expectNoAxeViolations(page);
	});

	test("search finds checklists in the reader's language, without diacritics, and says when nothing matches", async ({
		page
	}) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto('/vi/checklists');
		await page.getByRole('searchbox', { name: 'Tìm trong danh sách giấy tờ' }).fill('the lao dong');
		await page.getByRole('button', { name: 'Tìm kiếm' }).click();
		await expect(page).toHaveURL(/\/vi\/checklists\?q=the\+lao\+dong$/);
		const results = page.locator('.search-results');
		await expect(results.getByRole('heading', { level: 2 })).toHaveText(
			'Kết quả cho “the lao dong”'
		);
		await expect(results.getByRole('link').first()).toHaveText(EMPLOYEE_CARD.vi);
		await expect(page.getByRole('searchbox')).toHaveValue('the lao dong');
		await expectNoHorizontalScroll(page);
		await expectNoAxeViolations(page);

		await page.goto('/en/checklists?q=xylophone');
		await expect(page.locator('.search-results .gov-message')).toContainText('We found nothing');
	});

	test('the search works without JavaScript', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/uk/checklists');
		await page.getByRole('searchbox').fill('паспорт');
		await page.getByRole('button', { name: 'Шукати' }).click();
		await expect(page.locator('.search-results li').first()).toBeVisible();
		await expect(page.locator('.search-results')).toContainText('Відповідні документи:');
		await context.close();
	});

	test('in Vietnamese: find a checklist, tick documents, and the ticks survive an offline reload and show on /my', async ({
		browser
	}) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto('/vi/checklists');
		// The worker takes control and keeps every Vietnamese checklist for offline use.
		await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
			timeout: 20_000
		});
		await expect
			.poll(
				() =>
					page.evaluate(async () => {
						const keys = await Promise.all(
							(await caches.keys()).map(async (name) =>
								(await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)
							)
						);
						return keys.flat().filter((p) => p.startsWith('/vi/checklists/')).length;
					}),
				{ timeout: 20_000 }
			)
			.toBe(11);

		await page
			.getByRole('link', { name: 'Thẻ lao động (zaměstnanecká karta) – đơn xin cấp' })
			.click();
		const progress = page.locator('#checklist-progress');
		const total = await page.locator('input.checklist__tick').count();
		await expect(progress).toHaveText(`Đã sẵn sàng: 0 trên ${total}`);
		await page.getByRole('checkbox', { name: 'Hộ chiếu còn hiệu lực' }).check();
		await page.locator('input.checklist__tick').last().check();
		await expect(progress).toHaveText(`Đã sẵn sàng: 2 trên ${total}`);
		await expectNoAxeViolations(page);

		await context.setOffline(true);
		// Another checklist never opened before opens offline too.
		await page.goto('/vi/checklists/eu-blue-card');
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		await expect(page.locator('input.checklist__tick').first()).toBeVisible();
		await page.goto('/vi/checklists/employee-card');
		await expect(page.getByRole('checkbox', { name: 'Hộ chiếu còn hiệu lực' })).toBeChecked();
		await expect(progress).toHaveText(`Đã sẵn sàng: 2 trên ${total}`);
		await page.getByRole('checkbox', { name: 'Hộ chiếu còn hiệu lực' }).uncheck();
		await page.reload();
		await expect(page.getByRole('checkbox', { name: 'Hộ chiếu còn hiệu lực' })).not.toBeChecked();
		await expect(progress).toHaveText(`Đã sẵn sàng: 1 trên ${total}`);
		await context.setOffline(false);

		await page.goto('/vi/my');
		const saved = page.locator('#saved-checklists');
		await expect(
			saved.getByRole('link', { name: 'Thẻ lao động (zaměstnanecká karta) – đơn xin cấp' })
		).toHaveAttribute('href', '/vi/checklists/employee-card');
		await expect(saved).toContainText(`Đã sẵn sàng: 1 trên ${total}`);
		await expectNoAxeViolations(page);
		await saved.getByRole('button', { name: /Xóa đánh dấu/ }).click();
		await expect(saved.locator('#checklists-status')).toHaveText(
			'Đã xóa các đánh dấu khỏi thiết bị này.'
		);
		await expect(saved.locator('#checklists-empty')).toBeVisible();
		await context.close();
	});

	test('first-load JavaScript of the checklist pages is far below 40 KB', async ({ browser }) => {
		for (const path of ['/uk/checklists', '/uk/checklists/employee-card']) {
			const context = await browser.newContext();
			const page = await context.newPage();
			const { bytes, files } = await firstLoadJsGzip(page, path);
			console.log(`first-load JS ${path}: ${(bytes / 1024).toFixed(1)} KB gzip in ${files} files`);
			expect(bytes).toBeLessThanOrEqual(40 * 1024);
			await context.close();
		}
	});
});
