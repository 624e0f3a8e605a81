// Issue 15: a translation made by a notary abroad is refused; the checklists say plainly that a
// Czech court translator (soudní překladatel) must make it, with each corrected item's source.
import {
	expect,
	test,
	messagesOf,
	expectNoAxeViolations,
	expectNoHorizontalScroll
} from './fixtures';

const CASES = [
	{
		locale: 'vi',
		slug: 'family-reunification',
		item: 'relationship-proof',
		// The old wording read as a Vietnamese notarised translation.
		refused: 'kèm bản dịch công chứng sang tiếng Séc',
		fee: 'Lệ phí hành chính 2.500 CZK bằng tem lệ phí (kolky)',
		reviewed: 'kiểm tra ngày'
	},
	{
		locale: 'uk',
		slug: 'employee-card',
		item: 'criminal-record',
		refused: 'не старше',
		fee: 'Адміністративний збір 2 500 крон гербовими марками (kolky)',
		reviewed: 'перевірено'
	}
] as const;

test.describe('the translation rule on a checklist', () => {
	for (const c of CASES) {
		test(`${c.locale}: a Czech court translator, the fee amount, and the source of each corrected item`, async ({
			page
		}) => {
			const m = messagesOf(c.locale);
			await page.setViewportSize({ width: 360, height: 740 });
			const response = await page.goto(`/${c.locale}/checklists/${c.slug}`);
			expect(response?.status()).toBe(200);

			const form = page.locator(`#form-${c.item}`);
			await expect(form).toContainText(m.checklist_form_translation!);
			await expect(form).toContainText('soudní překladatel');
			await expect(form).not.toContainText(c.refused);

			const item = page.locator('.checklist__item').filter({ has: form });
			const source = item.locator('.checklist__source');
			await expect(source).toContainText(m.content_item_source!);
			await expect(source).toContainText(c.reviewed);
			await expect(source.getByRole('link')).toHaveAttribute('href', /^https:\/\//);

			await expect(page.getByRole('heading', { level: 3, name: c.fee })).toBeVisible();
			await expect(page.locator('body')).not.toContainText('frs.gov.cz');

			await expectNoHorizontalScroll(page);
			await expectNoAxeViolations(page);
		});
	}
});
