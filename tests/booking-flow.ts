import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectNoHorizontalScroll, messagesOf } from './fixtures';

export const ru = messagesOf('ru');

/** Opens every day of the calendar (native <details>, no script needed). */
export async function openAllDays(page: Page): Promise<void> {
	const closed = page.locator('details.day:not([open]) > summary');
	while ((await closed.count()) > 0) await closed.first().click();
}

/** Books an action (default "registration after arrival") at Praha I through the pages, in Russian. */
export async function bookInRussian(
	page: Page,
	person: { name: string; document: string },
	options: { axe?: boolean; slot?: number; service?: string } = {}
): Promise<{ reference: string; url: string; proofSent: boolean }> {
	const check = async () => {
		if (options.axe) {
			await expectNoAxeViolations(page);
			await expectNoHorizontalScroll(page);
		}
	};
	await page.goto('/ru/book');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.page_book_title!);
	await check();
	await page
		.getByRole('link', { name: ru[`service_${options.service ?? 'registration'}`] })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.book_choose_branch!);
	await check();
	await page.getByRole('link', { name: 'Praha I', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.book_choose_time!);
	await check();
	// Tests run in parallel against one server: each takes its own time.
	await openAllDays(page);
	await page
		.locator('input[name="slot"]')
		.nth(options.slot ?? 0)
		.check();
	if ((await page.locator('[data-proof-of-work][data-ready]').count()) > 0) {
		// With JavaScript: the proof of work (started by the first touch of the form) is done
		// before the hold, however busy the machine is; its widget is accessible too.
		await expect(page.locator('[data-proof-of-work]')).toHaveAttribute('data-state', 'verified', {
			timeout: 30_000
		});
		await check();
	}
	const [hold] = await Promise.all([
		page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('?/hold')),
		page.getByRole('button', { name: ru.book_hold_button }).click()
	]);
	// With JavaScript the altcha widget's proof of work travels with the hold.
	const proofSent = /(^|&)altcha=[^&]+/.test(hold.postData() ?? '');
	// A busy machine may take a while to run the proof of work's workers.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.book_details_title!, {
		timeout: 30_000
	});
	await check();
	await page.getByLabel(ru.book_full_name!).fill(person.name);
	await page.getByLabel(ru.date_day!).fill('14');
	await page.getByLabel(ru.date_month!).fill('3');
	await page.getByLabel(ru.date_year!).fill('1988');
	// Citizenship is chosen from a list of countries named in Russian.
	await page.getByLabel(ru.book_nationality!).selectOption({ label: 'Казахстан' });
	await page.getByLabel(ru.book_document!).fill(person.document);
	await page.getByLabel(ru.book_email!).fill('test@example.com');
	await page.getByRole('button', { name: ru.book_continue }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.book_check_title!);
	await expect(page.locator('.summary-list')).toContainText(person.name);
	await expect(page.locator('.summary-list')).toContainText('Казахстан');
	// The date of birth as Russian writes dates, not 1988-03-14.
	await expect(page.locator('.summary-list')).toContainText('14 марта 1988');
	await check();
	await page.getByRole('button', { name: ru.book_confirm_button }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.booking_title!);
	await expect(page).toHaveURL(/\/ru\/booking\/[A-Za-z0-9_-]{27}$/);
	const reference = (await page.locator('.booking-reference').textContent())!.trim();
	expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
	return { reference, url: page.url(), proofSent };
}
