// A newcomer on a cheap phone (360 × 740), in Ukrainian and Vietnamese: what they must read back
// or read out fits the screen. Found walking the public pages at 360 px.
import type { Locator, Page } from '@playwright/test';
import { openAllDays } from './booking-flow';
import { gapBetween } from './choice-layout';
import { expect, expectNoHorizontalScroll, test, lookUpStatus, messagesOf } from './fixtures';

const uk = messagesOf('uk');
const vi = messagesOf('vi');

test.use({ viewport: { width: 360, height: 740 } });

/** How many lines the text of `locator` takes. */
const linesOf = (locator: Locator) =>
	locator.evaluate((el) => {
		const range = document.createRange();
		range.selectNodeContents(el);
		return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
	});

/** "Call the hotline about this" is set apart from the form's submit button above it. */
async function expectHotlineLinkApart(page: Page, button: string): Promise<void> {
	const gap = await gapBetween(
		page.getByRole('button', { name: button }),
		page.locator('.call-hotline a')
	);
	// Before: 0 px (`.site-main p` zeroed the paragraph's top margin), the link against the button.
	expect.soft(gap, `space above "call the hotline" on ${page.url()}`).toBeGreaterThanOrEqual(24);
}

test('booking at 360 px in Ukrainian: the values on the check page and the reference on the booking page are read whole', async ({
	page
}) => {
	test.slow();
	await page.goto('/uk/book/registration/liberec');
	await openAllDays(page);
	await page.locator('input[name="slot"]').nth(2).check();
	await expect(page.locator('[data-proof-of-work]')).toHaveAttribute('data-state', 'verified', {
		timeout: 30_000
	});
	// The widget's checkbox is a target too: 22 × 22 px by altcha's default.
	const box = (await page.locator('.proof-of-work input[type="checkbox"]').boundingBox())!;
	expect.soft([box.width, box.height], 'the proof-of-work checkbox').toEqual([24, 24]);
	await page.getByRole('button', { name: uk.book_hold_button }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.book_details_title!, {
		timeout: 30_000
	});
	await expectHotlineLinkApart(page, uk.book_continue!);

	await page.getByLabel(uk.book_full_name!).fill('Олена Коваленко');
	await page.getByLabel(uk.date_day!).fill('14');
	await page.getByLabel(uk.date_month!).fill('3');
	await page.getByLabel(uk.date_year!).fill('1988');
	await page.getByLabel(uk.book_nationality!).selectOption({ label: 'Україна' });
	await page.getByLabel(uk.book_document!).fill('FX 4411 2277');
	await page.getByLabel(uk.book_email!).fill('olena.kovalenko@example.com');
	await page.getByRole('button', { name: uk.book_continue }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.book_check_title!);

	// Before: the terms' column was as wide as "Номер проїзного документа" and the values had a
	// third of the screen, the e-mail broken over three lines.
	const values = page.locator('.summary-list dd');
	const email = values.filter({ hasText: 'olena.kovalenko@example.com' });
	expect.soft(await linesOf(email), 'the e-mail on one line').toBe(1);
	const list = (await page.locator('.summary-list').boundingBox())!;
	for (const value of await values.all())
		expect
			.soft((await value.boundingBox())!.width, `${await value.textContent()}`)
			.toBeGreaterThan(list.width * 0.9);
	await expectHotlineLinkApart(page, uk.book_confirm_button!);
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: 'reports/screens/narrow-check-uk-360.png', fullPage: true });

	await page.getByRole('button', { name: uk.book_confirm_button }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.booking_title!);
	// Read out at the counter: before, "MRAX-" stood above "JAH4".
	const reference = page.locator('.booking-reference');
	await expect(reference).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
	expect.soft(await linesOf(reference), 'the booking reference on one line').toBe(1);
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: 'reports/screens/narrow-booking-uk-360.png', fullPage: true });
});

test('the widest booking reference fits a 320 px screen on one line', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 640 });
	await page.goto('/vi/my');
	// A saved booking's card on /my is the narrowest place the reference is shown.
	const width = await page.locator('main').evaluate((main) => {
		const item = document.createElement('li');
		item.className = 'saved__item';
		item.innerHTML = '<h3><a class="booking-reference" href="#">WWWW-MMMM</a></h3>';
		const list = document.createElement('ul');
		list.className = 'saved gov-list--plain';
		list.append(item);
		main.append(list);
		const reference = item.querySelector('a')!;
		const range = document.createRange();
		range.selectNodeContents(reference);
		return {
			lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size,
			reference: reference.getBoundingClientRect().right,
			card: item.getBoundingClientRect().right
		};
	});
	expect(width.lines).toBe(1);
	expect(width.reference).toBeLessThanOrEqual(width.card);
	await expectNoHorizontalScroll(page);
});

test('a message box’s heading starts at its top: "not found" in Vietnamese', async ({ page }) => {
	await page.goto('/vi/status');
	await lookUpStatus(page, 'vi', {
		number: 'OAM-99999/DP-2026',
		day: '1',
		month: '1',
		year: '1990'
	});
	const box = page.locator('.gov-message', { hasText: vi.status_not_found_title! });
	await expect(box).toBeVisible();
	const padding = await box.evaluate((el) => parseFloat(getComputedStyle(el).paddingTop));
	// Before: 32 px of `.site-main h2` margin above the heading, inside the box's own padding.
	const gap = (await box.getByRole('heading').boundingBox())!.y - (await box.boundingBox())!.y;
	expect(gap).toBeLessThanOrEqual(padding + 4);
	await page.screenshot({ path: 'reports/screens/narrow-status-not-found-vi-360.png' });
});

