// Fair release (issue 13) on a server of its own, so its clock can move to the draw: branch staff
// announce a draw; in Ukrainian one person enters with JavaScript and changes the entry, one
// enters without JavaScript, one asks only for afternoons (there are none); at the draw the
// first two get bookings (entry page, /my, mailbox), the third the waiting-list message; the
// published page verifies with `npm run draw:verify`, and an altered copy does not.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { Browser, Page } from '@playwright/test';
import { expect, test, messagesOf, expectNoAxeViolations } from './fixtures';
import { expectBoxesBesideTheirLabels, gapBetween } from './choice-layout';
import { OwnServer, totp as ownTotp } from './own-server';
import { DEMO_PASSWORD, E2E_NOW, ownPort } from './e2e-env';

test.describe.configure({ mode: 'serial' });

const uk = messagesOf('uk');
const en = messagesOf('en');
const vi = messagesOf('vi');
const PORT = ownPort('draw');
const server = new OwnServer(PORT);
const BASE = server.base;
/** Thursday 26 November 2026, 9:01 in Prague: a minute after the draw. */
const AFTER_DRAW = '2026-11-26T08:01:00Z';
const CLERK = 'urednik@pobyt.demo';

let totpKey = '';
const state = { release: '', entryA: '', entryB: '', entryC: '' };

test.afterAll(() => server.stop());

const totp = (clock: string) => ownTotp(totpKey, clock);

async function signInClerk(page: Page, clock: string): Promise<void> {
	await page.goto(`${BASE}/en/login`);
	await page.getByLabel('E-mail').fill(CLERK);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/login\/enrol/);
	totpKey = (await page.locator('.manual-key').textContent())!;
	await page.getByLabel('Code').fill(totp(clock));
	await page.getByRole('button', { name: 'Confirm' }).click();
	await page.getByRole('link', { name: 'Continue' }).click();
	await expect(page).toHaveURL(/\/account$/);
}

const person = (n: number) => ({
	name: `Olena Test${'ABCD'[n]}`,
	email: `draw-${n}@example.com`,
	document: `FX ${100000 + n}`
});

async function personContext(browser: Browser, n: number, javaScriptEnabled: boolean) {
	// One address for all: two entries without a proof fit its hourly budget of three.
	return browser.newContext({ baseURL: BASE, javaScriptEnabled });
}

/** Fills the entry form on the release page; `times` ticks checkboxes instead of "any". */
async function enter(
	page: Page,
	n: number,
	times: string[] = [],
	lang: 'uk' | 'vi' = 'uk'
): Promise<string> {
	const t = lang === 'uk' ? uk : vi;
	const p = person(n);
	await page.getByLabel(t.book_full_name!).fill(p.name);
	await page.getByLabel(t.date_day!, { exact: true }).fill('1');
	await page.getByLabel(t.date_month!, { exact: true }).fill('5');
	await page.getByLabel(t.date_year!, { exact: true }).fill('1990');
	await page.getByLabel(t.book_nationality!).selectOption('UA');
	await page.getByLabel(t.book_document!).fill(p.document);
	await page.getByLabel(t.book_email!).fill(p.email);
	if (times.length > 0) {
		await page.getByLabel(t.draw_any!).uncheck();
		for (const time of times) await page.getByLabel(time, { exact: true }).check();
	}
	await page.getByRole('button', { name: t.draw_enter_button }).click();
	await expect(page).toHaveURL(new RegExp(`/${lang}/draw/[A-Za-z0-9_-]{27}\\?entered$`), {
		timeout: 30_000
	});
	await expect(page.getByText(t.draw_entered_done!)).toBeVisible();
	// A success, drawn as one (green), not as the plain blue notice: the class had no style.
	expect(
		await page
			.getByText(t.draw_entered_done!)
			.evaluate((el) => getComputedStyle(el).borderLeftColor)
	).toBe('rgb(29, 122, 62)');
	return new URL(page.url()).pathname;
}

