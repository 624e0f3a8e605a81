import { expect, test, expectNoAxeViolations } from './fixtures';

test.describe('offline', () => {
	test('after one visit the home page reloads offline; an unvisited page shows the translated offline page', async ({
		browser
	}) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto('/uk');
		// The worker installs, warms the cache and takes control of this page.
		await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
			timeout: 20_000
		});
		await page.evaluate(async () => {
			const ready = await navigator.serviceWorker.ready;
			return ready.active?.state;
		});

		await context.setOffline(true);
		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\p{Script=Cyrillic}/u);

		await page.goto('/uk/checklists');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Немає підключення до інтернету'
		);
		await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
		await expectNoAxeViolations(page);

		await page.goto('/vi/help');
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn đang ngoại tuyến');

		await context.setOffline(false);
		await page.getByRole('link', { name: 'Thử lại' }).click();
		await expect(page).toHaveURL(/\/vi\/help\??$/);
		await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Bạn đang ngoại tuyến');
		await context.close();
	});
});
