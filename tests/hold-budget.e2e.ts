// A browser without JavaScript solves no proof of work, so its holds come from a small budget per
// address (docs/adr/0004). When it is spent the person is not only told to wait: the page says the
// hotline can book with them or another branch can, with links (issue 11, point 5). On a server of
// its own: the budget is per address, and the main server's is shared by every test.
import { expect, test, messagesOf } from './fixtures';
import { E2E_NOW, ownPort } from './e2e-env';
import { openAllDays } from './booking-flow';
import { OwnServer } from './own-server';

const vi = messagesOf('vi');
const server = new OwnServer(ownPort('holdBudget'));

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => server.start(E2E_NOW));
test.afterAll(async () => server.stop());

test('without JavaScript, the fourth hold in an hour gets a 429 that offers the hotline and other branches, in Vietnamese', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.base });
	const page = await context.newPage();
	await page.setViewportSize({ width: 360, height: 740 });
	const hold = async (n: number) => {
		await page.goto('/vi/book/registration/praha-1');
		await openAllDays(page);
		await page.locator('input[name="slot"]').nth(n).check();
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: vi.book_hold_button }).click()
		]);
		return response.status();
	};
	for (let n = 0; n < 3; n++) {
		expect(await hold(n)).toBe(303);
		await expect(page).toHaveURL(/\/vi\/book\/registration\/praha-1\/details$/);
	}
	expect(await hold(3)).toBe(429);
	await expect(page.locator('.error-summary')).toContainText('phút');
	await expect(page.getByText(vi.newcomer_hold_throttled_other!)).toBeVisible();
	await expect(
		page.locator('#main').getByRole('link', { name: vi.page_help_title })
	).toHaveAttribute('href', '/vi/help');
	await expect(
		page.locator('.gov-message').getByRole('link', { name: vi.book_choose_branch })
	).toHaveAttribute('href', '/vi/book/registration');
	await context.close();
});