test('staff announce a draw; people enter in Ukrainian with and without JavaScript and change their entry', async ({
	browser
}) => {
	test.setTimeout(480_000);
	await server.start(E2E_NOW);

	const staff = await browser.newContext({ baseURL: BASE });
	const desk = await staff.newPage();
	await signInClerk(desk, E2E_NOW);
	await desk.goto('/en/staff/1');
	await desk.getByRole('link', { name: 'Draws for appointment times' }).click();
	await expect(desk).toHaveURL(/\/en\/staff\/1\/releases$/);
	await expectNoAxeViolations(desk);
	// A bad form: a translated message by the field, the input kept, nothing created.
	await desk.getByLabel('Times from (date)').fill('2026-12-07');
	await desk.getByRole('button', { name: 'Announce a draw' }).click();
	await expect(desk.locator('.error-summary')).toBeVisible();
	await expect(desk.getByLabel('Times from (date)')).toHaveValue('2026-12-07');
	await desk.locator('#serviceId').selectOption({ label: en.service_registration! });
	await desk.getByLabel('Times to (date)').fill('2026-12-07');
	await desk.getByLabel('Entries open').fill('2026-11-24T10:00');
	await desk.getByLabel('Entries close').fill('2026-11-25T18:00');
	await desk.getByLabel('Draw', { exact: true }).fill('2026-11-26T09:00');
	await desk.getByLabel(/Share of capacity/).fill('50');
	await desk.getByRole('button', { name: 'Announce a draw' }).click();
	// Monday 7 December, 8:00–11:00: six slots of 2, one seat of each kept for the hotline.
	await expect(desk.getByText('Draw announced: 6 seats in 6 times.')).toBeVisible();
	await expectNoAxeViolations(desk);
	// Without the back office's /en prefix: each person opens it in Ukrainian.
	const href = (await desk
		.getByRole('link', { name: 'Public page' })
		.first()
		.getAttribute('href'))!;
	state.release = href.replace(/^\/en(?=\/)/, '');
	await staff.close();

	// A: with JavaScript, from the branch page of the action.
	const a = await personContext(browser, 0, true);
	const pageA = await a.newPage();
	await pageA.goto('/uk/book/registration/praha-1');
	await expectNoAxeViolations(pageA);
	await pageA.getByRole('link', { name: uk.draw_notice_link }).click();
	await expect(pageA.getByRole('heading', { name: uk.draw_title, level: 1 })).toBeVisible();
	await expect(pageA.locator('#draw-commitment')).toHaveText(/^[0-9a-f]{64}$/);
	await expect(pageA.getByText(uk.draw_definition!)).toBeVisible();
	await expectNoAxeViolations(pageA);
	// "Any time", five weekdays and two parts of the day, each box beside its label.
	expect(await expectBoxesBesideTheirLabels(pageA)).toBeGreaterThanOrEqual(8);
	state.entryA = await enter(pageA, 0);
	await expectNoAxeViolations(pageA);
	expect(await expectBoxesBesideTheirLabels(pageA)).toBeGreaterThanOrEqual(8);
	// Change: nothing ticked is refused by the field; then Mondays, mornings.
	await pageA.getByLabel(uk.draw_any!).uncheck();
	await pageA.getByRole('button', { name: uk.draw_change_button }).click();
	await expect(pageA.locator('.error-summary')).toContainText(uk.draw_error_times!);
	await expectNoAxeViolations(pageA);
	await pageA.getByLabel('понеділок', { exact: true }).check();
	await pageA.getByLabel(uk.draw_morning!, { exact: true }).check();
	await pageA.getByRole('button', { name: uk.draw_change_button }).click();
	await expect(pageA.getByText(uk.draw_changed!)).toBeVisible();
	await expect(pageA.getByLabel('понеділок', { exact: true })).toBeChecked();
	await a.close();

	// B: without JavaScript.
	const b = await personContext(browser, 1, false);
	const pageB = await b.newPage();
	await pageB.goto(`/uk${state.release}`);
	state.entryB = await enter(pageB, 1);
	// (axe needs JavaScript: the same pages are checked above and below in a browser with it.)
	await b.close();

	// C: without JavaScript, only afternoons — the branch has none: no seat can suit.
	const c = await personContext(browser, 2, false);
	const pageC = await c.newPage();
	await pageC.goto(`/uk${state.release}`);
	state.entryC = await enter(pageC, 2, [uk.draw_afternoon!]);
	await c.close();
	await server.stop();
});

