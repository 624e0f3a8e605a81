// The agent's workstation (issue 17) and the back office's reading (issue 11 points 9 and 11),
// on a server of its own: a caller shares a checklist, the agent takes the whole call with the
// keyboard on one screen at 1280 × 800 and 1024 × 768, and the wrap-up leaves an empty console.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test, expectNoAxeViolations } from './fixtures';
import { E2E_NOW, ownPort } from './e2e-env';
import { expectBoxesBesideTheirLabels } from './choice-layout';
import { OwnServer } from './own-server';

test.describe.configure({ mode: 'serial' });

const server = new OwnServer(ownPort('agentDesk'));
const AGENT = 'operator@pobyt.demo';
const SHOTS = 'test-results/agent-desk';

interface ChecklistFile {
	items: { key: string; title: Record<string, string> }[];
}
// The version in force on the server's clock (E2E_NOW): the latest file.
const employeeCard = JSON.parse(
	readFileSync('content/checklists/employee-card.v2.json', 'utf8')
) as ChecklistFile;

let agentState: Awaited<ReturnType<BrowserContext['storageState']>> | null = null;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	await server.start(E2E_NOW);
});
test.afterAll(() => server.stop());

/** What a caller shares from a page in their language (the public help form, posted). */
async function share(
	browser: Browser,
	locale: 'uk' | 'vi',
	ticked: string[],
	question: string
): Promise<string> {
	const caller = await browser.newContext({ baseURL: server.base });
	const form = new URLSearchParams([
		['consent', 'yes'],
		['pagePath', `/${locale}/checklists/employee-card`],
		['checklist', 'employee-card'],
		['question', question],
		...ticked.map((key) => ['ticked', key])
	]);
	const shared = await caller.request.post(`/${locale}/help?/share`, {
		data: form.toString(),
		headers: {
			origin: server.base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		maxRedirects: 0
	});
	expect(shared.status()).toBe(303);
	const cookie = shared
		.headersArray()
		.find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('pobyt_context='))!;
	await caller.close();
	return decodeURIComponent(cookie.value.split(';')[0]!.slice('pobyt_context='.length)).split(
		'.'
	)[0]!;
}

/** A signed-in agent's page (the first call signs in; later ones reuse the session). */
async function agentPage(browser: Browser, viewport: { width: number; height: number }) {
	const context = await browser.newContext({
		baseURL: server.base,
		viewport,
		...(agentState ? { storageState: agentState } : {})
	});
	const page = await context.newPage();
	if (!agentState) {
		await server.signIn(page, AGENT, E2E_NOW);
		agentState = await context.storageState();
	}
	return { context, page };
}

/**
 * Nothing scrolled, and each control entirely inside the viewport and not hidden by a pane's own
 * scrolling: the topmost element at its two opposite corners is the control (or inside it).
 */
async function expectOnScreen(page: Page, controls: string[]): Promise<void> {
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
	const viewport = page.viewportSize()!;
	for (const selector of controls) {
		const control = page.locator(selector).first();
		const box = (await control.boundingBox())!;
		expect(box, selector).not.toBeNull();
		expect(box.y, `${selector} top`).toBeGreaterThanOrEqual(0);
		expect(box.y + box.height, `${selector} bottom`).toBeLessThanOrEqual(viewport.height);
		expect(box.x + box.width, `${selector} right`).toBeLessThanOrEqual(viewport.width);
		const seen = await control.evaluate((el) => {
			const r = el.getBoundingClientRect();
			return [
				[r.left + 2, r.top + 2],
				[r.right - 2, r.bottom - 2]
			].every(([x, y]) => {
				const top = document.elementFromPoint(x!, y!);
				return top !== null && (el === top || el.contains(top));
			});
		});
		expect(seen, `${selector} visible, not scrolled away in its pane`).toBe(true);
	}
}

