import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const LOCALES = ['cs', 'en', 'uk', 'ru', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];
export const prefix = (locale: Locale) => (locale === 'cs' ? '' : `/${locale}`);

/** WCAG 2.1 AA, as Act 99/2019 Coll. requires of public-sector sites. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
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