test('no time chosen, without JavaScript: the message by the times and in the summary, 400; each day named with its weekday', async ({
	browser
}) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 360, height: 740 }
	});
	const page = await context.newPage();
	await page.goto('/uk/book/registration/praha-1');
	// A newcomer picks a day by its weekday ("середа, 25 листопада 2026 р."), not by its date alone.
	const weekdays = Array.from({ length: 7 }, (_, d) =>
		new Intl.DateTimeFormat('uk', { weekday: 'long', timeZone: 'UTC' }).format(
			new Date(Date.UTC(2026, 10, 23 + d))
		)
	);
	const days = await page.locator('details.day > summary').allTextContents();
	expect(days.length).toBeGreaterThan(1);
	for (const day of days)
		expect(
			weekdays.some((w) => day.includes(w)),
			day
		).toBe(true);

	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: uk.book_hold_button }).click()
	]);
	expect(response.status()).toBe(400);
	await expect(page.locator('.error-summary')).toContainText(uk.book_time_missing!);
	// Before: only the summary said it; nothing by the times.
	const message = page.locator('#times-error');
	await expect(message).toHaveText(uk.book_time_missing!);
	await expect(page.locator('.field--error').filter({ has: message })).toHaveCount(1);
	await expect(page.locator('fieldset.times').first()).toHaveAttribute(
		'aria-describedby',
		'times-error'
	);
	await expectNoHorizontalScroll(page);
	await context.close();
});

test('a found proceeding’s number in the heading breaks only after its slash, at 360 px in Ukrainian', async ({
	page
}) => {
	await page.goto('/uk/status');
	await lookUpStatus(page, 'uk', {
		number: 'OAM-51727-4/DP-2026',
		day: '27',
		month: '3',
		year: '1990'
	});
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText(
		uk.status_result_title!.replace('{number}', 'OAM-51727-4/DP-2026')
	);
	// Before: "Провадження OAM-51727-4/DP-" above "2026".
	const parts = await heading.locator('.nowrap').all();
	expect(parts).toHaveLength(2);
	for (const part of parts) expect(await linesOf(part), (await part.textContent()) ?? '').toBe(1);
	await expectNoHorizontalScroll(page);
});

test('a group of choices has no frame for its legend to sit on: the satisfaction question in Ukrainian', async ({
	page
}) => {
	await page.goto('/uk/checklists');
	await page.locator('main a[href*="/checklists/"]').first().click();
	const group = page.locator('.satisfaction fieldset.field');
	await expect(group).toBeVisible();
	// Before: the browser's frame, the two-line question's second line on its top edge.
	const frame = await group.evaluate((el) => getComputedStyle(el).borderTopStyle);
	expect(frame).toBe('none');
	const legend = (await group.locator('legend').boundingBox())!;
	expect(legend.y).toBeGreaterThanOrEqual((await group.boundingBox())!.y);
});

test('a phone tap lands: the home page’s task cards, the list of actions, the notes above buttons set apart (Vietnamese)', async ({
	page
}) => {
	await page.goto('/vi');
	// The whole card is the link: a tap on its description (not its 22 px title) opens the task.
	const description = page.locator('.task p').filter({ hasText: vi.task_book_text! });
	await description.scrollIntoViewIfNeeded();
	const text = (await description.boundingBox())!;
	await page.mouse.click(text.x + text.width / 2, text.y + text.height / 2);
	await expect(page).toHaveURL(/\/vi\/book$/);
	// Each action's link is a target of at least 24 px (it was its 20 px line of text).
	for (const link of await page.locator('.choice-list__link').all())
		expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(24);

	// The note about the data sat 6 px above the status form's button; the agent's list ran into
	// the next field's label on the help page.
	await page.goto('/vi/status');
	const note = page.locator('.note').filter({ hasText: vi.status_privacy_note! });
	expect(
		await gapBetween(note, page.getByRole('button', { name: vi.status_submit! }))
	).toBeGreaterThanOrEqual(16);
	await page.goto('/vi/help');
	expect(
		await gapBetween(
			page.locator('.share-list'),
			page.getByText(vi.help_question_label!, { exact: true })
		)
	).toBeGreaterThanOrEqual(16);
});

test('each problem in a form’s error summary is a target of its own: the empty status form in Ukrainian', async ({
	page
}) => {
	await page.goto('/uk/status');
	await page.getByRole('button', { name: uk.status_submit }).click();
	const links = page.locator('.error-summary a');
	await expect(links).toHaveCount(2);
	// Before: "Введіть дату народження." a 17 px line of text, 7 px under the problem above it.
	for (const link of await links.all())
		expect
			.soft((await link.boundingBox())!.height, `${await link.textContent()}`)
			.toBeGreaterThanOrEqual(24);
	expect(await gapBetween(links.nth(0), links.nth(1))).toBeGreaterThanOrEqual(8);
});

test('a group’s legend lines up with the labels around it: the date of birth in Vietnamese', async ({
	page
}) => {
	await page.goto('/vi/status');
	/** Where the first letter of `locator`'s text starts. */
	const textStart = (locator: Locator) =>
		locator.evaluate((el) => {
			const range = document.createRange();
			range.selectNodeContents(el);
			return range.getClientRects()[0]!.left;
		});
	const label = await textStart(page.getByText(vi.status_number_label!, { exact: true }));
	const legend = await textStart(page.locator('legend', { hasText: vi.status_birth_legend! }));
	// Before: the browser's 2 px of padding set each legend's text in from the labels'.
	expect(legend).toBe(label);
});
