import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	test as base,
	type Browser,
	type BrowserContext,
	type Page
} from '@playwright/test';

export { expect };

export const LOCALES = ['cs', 'en', 'uk', 'ru', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];
export const prefix = (locale: Locale) => (locale === 'cs' ? '' : `/${locale}`);

/** WCAG 2.2 AA (Act 99/2019 Coll. asks for 2.1 AA; 2.2 adds to it). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectNoAxeViolations(page: Page): Promise<void> {
	// The fixture below may be running axe on the same page since its load: wait for it.
	let results: AxeResults | undefined;
	for (let attempt = 0; !results; attempt++) {
		try {
			results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
		} catch (error) {
			if (attempt >= 50 || !String(error).includes('Axe is already running')) throw error;
			await page.waitForTimeout(200);
		}
	}
	const summary = violationsOf(results);
	expect(summary, `axe on ${page.url()}`).toEqual([]);
}

/** Usable at 360 px: nothing wider than the viewport. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - window.innerWidth
	);
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** Loads a page and sums the gzip size of every script it fetched (first load, empty cache). */
export async function firstLoadJsGzip(
	page: Page,
	path: string
): Promise<{ bytes: number; files: number }> {
	const scripts: Promise<Buffer>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script' && response.ok())
			scripts.push(response.body());
	});
	await page.goto(path, { waitUntil: 'networkidle' });
	const bodies = await Promise.all(scripts);
	return {
		bytes: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
		files: bodies.length
	};
}

type Finding = { url: string; violations: string[] };
type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

const violationsOf = (results: AxeResults) =>
	results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/** How long one axe run may take before its page counts as not checked. */
const AXE_WAIT_MS = 30_000;

/**
 * An axe run on a page that is closed or navigates away mid-run can wait for ever (a CI run's
 * teardown hung on one until the test's timeout): it ends when the page closes or after
 * AXE_WAIT_MS, whichever comes first, and then counts as not checked.
 */
function bounded(run: Promise<AxeResults>, page: Page): Promise<AxeResults> {
	run.catch(() => {}); // settled by the race below; a late failure is not news
	let timer: ReturnType<typeof setTimeout> | undefined;
	let onClose: (() => void) | undefined;
	const stop = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('axe took too long')), AXE_WAIT_MS);
		onClose = () => reject(new Error('page closed during axe'));
		page.once('close', onClose);
	});
	return Promise.race([run, stop]).finally(() => {
		clearTimeout(timer);
		if (onClose) page.off('close', onClose);
	});
}

/**
 * axe on every page a test opens (issue 12): after each load of a page in any context the test
 * uses (its own `page`, or contexts from `browser.newContext()`, with or without JavaScript),
 * axe runs with the WCAG 2.2 AA tags; the test fails at its end if any page had a violation. A
 * page the test left before axe finished is checked again by URL in a fresh page when it was a
 * plain GET; the URLs not checked are attached to the report.
 */
export const test = base.extend<{ axeEveryPage: void }>({
	axeEveryPage: [
		async ({ browser, context }, use, testInfo) => {
			const findings: Finding[] = [];
			const missed: { url: string; get: boolean }[] = [];
			const pending: Promise<void>[] = [];
			const check = (page: Page, get: boolean) => {
				const url = page.url();
				if (!/^https?:/.test(url)) return;
				pending.push(
					bounded(new AxeBuilder({ page }).withTags(AXE_TAGS).analyze(), page)
						.then((results) => {
							const violations = violationsOf(results);
							if (violations.length > 0) findings.push({ url, violations });
						})
						.catch(() => {
							missed.push({ url, get });
						})
				);
			};
			const watch = (ctx: BrowserContext) => {
				const onPage = (page: Page) => {
					let method = 'GET';
					page.on('request', (r) => {
						if (r.isNavigationRequest() && r.frame() === page.mainFrame()) method = r.method();
					});
					page.on('load', () => check(page, method === 'GET'));
				};
				ctx.pages().forEach(onPage);
				ctx.on('page', onPage);
			};
			watch(context);
			const newContext = browser.newContext.bind(browser);
			const patched = browser as Browser & { newContext: Browser['newContext'] };
			patched.newContext = async (options) => {
				const ctx = await newContext(options);
				watch(ctx);
				return ctx;
			};
			await use();
			patched.newContext = newContext;
			await Promise.all(pending);
			// A page left too soon: opened again by URL where a GET shows the same page.
			const again = missed.filter((m) => m.get);
			if (again.length > 0) {
				const ctx = await newContext({ baseURL: testInfo.project.use.baseURL });
				const page = await ctx.newPage();
				for (const { url } of again) {
					try {
						const response = await page.goto(url, { timeout: AXE_WAIT_MS });
						if (!response?.ok()) continue;
						const results = await bounded(
							new AxeBuilder({ page }).withTags(AXE_TAGS).analyze(),
							page
						);
						const violations = violationsOf(results);
						if (violations.length > 0) findings.push({ url, violations });
					} catch {
						// Gone (a link used up, a closed server): reported below as not checked.
					}
				}
				await ctx.close();
			}
			const unchecked = missed.filter((m) => !m.get).map((m) => m.url);
			if (unchecked.length > 0)
				await testInfo.attach('axe-unchecked', { body: unchecked.join('\n') });
			expect(findings, 'axe (WCAG 2.2 AA) on every page the test opened').toEqual([]);
		},
		{ auto: true }
	]
});
