// The waiting room (issue 13, item 4; docs/adr/0009) on a server of its own whose booking
// admission takes one write at a time (BOOKING_MAX_INFLIGHT=1): a crowd's holds fill it, and a
// person without JavaScript who holds a time meanwhile gets the translated waiting page with a
// place and a self-refreshing page (Refresh header) instead of an error; the page refreshes itself until their turn, the
// booking page comes back, and the hold goes through.
import { expect, expectNoAxeViolations, test, messagesOf } from './fixtures';
import { E2E_NOW, ownPort } from './e2e-env';
import { OwnServer } from './own-server';
import { openAllDays } from './booking-flow';

const uk = messagesOf('uk');
const server = new OwnServer(ownPort('waitingRoom'));
const TIMES = '/uk/book/registration/praha-1';

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
	await server.start(E2E_NOW, { BOOKING_MAX_INFLIGHT: '1' });
});
test.afterAll(() => server.stop());

/** Holds by others at once, for an action that does not exist: admitted ones end in a quick 404. */
const crowd = (n: number) =>
	Promise.all(
		Array.from({ length: n }, () =>
			fetch(`${server.base}/uk/book/no-such-action/praha-1?/hold`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: server.base,
					accept: 'text/html'
				},
				body: 'slot=1'
			}).then((r) => r.status)
		)
	);

test('without JavaScript, a full admission gives a place in line that refreshes itself, then the hold', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.base });
	const page = await context.newPage();
	await page.goto(TIMES);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.book_choose_time!);
	await openAllDays(page);
	await page.locator('input[name="slot"]').first().check();

	// The crowd arrives first: one at a time gets in, the others wait (with a place each).
	const statuses = await crowd(30);
	expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);

	const [waiting] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('?/hold')),
		page.getByRole('button', { name: uk.book_hold_button }).click()
	]);
	expect(waiting.status()).toBe(429);
	expect(Number(waiting.headers()['retry-after'])).toBeGreaterThanOrEqual(2);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.draw_wait_title!);
	const place = page.locator('#waiting-place');
	expect(Number(await place.getAttribute('data-place'))).toBeGreaterThan(1);
	const seconds = Number(await place.getAttribute('data-seconds'));
	expect(waiting.headers()['refresh']).toBe(`${seconds};url=${TIMES}`);
	// axe on the waiting page's markup (axe needs a script, and the page itself may refresh
	// before a run ends): a copy in a context with JavaScript.
	const checker = await browser.newContext();
	const copy = await checker.newPage();
	await copy.setContent(await waiting.text());
	await expectNoAxeViolations(copy);
	await checker.close();
	expect((await context.cookies()).some((c) => c.name === 'pobyt_wait')).toBe(true);

	// Nobody else comes back: the page refreshes itself (no script) until the turn has come.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.book_choose_time!, {
		timeout: 90_000
	});
	expect((await context.cookies()).some((c) => c.name === 'pobyt_pass')).toBe(true);
	await openAllDays(page);
	await page.locator('input[name="slot"]').first().check();
	await page.getByRole('button', { name: uk.book_hold_button }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.book_details_title!);
	await context.close();
});
