// The analysts' area on a server of its own with a fresh database, so every count is exact: a
// scripted set of public actions in several languages, then an analyst sees exactly those counts
// in the sections and in the yearly report, prints it to PDF and downloads its CSV. Strangers
// and other roles are refused; the open data is public and holds no count below 5.
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test, lookUpStatus, messagesOf } from './fixtures';
import { OwnServer, totp as ownTotp } from './own-server';
import { bookInRussian } from './booking-flow';
import { DEMO_PASSWORD, E2E_NOW, ownPort } from './e2e-env';

test.describe.configure({ mode: 'serial' });

const ru = messagesOf('ru');
const vi = messagesOf('vi');
const uk = messagesOf('uk');
const cs = messagesOf('cs');
const PORT = ownPort('insights');
const server = new OwnServer(PORT);
const BASE = server.base;

const totpKeys = new Map<string, string>();

test.afterAll(() => server.stop());

const totp = (key: string) => ownTotp(key, E2E_NOW);

async function signIn(page: Page, email: string): Promise<void> {
	await page.goto(`${BASE}/en/login`);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	const known = totpKeys.get(email);
	if (!known) {
		await expect(page).toHaveURL(/\/login\/enrol/);
		const key = (await page.locator('.manual-key').textContent())!;
		totpKeys.set(email, key);
		await page.getByLabel('Code').fill(totp(key));
		await page.getByRole('button', { name: 'Confirm' }).click();
		await page.getByRole('link', { name: 'Continue' }).click();
	} else {
		await page.getByLabel('Code').fill(totp(known));
		await page.getByRole('button', { name: 'Verify' }).click();
	}
	await expect(page).toHaveURL(/\/account$/);
}

/** The value in a table's row (by its first cell) and column (0-based). */
const cell = (page: Page, table: string, row: string, column: number) =>
	page
		.locator(`section#${table} tbody tr`)
		.filter({ has: page.locator('th', { hasText: new RegExp(`^${row}$`) }) })
		.locator('th, td')
		.nth(column);

async function answer(page: Page, score: string, comment: string): Promise<void> {
	const form = page.locator('form.satisfaction');
	await form.locator(`input[name="score"][value="${score}"]`).check();
	await form.locator('textarea[name="comment"]').fill(comment);
	await form.getByRole('button').click();
	await expect(page.locator('h1')).toBeVisible();
}

