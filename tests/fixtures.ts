import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

const messageCache = new Map<Locale, Record<string, string>>();

/** What the pages should say in `locale`: its messages (messages/{locale}.json). */
export function messagesOf(locale: Locale): Record<string, string> {
	let found = messageCache.get(locale);
	if (!found) {
		found = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
		messageCache.set(locale, found);
	}
	return found;
}

/** A message with its `{placeholders}` filled in, as the page shows it. */
export const fillIn = (text: string, values: Record<string, string>) =>
	Object.entries(values).reduce((t, [k, v]) => t.replaceAll(`{${k}}`, v), text);

/** Fills the status form on the page (open in `locale`) and sends it. */
export async function lookUpStatus(
	page: Page,
	locale: Locale,
	v: { number: string; day: string; month: string; year: string }
): Promise<void> {
	const t = messagesOf(locale);
	await page.getByLabel(t.status_number_label!).fill(v.number);
	await page.getByLabel(t.date_day!).fill(v.day);
	await page.getByLabel(t.date_month!).fill(v.month);
	await page.getByLabel(t.date_year!).fill(v.year);
	await page.getByRole('button', { name: t.status_submit }).click();
}

/** WCAG 2.2 AA (Act 99/2019 Coll. asks for 2.1 AA; 2.2 adds to it). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectNoAxeViolations(page: Page): Promise<void> {
	const violations = await axeViolations(page);
	expect(violations, `axe on ${page.url()}`).toEqual([]);
}

/** Contexts a test opened without JavaScript: the same markup is a different page there. */
const withoutJavaScript = new WeakSet<BrowserContext>();

/**
 * Pages this worker has checked, by what axe reads: the markup (less the values that change on
 * every request and that axe does not read — nonces, hidden fields), the viewport and whether
 * scripts run. The same key is the same page to axe, so it is checked once; a check still running
 * is shared, not started again beside itself ("Axe is already running").
 */
const checked = new Map<string, Promise<string[]>>();

async function axeKey(page: Page): Promise<string> {
	const { html, width, height } = await page.evaluate(() => ({
		html: document.documentElement.outerHTML,
		width: window.innerWidth,
		height: window.innerHeight
	}));
	const markup = html
		.replace(/\snonce="[^"]*"/g, '')
		.replace(/(<input\b[^>]*\btype="hidden"[^>]*\bvalue=")[^"]*"/g, '$1"');
	const scripts = withoutJavaScript.has(page.context()) ? 'no-js' : 'js';
	return createHash('sha256').update(`${width}x${height} ${scripts}\n${markup}`).digest('hex');
}

/** axe's WCAG 2.2 AA violations on the page as it is now, one line per rule. */
export async function axeViolations(page: Page): Promise<string[]> {
	const key = await axeKey(page);
	const shared = checked.get(key);
	if (shared) {
		try {
			return await shared;
		} catch {
			// That page went away mid-check: this one is checked on its own.
		}
	}
	const run = runAxe(page).then(async (violations) => {
		// The page changed during the run (a navigation, a script): the result is this page's, but
		// it is not kept for the markup it started from.
		if ((await axeKey(page).catch(() => '')) !== key) forget(key, run);
		return violations;
	});
	checked.set(key, run);
	run.catch(() => forget(key, run));
	return run;
}

function forget(key: string, run: Promise<string[]>): void {
	if (checked.get(key) === run) checked.delete(key);
}

/** How many times axe itself ran in this worker (the rest were answered from `checked`). */
export const axeRuns = { count: 0 };

async function runAxe(page: Page): Promise<string[]> {
	axeRuns.count++;
	// Another check of the same page in a different state may still be running: wait for it.
	for (let attempt = 0; ; attempt++) {
		try {
			// Legacy mode runs axe in the page itself; the default opens a blank page for every run
			// to merge frames' results, and Pobyt's pages have no frames.
			const results = await new AxeBuilder({ page })
				.withTags(AXE_TAGS)
				.setLegacyMode(true)
				.analyze();
			return violationsOf(results);
		} catch (error) {
			if (attempt >= 50 || !String(error).includes('Axe is already running')) throw error;
			await page.waitForTimeout(200);
		}
	}
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
function bounded<T>(run: Promise<T>, page: Page): Promise<T> {
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
		async ({ browser, context, javaScriptEnabled }, use, testInfo) => {
			if (javaScriptEnabled === false) withoutJavaScript.add(context);
			const findings: Finding[] = [];
			const missed: { url: string; get: boolean }[] = [];
			const pending: Promise<void>[] = [];
			const check = (page: Page, get: boolean) => {
				const url = page.url();
				if (!/^https?:/.test(url)) return;
				pending.push(
					bounded(axeViolations(page), page)
						.then((violations) => {
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
				if (options?.javaScriptEnabled === false) withoutJavaScript.add(ctx);
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
						const violations = await bounded(axeViolations(page), page);
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
