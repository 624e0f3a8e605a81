import { expect, test, expectNoAxeViolations, firstLoadJsGzip } from './fixtures';
import { bookInRussian, openAllDays, ru } from './booking-flow';

test.describe('booking in Russian', () => {
	test('book, see the confirmation with QR and calendar file, cancel; axe on every page at 360 px', async ({
		browser
	}) => {
		// The longest journey of the suite: booking, calendar, offline, reschedule, cancel.
		test.slow();
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.setViewportSize({ width: 360, height: 740 });
		const { reference, proofSent } = await bookInRussian(
			page,
			{ name: 'Айгерим Сапарова', document: 'N 1234 5678' },
			{ axe: true }
		);
		expect(proofSent).toBe(true);
		await expect(
			page.getByRole('img', { name: ru.booking_qr_label!.replace('{reference}', reference) })
		).toBeVisible();
		await expect(page.getByText(ru.booking_confirmed!)).toBeVisible();

		const ics = await page.request.get(
			await page
				.getByRole('link', { name: ru.booking_calendar })
				.getAttribute('href')
				.then((h) => h!)
		);
		expect(ics.headers()['content-type']).toContain('text/calendar');
		const body = await ics.text();
		expect(body).toContain('BEGIN:VEVENT');
		// Long lines are folded (RFC 5545 §3.1): a CRLF and a space may fall inside the title.
		expect(body.replace(/\r\n /g, '')).toContain(reference);
		expect(body).toMatch(/\r\nDTSTART;TZID=Europe\/Prague:\d{8}T\d{6}\r\n/);
		expect(body).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Prague\r\n');

		// Kept on the phone: listed on /my with its QR code, also offline.
		const bookingUrl = page.url();
		await expect(page.locator('#booking-saved')).toBeVisible();
		await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
			timeout: 20_000
		});
		await page.goto('/ru/my');
		const saved = page.locator('#saved-bookings');
		await expect(saved.getByRole('link', { name: reference })).toHaveAttribute(
			'href',
			new URL(bookingUrl).pathname
		);
		await expect(saved.locator('.booking-qr svg')).toBeVisible();
		await expectNoAxeViolations(page);
		await context.setOffline(true);
		await page.reload();
		await expect(saved.getByRole('link', { name: reference })).toBeVisible();
		await expect(saved.locator('.booking-qr svg')).toBeVisible();
		await context.setOffline(false);

		// Reschedule: a new time at the same branch, the same reference and link.
		await page.goto(bookingUrl);
		await page.getByRole('link', { name: ru.booking_reschedule_link }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.booking_reschedule_title!);
		await expectNoAxeViolations(page);
		await openAllDays(page);
		await page.locator('input[name="slot"]').nth(8).check();
		await page.getByRole('button', { name: ru.booking_reschedule_button }).click();
		await expect(page).toHaveURL(new RegExp(`${new URL(bookingUrl).pathname}\\?moved$`));
		await expect(page.getByText(ru.booking_moved!)).toBeVisible();
		await expect(page.locator('.booking-reference')).toHaveText(reference);

		await page.getByRole('button', { name: ru.booking_cancel_button }).click();
		await expect(page.getByText(ru.booking_cancelled!)).toBeVisible();
		await expectNoAxeViolations(page);
		// The same booking cannot be cancelled twice, and its calendar file is gone.
		await page.reload();
		await expect(page.getByRole('button', { name: ru.booking_cancel_button })).toHaveCount(0);
		// A cancelled booking is no longer kept on the device.
		await page.goto('/ru/my');
		await expect(page.locator('#bookings-empty')).toBeVisible();
		await context.close();
	});

	test('the whole booking works without JavaScript', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		const { reference, proofSent } = await bookInRussian(page, {
			name: 'Бауыржан Ахметов',
			document: 'N 9876 5432'
		});
		// No proof of work without JavaScript: the hold counted against the no-proof budget.
		expect(proofSent).toBe(false);
		await expect(page.locator('.booking-reference')).toHaveText(reference);
		await context.close();
	});

	test('bad details: messages by each field, a summary, input kept, 400; nothing booked', async ({
		page
	}) => {
		await page.goto('/ru/book/registration/praha-1');
		await openAllDays(page);
		await page.locator('input[name="slot"]').nth(4).check();
		await page.getByRole('button', { name: ru.book_hold_button }).click();
		await page.getByLabel(ru.book_full_name!).fill('Иван Петров');
		await page.getByLabel(ru.book_email!).fill('not-an-email');
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: ru.book_continue }).click()
		]);
		expect(response.status()).toBe(400);
		const summary = page.locator('.error-summary');
		await expect(summary).toContainText(ru.book_error_email!);
		await expect(summary).toContainText(ru.book_error_document!);
		await expect(page.getByLabel(ru.book_full_name!)).toHaveValue('Иван Петров');
		await expectNoAxeViolations(page);
		// One letter: the message says what a name needs, not only "enter your name".
		await page.getByLabel(ru.book_full_name!).fill('И');
		await page.getByRole('button', { name: ru.book_continue }).click();
		await expect(page.locator('.error-summary')).toContainText(ru.book_error_name!);
		expect(ru.book_error_name).toContain('2');
	});

	test('the waiting list: from the times page, a 400 with messages for bad input, then on the list; axe-clean', async ({
		page
	}) => {
		await page.goto('/ru/book/registration/praha-1');
		await page.getByRole('link', { name: ru.waitlist_link }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.waitlist_title!);
		await expectNoAxeViolations(page);
		await page.getByLabel(ru.waitlist_to!).fill('2020-01-01');
		const [bad] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: ru.waitlist_button }).click()
		]);
		expect(bad.status()).toBe(400);
		await expect(page.locator('.error-summary')).toContainText(ru.book_error_email!);
		await expect(page.locator('.error-summary')).toContainText(ru.waitlist_error_range!);
		await page.getByLabel(ru.book_email!).fill('waiting@example.com');
		await page.getByLabel(ru.waitlist_to!).fill('2026-12-20');
		await page.getByRole('button', { name: ru.waitlist_button }).click();
		await expect(page.getByRole('status')).toHaveText(ru.waitlist_done!);
		await expectNoAxeViolations(page);
	});

	test('the hold counts down; two minutes before the end it warns, at the end it offers a new time', async ({
		page
	}) => {
		await page.clock.install();
		await page.goto('/ru/book/registration/praha-1');
		await openAllDays(page);
		await page.locator('input[name="slot"]').nth(12).check();
		await page.getByRole('button', { name: ru.book_hold_button }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.book_details_title!);
		const timer = page.getByRole('timer');
		const countdown = (clock: string) =>
			new RegExp(`^${ru.book_hold_countdown!.replace('{time}', clock)}$`);
		await expect(timer).toHaveText(countdown('(10:00|9:5\\d)'));
		await page.clock.runFor('08:01');
		await expect(page.locator('.hold-notice [role="status"]')).toHaveText(
			ru.book_hold_two_minutes!
		);
		await expect(timer).toHaveText(countdown('1:5\\d'));
		await expectNoAxeViolations(page);
		await page.clock.runFor('02:00');
		await expect(timer.getByRole('link', { name: ru.book_hold_expired })).toHaveAttribute(
			'href',
			'/ru/book/registration/praha-1?expired'
		);
		await expect(page.getByRole('button', { name: ru.book_continue })).toBeDisabled();
	});

	test('a replayed or forged proof of work is refused with a message, the time kept, 400', async ({
		page
	}) => {
		await page.goto('/ru/book/registration/praha-1');
		await openAllDays(page);
		const slot = page.locator('input[name="slot"]').nth(16);
		const slotId = await slot.getAttribute('value');
		const response = await page.request.post('/ru/book/registration/praha-1?/hold', {
			form: {
				slot: slotId!,
				altcha: Buffer.from('{"challenge":{},"solution":{}}').toString('base64')
			},
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
		});
		expect(response.status()).toBe(400);
		const html = await response.text();
		expect(html).toContain(ru.book_proof_failed!);
		expect(html).toMatch(new RegExp(`id="slot-${slotId}"[^>]*checked`));
	});

	test('first-load JavaScript of the booking pages is far below 40 KB', async ({ page }) => {
		for (const path of ['/ru/book', '/ru/book/registration', '/ru/book/registration/praha-1']) {
			const { bytes } = await firstLoadJsGzip(page, path);
			expect(bytes).toBeLessThanOrEqual(40 * 1024);
		}
	});
});