test('public actions in four languages, then the analyst sees exactly those counts', async ({
	browser
}) => {
	test.setTimeout(300_000);
	await server.start(E2E_NOW);
	const person = await browser.newContext({ baseURL: BASE });
	const page = await person.newPage();

	// Searches: two spellings of one term with results (Czech), two with none (English, Ukrainian).
	await page.goto('/checklists?q=Zaměstnanecká karta');
	await expect(page.locator('.search-results li').first()).toBeVisible();
	await page.goto('/checklists?q=zamestnanecka   KARTA');
	await page.goto('/en/checklists?q=xylophone');
	await page.goto('/uk/checklists?q=Ксилофон');

	// A booking in Russian, and the satisfaction question at its end (with an empty score first).
	await bookInRussian(page, { name: 'Aigerim Nurlanovna', document: 'N12345678' });
	await expectNoAxeViolations(page);
	await page.locator('form.satisfaction').getByRole('button').click();
	await expect(page.locator('.error-summary')).toContainText(
		ru.insights_satisfaction_score_missing!
	);
	await expectNoAxeViolations(page);
	await answer(page, '5', 'Очень удобно, звоните 777123456 или пишите aigerim@example.com');
	await expect(page.locator('h1')).toHaveText(ru.insights_satisfaction_thanks_title!);

	// A status lookup in Vietnamese, answered 4.
	await page.goto('/vi/status');
	await lookUpStatus(page, 'vi', {
		number: 'OAM-51727-4/DP-2026',
		day: '27',
		month: '3',
		year: '1990'
	});
	await expect(page.locator('form.satisfaction')).toBeVisible();
	await expectNoAxeViolations(page);
	await answer(page, '4', '');
	await expect(page.locator('h1')).toHaveText(vi.insights_satisfaction_thanks_title!);

	// A hotline code from a checklist in Ukrainian, answered 2.
	await page.goto('/uk/checklists/employee-card');
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: uk.help_call_link }).click();
	await page.getByLabel(uk.help_consent!).check();
	await page.getByRole('button', { name: uk.help_share_button }).click();
	await expect(page).toHaveURL(/\/uk\/help\/shared$/);
	await expectNoAxeViolations(page);
	await answer(page, '2', 'Незрозуміло, які фото потрібні');
	await expect(page.locator('h1')).toHaveText(uk.insights_satisfaction_thanks_title!);
	await person.close();

	// Events are written within a second; give the batch time to land.
	await new Promise((resolve) => setTimeout(resolve, 2500));

	const desk = await (await browser.newContext({ baseURL: BASE })).newPage();
	await signIn(desk, 'analytik@pobyt.demo');
	await desk.goto('/en/insights');
	await expect(desk.locator('h1')).toHaveText('Insights and the yearly report');
	await expectNoAxeViolations(desk);
	await expect(cell(desk, 'take-up', 'Web', 1)).toHaveText('1');
	await expect(cell(desk, 'take-up', 'Hotline', 1)).toHaveText('0');
	await expect(cell(desk, 'funnel', 'Held', 1)).toHaveText('1');
	await expect(cell(desk, 'funnel', 'Confirmed', 1)).toHaveText('1');
	await expect(cell(desk, 'lookups', 'Found', 1)).toHaveText('1');
	await expect(cell(desk, 'lookups', 'Not found', 1)).toHaveText('0');
	await expect(cell(desk, 'satisfaction', 'Booking confirmed', 1)).toHaveText('1');
	await expect(cell(desk, 'satisfaction', 'Booking confirmed', 2)).toHaveText('5.00');
	await expect(cell(desk, 'satisfaction', 'Status result', 1)).toHaveText('1');
	await expect(cell(desk, 'satisfaction', 'Hotline code', 1)).toHaveText('1');
	await expect(cell(desk, 'satisfaction', 'Checklist', 1)).toHaveText('0');
	await expect(cell(desk, 'kpi', 'Satisfaction \\(4–5 of 5\\)', 1)).toHaveText('66.7 %');
	await expect(cell(desk, 'hotline-languages', 'uk', 1)).toHaveText('1');
	await expect(cell(desk, 'hotline-channels', 'Call with a code', 1)).toHaveText('1');
	// Top searches per language (two spellings counted as one term), with their zero results.
	await expect(desk.locator('section#top-searches tbody tr')).toHaveCount(3);
	await expect(cell(desk, 'top-searches', 'cs', 1)).toHaveText('zamestnanecka karta');
	await expect(cell(desk, 'top-searches', 'cs', 2)).toHaveText('2');
	await expect(cell(desk, 'top-searches', 'cs', 3)).toHaveText('0');
	await expect(cell(desk, 'top-searches', 'en', 3)).toHaveText('1');
	await expect(desk.locator('section#zero-searches tbody tr')).toHaveCount(2);
	await expect(cell(desk, 'zero-searches', 'en', 1)).toHaveText('xylophone');
	await expect(cell(desk, 'zero-searches', 'uk', 1)).toHaveText('ксилофон');
	await expect(cell(desk, 'checklists', 'employee-card', 1)).toHaveText('1');
	await expect(cell(desk, 'checklists', 'employee-card', 3)).toHaveText('1');
	await expect(cell(desk, 'checklists', 'employee-card', 4)).toHaveText('1000.0');

	// The filters: Russian only keeps the booking, Ukrainian only the hotline.
	await desk.getByLabel('Language', { exact: true }).selectOption('ru');
	await desk.getByRole('button', { name: 'Show' }).click();
	await expect(desk).toHaveURL(/language=ru/);
	await expect(cell(desk, 'take-up', 'Web', 1)).toHaveText('1');
	await expect(cell(desk, 'lookups', 'Found', 1)).toHaveText('0');
	await expect(cell(desk, 'hotline-languages', 'uk', 1)).toHaveText('0');
	await desk.goto('/en/insights?period=month&year=2026&month=10');
	await expect(cell(desk, 'take-up', 'Web', 1)).toHaveText('0');

	// Comments, scrubbed of numbers and e-mail addresses, by task and language.
	await desk.goto('/en/insights/comments');
	await expectNoAxeViolations(desk);
	await expect(desk.locator('tbody tr')).toHaveCount(2);
	await expect(desk.locator('tbody')).toContainText('Очень удобно, звоните или пишите');
	await expect(desk.locator('tbody')).not.toContainText('777123456');
	await expect(desk.locator('tbody')).not.toContainText('@');
	await desk.goto('/en/insights/comments?task=hotline&language=uk');
	await expect(desk.locator('tbody tr')).toHaveCount(1);

	// The yearly report: the same counts, the previous year beside them, SVG charts, CSV, PDF.
	await desk.goto('/en/insights/report/2026');
	await expect(desk.locator('h1')).toHaveText('Yearly report 2026');
	await expectNoAxeViolations(desk);
	await expect(cell(desk, 'lookups', 'Found', 1)).toHaveText('1');
	await expect(cell(desk, 'lookups', 'Found', 2)).toHaveText('0');
	await expect(cell(desk, 'funnel', 'Confirmed', 1)).toHaveText('1');
	await expect(cell(desk, 'hotline-languages', 'uk', 1)).toHaveText('1');
	await expect(desk.locator('section#funnel svg rect')).toHaveCount(4);
	const csv = await desk.request.get('/en/insights/report/2026/lookups.csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const lines = (await csv.text())
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n')
		.map((l) => l.split(','));
	expect(lines[0]).toEqual(['Outcome', 'Count', 'Previous year', 'Change']);
	expect(lines).toContainEqual(['Found', '1', '0', '—']);
	await desk.emulateMedia({ media: 'print' });
	const pdf = await desk.pdf({ format: 'A4', printBackground: true });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(0);
	await desk.emulateMedia({ media: 'screen' });
	expect((await desk.goto('/en/insights/costs'))?.status()).toBe(403);

	// Open data: public, five languages, no count below 5; DCAT-AP metadata.
	const visitor = await (await browser.newContext({ baseURL: BASE })).newPage();
	for (const prefix of ['', '/en', '/uk', '/ru', '/vi']) {
		const response = await visitor.goto(`${prefix}/open-data`);
		expect(response?.status()).toBe(200);
	}
	await visitor.goto('/open-data');
	await expect(visitor.locator('h1')).toHaveText(cs.insights_open_data_title!);
	await expectNoAxeViolations(visitor);
	const files = await visitor
		.locator('a[href$=".csv"]')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
	expect(files.length).toBeGreaterThanOrEqual(5);
	for (const file of files) {
		const response = await visitor.request.get(file);
		expect(response.status(), file).toBe(200);
		const rows = (await response.text()).trim().split('\r\n').slice(1);
		for (const row of rows) {
			const count = row.split(',').at(-1)!;
			expect(count === '<5' || Number(count) >= 5, `${file}: ${row}`).toBe(true);
		}
	}
	const bookings = await visitor.request.get('/open-data/bookings-2026-11.csv');
	expect((await bookings.text()).trim().split('\r\n')).toEqual([
		'month,branch,action,channel,bookings',
		'2026-11,praha-1,registration,web,<5'
	]);
	const catalogue = (await (await visitor.request.get('/open-data/catalog.jsonld')).json()) as {
		'@type': string;
		'dcat:dataset': { 'dct:license': { '@id': string }; 'dcat:distribution': unknown[] }[];
	};
	expect(catalogue['@type']).toBe('dcat:Catalog');
	expect(catalogue['dcat:dataset']).toHaveLength(5);
	expect(catalogue['dcat:dataset'][0]!['dct:license']['@id']).toBe(
		'https://creativecommons.org/licenses/by/4.0/'
	);
	expect(catalogue['dcat:dataset'][0]!['dcat:distribution'].length).toBeGreaterThan(0);
});