test('on a phone in Vietnamese: a one-day draw names its day once; the notes and links have room; withdrawing is set apart from saving a change', async ({
	browser
}) => {
	test.setTimeout(240_000);
	expect(state.release).not.toBe('');
	await server.start(E2E_NOW);
	const context = await browser.newContext({
		baseURL: BASE,
		viewport: { width: 360, height: 740 }
	});
	const page = await context.newPage();
	// The notice on the action's branch page: its link a 24 px target (it was a 17 px line).
	await page.goto('/vi/book/registration/praha-1');
	const notice = page.getByRole('link', { name: vi.draw_notice_link });
	expect.soft((await notice.boundingBox())!.height, 'the notice’s link').toBeGreaterThanOrEqual(24);
	await notice.click();
	await expect(page).toHaveURL(new RegExp(`/vi${state.release}$`));
	// Before: 4 px — the note under the published code ran into "how the order is made".
	const note = page.getByText(vi.draw_commitment_note!);
	expect
		.soft(await gapBetween(note, page.locator('#draw-definition')), 'space below the note')
		.toBeGreaterThanOrEqual(16);
	// A draw of one day names it once: before, "từ 7 tháng 12, 2026 đến 7 tháng 12, 2026".
	const day = '7 tháng 12, 2026';
	const lead = (await page.locator('p.lead').textContent())!;
	expect.soft(lead.split(day).length - 1, lead).toBe(1);
	await enter(page, 3, [], 'vi');
	// A link on its own line is a 24 px target, not its 17 px of text (here too).
	const release = page.getByRole('link', { name: vi.draw_release_link });
	expect
		.soft((await release.boundingBox())!.height, 'the public page link')
		.toBeGreaterThanOrEqual(24);

	await page.goto('/vi/my');
	await expect.soft(page.locator('#draws-list .saved__when')).toHaveText(day);
	await page.goBack();

	// Before: 0 px — "withdraw from the draw" right under "save changes", one slip of the thumb.
	const save = page.getByRole('button', { name: vi.draw_change_button });
	const withdraw = page.getByRole('button', { name: vi.draw_withdraw_button });
	expect.soft(await gapBetween(save, withdraw), 'space above withdraw').toBeGreaterThanOrEqual(48);
	const form = page.getByRole('form', { name: vi.draw_withdraw_heading });
	await expect(form).toContainText(vi.draw_withdraw_button!);
	await expect(page.getByText(vi.draw_withdraw_lead!)).toBeVisible();
	await withdraw.click();
	await expect(page.locator('#draw-status')).toHaveAttribute('data-state', 'withdrawn');
	await expect(page.locator('#draw-status')).toHaveText(vi.draw_status_withdrawn!);
	await context.close();
	await server.stop();
});