for (const viewport of [
	{ width: 1280, height: 800 },
	{ width: 1024, height: 768 }
]) {
	test(`the whole common call on one screen with the keyboard alone at ${viewport.width} × ${viewport.height}`, async ({
		browser
	}) => {
		test.setTimeout(120_000);
		const question = `Потрібен переклад диплома? ${viewport.width}`;
		const code = await share(browser, 'uk', ['passport', 'photo'], question);
		const { context, page } = await agentPage(browser, viewport);
		const shot = (name: string) =>
			page.screenshot({ path: `${SHOTS}/${viewport.width}-${name}.png` });

		// Open by code: the digits typed anywhere on the console go into the code field.
		await page.goto('/en/agent');
		await page.keyboard.type(code);
		await expect(page.getByLabel('Code the caller reads out')).toHaveValue(code);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/en\/agent\/case\/[0-9a-f-]{36}$/);

		// Read both columns: the caller's Ukrainian beside English, the same unticked lines.
		const missing = page.locator('tr.desk-columns__missing');
		await expect(missing).toHaveCount(employeeCard.items.length - 2);
		const first = employeeCard.items.find((i) => i.key === 'application-form')!;
		const row = page.locator('tr[data-key="application-form"]');
		await expect(row.locator('.desk-columns__caller')).toHaveText(first.title.uk!);
		await expect(row.locator('.desk-columns__agent')).toHaveText(first.title.en!);
		await expect(page.getByText(question)).toBeVisible();
		// A title, not the raw path.
		await expect(page.locator('#pane-caller')).toContainText('Employee card – first application');
		await expect(page.locator('body')).not.toContainText('/uk/checklists/employee-card');
		await expect(page.locator('[role="timer"]')).toHaveText(/^\d+:\d\d$/);
		await shot('1-case');
		// The middle pane scrolls by itself for a long checklist; the page never does.
		await expectOnScreen(page, [
			'#pane-page',
			'tr.desk-columns__missing',
			'#email',
			'#topics',
			'#outcome',
			'form[action="?/wrapup"] button[type="submit"]'
		]);

		// Send the checklist link: Alt+M, the address, Enter.
		await page.keyboard.press('Alt+M');
		await expect(page.locator('#email')).toBeFocused();
		await page.keyboard.type('olena@example.com');
		await page.keyboard.press('Enter');
		await expect(page.getByRole('status')).toHaveText('The e-mail with the link is queued.');
		await expectOnScreen(page, ['#topics', '#outcome', 'form[action="?/wrapup"] button']);

		// Topics and outcome: Alt+T, Tab to "employee card", Space; Alt+O, Space on "answered".
		await page.keyboard.press('Alt+T');
		await expect(page.locator('#topic-residence_permit')).toBeFocused();
		await page.keyboard.press('Tab');
		await page.keyboard.press('Space');
		await expect(page.locator('#topic-employee_card')).toBeChecked();
		await page.keyboard.press('Alt+O');
		await expect(page.locator('#outcome-answered')).toBeFocused();
		await page.keyboard.press('Space');
		await expect(page.locator('#outcome-answered')).toBeChecked();
		await shot('2-wrap-up');

		// Next: Control+Enter saves and returns to an empty console, ready for the next code.
		await page.keyboard.press('Control+Enter');
		await expect(page).toHaveURL(/\/en\/agent\?done=wrapup$/);
		await expect(page.getByRole('status')).toHaveText(
			'The call is saved. The console is ready for the next code.'
		);
		await expect(page.getByLabel('Code the caller reads out')).toHaveValue('');
		const body = page.locator('body');
		for (const trace of [question, code, first.title.uk!, 'Employee card – first application'])
			await expect(body).not.toContainText(trace);
		await shot('3-next');
		await context.close();
	});
}

test('the two columns show the same unticked items in both languages, shared from /uk/ and from /vi/ (a Czech agent)', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await agentPage(browser, { width: 1280, height: 800 });
	for (const [locale, ticked] of [
		['uk', ['passport']],
		['vi', ['photo', 'accommodation']]
	] as const) {
		const code = await share(browser, locale, [...ticked], `otázka ${locale}`);
		await page.goto('/agent');
		await page.getByLabel('Kód, který volající přečte').fill(code);
		await page.getByLabel('Kód, který volající přečte').press('Enter');
		await expect(page).toHaveURL(/\/agent\/case\/[0-9a-f-]{36}$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
		const expected = employeeCard.items.filter((i) => !ticked.includes(i.key as never));
		const missing = page.locator('tr.desk-columns__missing');
		await expect(missing).toHaveCount(expected.length);
		expect(
			await missing.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))
		).toEqual(expected.map((i) => i.key));
		await expect(missing.locator('.desk-columns__caller')).toHaveText(
			expected.map((i) => i.title[locale]!)
		);
		await expect(missing.locator('.desk-columns__agent')).toHaveText(
			expected.map((i) => i.title.cs!)
		);
		await expect(missing.locator('.desk-columns__caller').first()).toHaveAttribute('lang', locale);
		await page.screenshot({ path: `${SHOTS}/two-columns-${locale}.png` });
		await expectNoAxeViolations(page);
	}
	await context.close();
});

