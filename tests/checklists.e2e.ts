import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoHorizontalScroll, LOCALES, prefix } from './fixtures';

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
	ru: 'Карта сотрудника (zaměstnanecká karta) – заявление о выдаче',
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
		await expect(passport.locator('.checkbox')).toHaveAttribute('aria-hidden', 'true');
		await expect(page.getByText('Version 1, in force from July 1, 2023')).toBeVisible();
		await expect(page.getByText(/^Last reviewed on November 24, 2026$/)).toBeVisible();
		await expect(page.getByRole('link', { name: /Zaměstnanecká karta/ }).last()).toHaveAttribute(
			'href',
			'https://www.mvcr.cz/clanek/zamestnanecka-karta.aspx'
		);
		await expect(
			page.locator('.checklist__form', { hasText: 'not older than 180 days' }).first()
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
});