test('after the draw: bookings on the entry page, on /my and in the mailbox; the waiting list; draw:verify', async ({
	browser
}) => {
	test.setTimeout(480_000);
	expect(state.entryA).not.toBe('');
	await server.start(AFTER_DRAW);
	const a = await personContext(browser, 0, true);
	const pageA = await a.newPage();
	// The runner draws within seconds of the start.
	await expect
		.poll(
			async () => {
				await pageA.goto(state.entryA);
				return pageA.locator('#draw-status').getAttribute('data-state');
			},
			{ timeout: 90_000, intervals: [2000] }
		)
		.toBe('won');
	await expect(pageA.getByText(uk.draw_status_won!)).toBeVisible();
	await expectNoAxeViolations(pageA);
	await pageA.getByRole('link', { name: uk.draw_open_booking }).click();
	await expect(pageA).toHaveURL(/\/uk\/booking\/[A-Za-z0-9_-]{27}$/);
	const reference = (await pageA.locator('#booking-card').getAttribute('data-reference'))!;
	expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
	await expect(pageA.locator('#booking-saved')).toBeVisible();
	await expectNoAxeViolations(pageA);
	await pageA.goto('/uk/my');
	await expect(pageA.getByRole('heading', { name: uk.draw_my_heading })).toBeVisible();
	await expect(pageA.locator('#draws-list li')).toHaveCount(1);
	await expect(pageA.locator('#bookings-list')).toContainText(reference);
	await expectNoAxeViolations(pageA);
	await pageA.goto('/uk/dev/mailbox');
	const mails = pageA
		.locator('.mailbox__message')
		.filter({ has: pageA.locator('.mailbox__to', { hasText: person(0).email }) });
	await expect(mails.filter({ hasText: reference })).toHaveCount(1);
	await expect(mails.filter({ hasText: state.entryA })).not.toHaveCount(0);
	await a.close();

	const b = await personContext(browser, 1, false);
	const pageB = await b.newPage();
	await pageB.goto(state.entryB);
	await expect(pageB.locator('#draw-status')).toHaveAttribute('data-state', 'won');
	await pageB.getByRole('link', { name: uk.draw_open_booking }).click();
	await expect(pageB.locator('#booking-card')).toHaveAttribute('data-reference', /^[A-Z0-9-]{9}$/);
	await b.close();

	const c = await personContext(browser, 2, true);
	const pageC = await c.newPage();
	await pageC.goto(state.entryC);
	await expect(pageC.locator('#draw-status')).toHaveAttribute('data-state', 'waitlisted');
	await expect(pageC.locator('#draw-status')).toHaveText(
		uk.draw_status_waitlisted!.replace('{place}', '1')
	);
	await expectNoAxeViolations(pageC);
	// The published page: the seed, every entry's public id and the order.
	await pageC.goto(`/uk${state.release}`);
	await expect(pageC.locator('#draw-seed')).toHaveText(/^[0-9a-f]{64}$/);
	await expect(pageC.locator('#draw-order tbody tr')).toHaveCount(3);
	// Which wish each seat met: B took any time, A Mondays in the morning; the rest not given.
	const byWish = uk
		.draw_result_by_wish!.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
		.replace('{any}', '1')
		.replace('{weekday}', '0')
		.replace('{part}', '0')
		.replace('{both}', '1')
		.replace('{left}', '\\d+');
	await expect(pageC.locator('#draw-by-wish')).toHaveText(new RegExp(`^${byWish}$`));
	await expectNoAxeViolations(pageC);
	await c.close();

	// draw:verify recomputes the order from the page alone…
	const url = `${BASE}${`/uk${state.release}`}`;
	const ok = spawnSync('npx', ['tsx', 'scripts/draw-verify.ts', url], { encoding: 'utf8' });
	expect(ok.stdout).toContain('OK — 3 entries');
	expect(ok.status).toBe(0);
	// …and refuses a copy whose order was altered (first two rows swapped).
	const html = await (await fetch(url)).text();
	const rows = [...html.matchAll(/<tr data-public-id="[^"]*">[\s\S]*?<\/tr>/g)].map((m) => m[0]);
	expect(rows.length).toBe(3);
	const altered = html
		.replace(rows[0]!, '\u0000')
		.replace(rows[1]!, rows[0]!)
		.replace('\u0000', rows[1]!);
	const copy = createServer((_, res) => res.end(altered));
	await new Promise<void>((resolve) => copy.listen(ownPort('drawCopy'), resolve));
	try {
		const bad = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
			const child = spawn('npx', [
				'tsx',
				'scripts/draw-verify.ts',
				`http://localhost:${ownPort('drawCopy')}/`
			]);
			let stderr = '';
			child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
			child.on('exit', (status) => resolve({ status, stderr }));
		});
		expect(bad.stderr).toContain('FAILED');
		expect(bad.status).toBe(1);
	} finally {
		copy.close();
	}
	// Staff see the same result on their page: the seats given by wish and the seats left.
	const staff = await browser.newContext({ baseURL: BASE });
	const desk = await staff.newPage();
	await desk.goto('/en/login');
	await desk.getByLabel('E-mail').fill(CLERK);
	await desk.getByLabel('Password').fill(DEMO_PASSWORD);
	await desk.getByRole('button', { name: 'Sign in' }).click();
	await expect(desk).toHaveURL(/\/login\/verify/);
	await desk.getByLabel('Code').fill(totp(AFTER_DRAW));
	await desk.getByLabel('Code').press('Enter');
	await expect(desk).toHaveURL(/\/account$/);
	await desk.goto('/en/staff/1/releases');
	await expect(desk.locator('.release-by-wish').first()).toHaveText(
		en
			.draw_result_by_wish!.replace('{any}', '1')
			.replace('{weekday}', '0')
			.replace('{part}', '0')
			.replace('{both}', '1')
			.replace('{left}', '4')
	);
	await expectNoAxeViolations(desk);
	await staff.close();
	await server.stop();
});