test('strangers and other roles are refused /insights', async ({ browser }) => {
	test.setTimeout(120_000);
	const stranger = await (await browser.newContext({ baseURL: BASE })).newPage();
	await stranger.goto('/en/insights');
	await expect(stranger).toHaveURL(/\/en\/login\?next=%2Fen%2Finsights/);
	const csv = await stranger.request.get('/insights/report/2026/lookups.csv', { maxRedirects: 0 });
	expect(csv.status()).toBe(303);
	const agent = await (await browser.newContext({ baseURL: BASE })).newPage();
	await signIn(agent, 'operator@pobyt.demo');
	for (const path of ['/en/insights', '/en/insights/report/2026', '/en/insights/comments']) {
		const response = await agent.goto(path);
		expect(response?.status(), path).toBe(403);
	}
	expect((await agent.request.get('/en/insights/report/2026/lookups.csv')).status()).toBe(403);
	// Only an admin sets the unit costs (the analyst is refused in the test above).
	const admin = await (await browser.newContext({ baseURL: BASE })).newPage();
	await signIn(admin, 'admin@pobyt.demo');
	await admin.goto('/en/insights/costs');
	await expectNoAxeViolations(admin);
	await admin.getByLabel('Web (Unit cost (CZK))').fill('abc');
	await admin.getByRole('button', { name: 'Save costs' }).click();
	await expect(admin.locator('.error-summary')).toBeVisible();
	await expect(admin.getByLabel('Web (Unit cost (CZK))')).toHaveValue('abc');
	await expectNoAxeViolations(admin);
	await admin.getByLabel('Web (Unit cost (CZK))').fill('20');
	await admin.getByLabel('Hotline (Unit cost (CZK))').fill('150');
	await admin.getByLabel('Branch (Unit cost (CZK))').fill('300');
	await admin.getByRole('button', { name: 'Save costs' }).click();
	await expect(admin.getByText('Costs saved.')).toBeVisible();
	await admin.goto('/en/insights');
	await expect(cell(admin, 'kpi', 'Cost per transaction \\(CZK\\)', 1)).toHaveText('20.00');
});
