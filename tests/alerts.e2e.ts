import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { fillIn, expect, test, lookUpStatus, messagesOf, expectNoAxeViolations } from './fixtures';

const uk = messagesOf('uk');

const KEY = 'e2e-import-key-0123456789abcdef0123456789';
/** Demo proceeding from the seed: suspended 10 days before the e2e clock (2026-11-24T09:30Z). */
const SUSPENDED = { number: '10001/ZK-2026', day: '2', month: '11', year: '1985' };

async function lookUp(page: Page) {
	await page.goto('/uk/status');
	await lookUpStatus(page, 'uk', SUSPENDED);
	await expect(page.getByRole('heading', { name: uk.stage_suspended_title })).toBeVisible();
}

/** The newest message to `to` with this subject in the demo mailbox. */
function mail(page: Page, to: string, subject: string) {
	return page
		.locator('.mailbox__message')
		.filter({ has: page.locator('.mailbox__to', { hasText: to }) })
		.filter({ has: page.getByRole('heading', { name: subject, exact: true }) })
		.first();
}

test('e-mail alerts in Ukrainian: sign up, confirm from the mailbox, alert on a new status, unsubscribe', async ({
	page,
	request
}) => {
	const email = `olena.${randomBytes(4).toString('hex')}@example.com`;
	await lookUp(page);
	await expect(page.getByRole('heading', { name: uk.alert_heading })).toBeVisible();
	await expectNoAxeViolations(page);

	// A bad address: 400, a summary, the message by the field, the input kept.
	const refused = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.getByLabel(uk.alert_email_label!).fill('olena@');
	await page.getByRole('button', { name: uk.alert_submit }).click();
	expect((await refused).status()).toBe(400);
	await expect(page.getByRole('alert').filter({ hasText: uk.error_summary_title })).toBeVisible();
	await expect(page.locator('#email-error')).toHaveText(uk.alert_error_email_invalid!);
	await expect(page.getByLabel(uk.alert_email_label!)).toHaveValue('olena@');
	await expectNoAxeViolations(page);

	const accepted = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.getByLabel(uk.alert_email_label!).fill(email);
	await page.getByRole('button', { name: uk.alert_submit }).click();
	expect((await accepted).status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.alert_sent_title!);
	expect(page.url()).not.toContain(email);
	await expectNoAxeViolations(page);

	await page.goto('/uk/dev/mailbox');
	await expectNoAxeViolations(page);
	const confirmation = mail(page, email, uk.mail_confirm_subject!);
	await expect(confirmation).toBeVisible();
	await confirmation.locator('a[href*="/uk/status/alerts/confirm/"]').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.alert_confirm_title!);
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: uk.alert_confirm_button }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.alert_confirmed_title!);
	await expectNoAxeViolations(page);

	const batch = JSON.stringify({
		id: `e2e-alert-${randomBytes(6).toString('hex')}`,
		proceeding: 'OAM-10001/ZK-2026',
		kind: 'resumed',
		occurredAt: '2026-11-24T09:00:00Z'
	});
	const imported = await request.post('/api/v1/proceedings/events', {
		data: batch,
		headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/x-ndjson' }
	});
	expect(await imported.json()).toMatchObject({ ok: true, applied: 1 });

	await page.goto('/uk/dev/mailbox');
	const alert = mail(
		page,
		email,
		fillIn(uk.mail_change_subject!, {
			number: 'OAM-10001/ZK-2026',
			stage: uk.stage_processing_title!
		})
	);
	await expect(alert).toBeVisible();
	await expect(alert.locator('.mailbox__body')).toContainText(uk.stage_processing_meaning!);
	await expect(
		page
			.locator('.mailbox__message')
			.filter({ has: page.locator('.mailbox__to', { hasText: email }) })
	).toHaveCount(2);

	await alert.locator('a[href*="/uk/status/alerts/unsubscribe/"]').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.alert_unsubscribe_title!);
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: uk.alert_unsubscribe_button }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.alert_unsubscribed_title!);
	await expectNoAxeViolations(page);
});

test('a link from an alert e-mail that is not valid gets a translated 404', async ({ page }) => {
	const response = await page.goto(`/uk/status/alerts/confirm/${'A'.repeat(27)}`);
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(uk.alert_unknown_title!);
	await expectNoAxeViolations(page);
});
