import {
	expect,
	test,
	axeRuns,
	axeViolations,
	expectNoAxeViolations,
	expectNoHorizontalScroll,
	firstLoadJsGzip,
	LOCALES,
	prefix
} from './fixtures';

const PUBLIC_PAGES = [
	'/',
	'/status',
	'/checklists',
	'/book',
	'/help',
	'/my',
	'/contact',
	'/accessibility'
];

const HOME_TITLE = {
	cs: 'Co potřebujete vyřídit?',
	en: 'What do you need to do?',
	uk: /\p{Script=Cyrillic}/u,
	ru: /\p{Script=Cyrillic}/u,
	vi: /[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/
} as const;

test.describe('app shell', () => {
	test('home is Czech at / and Ukrainian at /uk, with <html lang> set', async ({ page }) => {
		const response = await page.goto('/');
		expect(response?.status()).toBe(200);
		await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE.cs);

		await page.goto('/uk/');
		await expect(page).toHaveURL(/\/uk$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE.uk);
		await expect(page.getByRole('link', { name: /974 801 801/ })).toHaveAttribute(
			'href',
			'tel:+420974801801'
		);
	});

	for (const locale of LOCALES) {
		test(`every public page in ${locale}: translated, axe-clean, usable at 360 px`, async ({
			page
		}) => {
			test.slow();
			await page.setViewportSize({ width: 360, height: 740 });
			for (const path of PUBLIC_PAGES) {
				const url = `${prefix(locale)}${path === '/' ? '' : path}` || '/';
				const response = await page.goto(url);
				expect(response?.status(), url).toBe(200);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expect(page).toHaveTitle(/Pobyt/);
				await expectNoHorizontalScroll(page);
				await expectNoAxeViolations(page);
			}
			await page.goto(prefix(locale) || '/');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE[locale]);
		});
	}

	test('the language switcher keeps the current page', async ({ page }) => {
		await page.goto('/contact');
		// One control: a disclosure named by the current language, then the five languages.
		await page.locator('summary', { hasText: 'Čeština' }).click();
		await page
			.getByRole('navigation', { name: 'Jazyk stránky' })
			.getByRole('link', { name: 'Tiếng Việt' })
			.click();
		await expect(page).toHaveURL(/\/vi\/contact$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		await page.locator('summary', { hasText: 'Tiếng Việt' }).click();
		await page.getByRole('link', { name: 'Čeština' }).click();
		await expect(page).toHaveURL(/\/contact$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
	});

	test('a first visit with a Ukrainian browser is offered Ukrainian, not redirected', async ({
		browser
	}) => {
		const context = await browser.newContext({
			locale: 'uk-UA',
			extraHTTPHeaders: { 'Accept-Language': 'uk-UA,uk;q=0.9,en;q=0.5' }
		});
		const page = await context.newPage();
		const response = await page.goto('/');
		expect(response?.status()).toBe(200);
		expect(response?.request().redirectedFrom()).toBeNull();
		await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
		const offer = page.locator('aside.locale-offer');
		await expect(offer).toHaveAttribute('lang', 'uk');
		await expectNoAxeViolations(page);
		await offer.getByRole('link').click();
		await expect(page).toHaveURL(/\/uk$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
		await context.close();
	});

	test('works without JavaScript', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/ru');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE.ru);
		await page.locator('summary', { hasText: 'Русский' }).click();
		await page.getByRole('link', { name: 'Tiếng Việt' }).click();
		await expect(page).toHaveURL(/\/vi$/);
		await page.locator('.tasks a').first().click();
		await expect(page).toHaveURL(/\/vi\/status$/);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await context.close();
	});

	test('an unknown page is a translated 404 that passes axe', async ({ page }) => {
		const response = await page.goto('/en/no-such-page');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		await expectNoAxeViolations(page);
	});

	test('the axe check finds a violation, and checks the same markup once', async ({ page }) => {
		// about:blank is not a page of ours: the check on every load leaves it alone.
		const broken = (image: string) =>
			`<!doctype html><html lang="en"><head><title>Probe</title></head><body><main><h1>Probe</h1>${image}</main></body></html>`;
		await page.setContent(broken('<img src="data:,">'));
		const before = axeRuns.count;
		expect((await axeViolations(page)).join('\n')).toContain('image-alt');
		await page.setContent(broken('<img src="data:," alt="A stamp">'));
		expect(await axeViolations(page)).toEqual([]);
		expect(axeRuns.count - before).toBe(2);
		// The same markup again: the same answer, violation included, without running axe.
		await page.setContent(broken('<img src="data:,">'));
		expect((await axeViolations(page)).join('\n')).toContain('image-alt');
		expect(axeRuns.count - before).toBe(2);
	});

	test('first-load JavaScript of public pages is at most 40 KB gzip', async ({ browser }) => {
		// Every page it opens is also checked by axe at the end (tests/fixtures.ts): give it room.
		test.setTimeout(300_000);
		for (const path of ['/', '/uk/contact', '/vi/accessibility']) {
			const context = await browser.newContext();
			const page = await context.newPage();
			const { bytes, files } = await firstLoadJsGzip(page, path);
			console.log(`first-load JS ${path}: ${(bytes / 1024).toFixed(1)} KB gzip in ${files} files`);
			expect(files).toBeGreaterThan(0);
			expect(bytes).toBeLessThanOrEqual(40 * 1024);
			await context.close();
		}
	});
});

test.describe('security baseline and probes', () => {
	test('pages carry CSP without unsafe-inline scripts and the security headers', async ({
		request
	}) => {
		const response = await request.get('/');
		const headers = response.headers();
		const csp = headers['content-security-policy'] ?? '';
		const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
		expect(scriptSrc).toContain("'self'");
		expect(scriptSrc).not.toContain('unsafe-inline');
		expect(csp).toContain("frame-ancestors 'none'");
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['x-frame-options']).toBe('DENY');
		expect(headers['referrer-policy']).toBe('same-origin');
		expect(headers['set-cookie']).toBeUndefined();
	});

	test('a cross-site form post is refused by the origin check', async ({ request }) => {
		const response = await request.post('/', {
			headers: {
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			data: 'a=b'
		});
		expect(response.status()).toBe(403);
	});

	test('liveness and readiness answer', async ({ request }) => {
		const health = await request.get('/api/health');
		expect(health.status()).toBe(200);
		expect(await health.json()).toEqual({ status: 'ok' });
		const ready = await request.get('/api/ready');
		expect(ready.status()).toBe(200);
		expect(await ready.json()).toEqual({ status: 'ready' });
	});

	test('the web app manifest and its icons are served', async ({ request }) => {
		const manifest = await (await request.get('/manifest.webmanifest')).json();
		expect(manifest.start_url).toBe('/');
		expect(manifest.display).toBe('standalone');
		expect(manifest.icons.some((i: { purpose: string }) => i.purpose === 'maskable')).toBe(true);
		for (const icon of manifest.icons) {
			const response = await request.get(icon.src);
			expect(response.status(), icon.src).toBe(200);
		}
	});
});
