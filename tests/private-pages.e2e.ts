// Issue 12, points 3 and 5: private pages are never stored on the device (read back from Cache
// Storage in a real browser), and a throttled public form answers with its translated 429 page.
import { expect, test, lookUpStatus, messagesOf } from './fixtures';
import { bookInRussian } from './booking-flow';

const en = messagesOf('en');
const uk = messagesOf('uk');

/** Every URL in every cache of this origin, as the service worker left them. */
async function cachedUrls(page: import('@playwright/test').Page): Promise<string[]> {
	return page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
		}
		return urls;
	});
}

test('no private page ends up in Cache Storage, though public pages do', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/en/help');
	await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
		timeout: 20_000
	});
	await page.reload();

	// A shared context: its code and agent link on /en/help/shared.
	await page.getByLabel(en.help_consent!).check();
	await page.getByRole('button', { name: en.help_share_button }).click();
	await expect(page).toHaveURL(/\/en\/help\/shared$/);
	await page.reload();

	// A callback request: /en/help/callback-requested.
	await page.goto('/en/help');
	await page.getByLabel(en.help_phone_label!).fill('+420 731 555 010');
	await page.getByRole('button', { name: en.help_callback_button }).click();
	await expect(page).toHaveURL(/\/en\/help\/callback-requested$/);
	await page.reload();

	// A booking: the details and check steps, and the booking behind its token.
	const { url } = await bookInRussian(page, { name: 'Aigerim Nurlanova', document: 'N55501234' });
	await page.goto(url);
	await page.goto(new URL(url).pathname.replace(/^\/ru/, '/en'));

	// The e-mail alert pages behind tokens, and a status result (a POST answer).
	await page.goto(`/en/status/alerts/confirm/${'A'.repeat(27)}`);
	await page.goto(`/uk/status/alerts/unsubscribe/${'B'.repeat(27)}`);
	await page.goto('/en/status');
	await lookUpStatus(page, 'en', {
		number: 'OAM-10002-1/TP-2026',
		day: '15',
		month: '6',
		year: '1979'
	});
	await expect(page.getByRole('heading', { level: 1 })).toContainText('10002');
	await page.goto('/en/checklists');

	// Give the worker's cache writes time to land, then read what it kept.
	await page.waitForTimeout(1000);
	const urls = await cachedUrls(page);
	// The test can fail: the worker does cache public pages it served.
	expect(urls).toEqual(expect.arrayContaining(['/en/help', '/en/checklists']));
	const leaked = urls.filter((u) =>
		/\/(booking|help\/shared|help\/callback-requested|status\/alerts|book\/[^/]+\/[^/]+\/(details|check))(\/|$)/.test(
			u
		)
	);
	expect(leaked).toEqual([]);
	// Nor was the status result stored under the status page's URL with the person's data.
	const stored = await page.evaluate(async () => {
		const hits: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				const body = await (await cache.match(request))!.text();
				if (body.includes('OAM-10002') || body.includes('Aigerim')) hits.push(request.url);
			}
		}
		return hits;
	});
	expect(stored).toEqual([]);
	await context.close();
});

test('a callback flood for one phone number gets the translated 429 page with Retry-After', async ({
	page,
	request,
	baseURL
}) => {
	const phone = '+380 50 555 0199';
	const form = { phone, locale: 'uk', date: '', from: '', to: '' };
	for (let i = 0; i < 3; i++) {
		const queued = await request.post('/uk/help?/callback', {
			form,
			headers: { origin: new URL(baseURL!).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect([303, 200]).toContain(queued.status());
	}
	await page.goto('/uk/help');
	await page.getByLabel(uk.help_phone_label!).fill(phone);
	const [answer] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: uk.help_callback_button }).click()
	]);
	expect(answer.status()).toBe(429);
	expect(Number(answer.headers()['retry-after'])).toBeGreaterThan(3600);
	await expect(page.locator('#phone-error')).toContainText(
		uk.help_error_throttled!.split('{minutes}')[0]!.trim()
	);
	await expect(page.getByLabel(uk.help_phone_label!)).toHaveValue(phone);
	await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
});
