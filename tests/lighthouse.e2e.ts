import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { expect, test } from './fixtures';
import { CHROMIUM, CHROMIUM_ARGS } from './e2e-env';

// The checklist issue asks for Lighthouse accessibility 100 on the index and a checklist page.
test('Lighthouse accessibility is 100 on the checklist index and a checklist', async () => {
	test.setTimeout(120_000);
	const base = test.info().project.use.baseURL!;
	const chrome = await launch({
		chromePath: CHROMIUM,
		chromeFlags: ['--headless=new', ...CHROMIUM_ARGS]
	});
	try {
		for (const path of [
			'/uk/checklists',
			'/uk/checklists/employee-card',
			'/vi/checklists?q=h%E1%BB%99+chi%E1%BA%BFu'
		]) {
			const result = await lighthouse(`${base}${path}`, {
				port: chrome.port,
				onlyCategories: ['accessibility'],
				output: 'json',
				logLevel: 'error'
			});
			const category = result!.lhr.categories.accessibility!;
			const failing = Object.values(result!.lhr.audits)
				.filter((a) => a.score === 0)
				.map((a) => a.id);
			console.log(`Lighthouse accessibility ${path}: ${Math.round(category.score! * 100)}`);
			expect(failing, path).toEqual([]);
			expect(category.score, path).toBe(1);
		}
	} finally {
		chrome.kill();
	}
});