test('every agent page is axe-clean (WCAG 2.2 AA) and its boxes sit beside their labels; the callback worklist', async ({
	browser
}) => {
	test.setTimeout(150_000);
	// A Vietnamese caller asks to be called back, sharing a checklist.
	const caller = await browser.newContext({ baseURL: server.base });
	const requested = await caller.request.post('/vi/help?/callback', {
		form: {
			consent: 'yes',
			pagePath: '/vi/checklists/employee-card',
			checklist: 'employee-card',
			phone: '+420 777 123 456',
			locale: 'vi',
			date: '',
			from: '',
			to: ''
		},
		headers: { origin: server.base, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(requested.status()).toBe(303);
	await caller.close();

	const { context, page } = await agentPage(browser, { width: 1280, height: 800 });
	const code = await share(browser, 'uk', ['passport'], 'axe');
	await page.goto('/en/agent');
	await expectNoAxeViolations(page);
	// The next waiting callback is offered with its waiting time.
	await expect(
		page.getByRole('button', { name: /Claim the callback \(Vietnamese, waiting \d+ min\)/ })
	).toBeVisible();
	await page.getByLabel('Code the caller reads out').fill(code);
	await page.getByLabel('Code the caller reads out').press('Enter');
	await expect(page).toHaveURL(/\/en\/agent\/case\//);
	await expectNoAxeViolations(page);
	// Topics, outcome, and the problem flags (opened).
	await page.getByText('Flag a problem').press('Enter');
	expect(await expectBoxesBesideTheirLabels(page)).toBe(19);
	await page.goto(`${new URL(page.url()).pathname}/book`);
	await expectNoAxeViolations(page);

	// The worklist: sorted by window, with age, language and what was shared; claim from it.
	await page.goto('/en/agent/callbacks');
	const row = page.locator('table.worklist tbody tr').first();
	await expect(row).toContainText('Vietnamese');
	await expect(row).toContainText('any time');
	await expect(row).toContainText('Employee card – first application');
	await expect(row).not.toContainText('777');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/worklist.png` });
	await row.getByRole('button', { name: /Claim the callback \(Vietnamese/ }).press('Enter');
	await expect(page).toHaveURL(/\/en\/agent\/callbacks\/[0-9a-f-]{36}$/);
	await expect(page.locator('tr.desk-columns__missing').first()).toHaveAttribute(
		'data-key',
		'application-form'
	);
	await expectNoAxeViolations(page);
	expect(await expectBoxesBesideTheirLabels(page)).toBe(5);
	await page.screenshot({ path: `${SHOTS}/callback.png` });
	await page.keyboard.press('Alt+R');
	await expect(page.locator('#result-reached')).toBeFocused();
	await page.keyboard.press('Space');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status')).toHaveText('The try is recorded.');
	await page.getByLabel('completed').check();
	await page.getByRole('button', { name: 'Close', exact: true }).click();
	await expect(page).toHaveURL(/\/en\/agent\/callbacks\?done=completed$/);
	await expectNoAxeViolations(page);
	await context.close();
});

test('the back office speaks Czech and English only: other prefixes go to the Czech pages, no public switcher', async ({
	browser
}) => {
	const context = await browser.newContext({ baseURL: server.base });
	const page = await context.newPage();
	for (const locale of ['uk', 'ru', 'vi']) {
		const response = await page.goto(`/${locale}/login`);
		expect(response?.url()).toBe(`${server.base}/login`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Přihlášení pracovníků');
	}
	await page.goto('/en/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	const languages = page.getByRole('navigation', { name: 'Language of the interface' });
	await expect(languages.getByRole('link')).toHaveText(['Čeština', 'English']);
	await expect(page.locator('.language-switcher')).toHaveCount(0);
	await expectNoAxeViolations(page);
	// The public pages keep their five languages.
	await page.goto('/uk/help');
	await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
	await expect(page.locator('.language-switcher a')).toHaveCount(5);
	await context.close();
});
