import { expect, type Locator, type Page } from '@playwright/test';

/** The vertical space between the bottom of `above` and the top of `below`. */
export async function gapBetween(above: Locator, below: Locator): Promise<number> {
	const a = (await above.boundingBox())!;
	const b = (await below.boundingBox())!;
	return b.y - (a.y + a.height);
}

/**
 * Every visible checkbox and radio sits beside its own label, as the gov.cz design system draws
 * them (issue 11 point 9): on the same row, the label to the right of the box, and nearer to it
 * than any other label. Returns how many boxes were checked.
 */
export async function expectBoxesBesideTheirLabels(page: Page, within = 'main'): Promise<number> {
	const problems = await page.locator(within).evaluate((root) => {
		const found: string[] = [];
		const labels = [...root.querySelectorAll<HTMLLabelElement>('label')]
			.map((label) => ({ label, r: label.getBoundingClientRect() }))
			.filter(({ r }) => r.width > 0 && r.height > 0);
		const boxes = [
			...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"], input[type="radio"]')
		].filter((box) => box.getBoundingClientRect().width > 0);
		for (const box of boxes) {
			const b = box.getBoundingClientRect();
			const own = labels.find(({ label }) => label.htmlFor === box.id);
			if (!own) {
				found.push(`${box.id}: no label`);
				continue;
			}
			const l = own.r;
			const gap = l.left - b.right;
			const centre = b.top + b.height / 2;
			if (centre < l.top || centre > l.bottom) found.push(`${box.id}: not on its label's row`);
			if (gap < 0 || gap > 24) found.push(`${box.id}: label ${gap}px to the right`);
			const distance = (r: DOMRect) =>
				Math.hypot(
					Math.max(r.left - b.right, b.left - r.right, 0),
					Math.max(r.top - b.bottom, b.top - r.bottom, 0)
				);
			const nearer = labels.find(
				({ label, r }) => label !== own.label && distance(r) < distance(l)
			);
			if (nearer) found.push(`${box.id}: "${nearer.label.textContent?.trim()}" is nearer`);
		}
		return { found, count: boxes.length };
	});
	expect(problems.found, `boxes and labels on ${page.url()}`).toEqual([]);
	return problems.count;
}

/**
 * No word in `selector`'s cells is broken across lines (a table squeezed to a narrow screen
 * breaks its words letter by letter where `overflow-wrap: anywhere` applies; a table in a
 * `.table-scroll` should scroll instead). Words are runs of letters and digits: a line may still
 * break after a dash or a slash. Returns how many words were measured.
 */
export async function expectWordsWhole(page: Page, selector: string): Promise<number> {
	const result = await page.evaluate((selector) => {
		const broken: string[] = [];
		let words = 0;
		for (const cell of document.querySelectorAll(selector)) {
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const text = node.textContent ?? '';
				for (const match of text.matchAll(/[\p{L}\p{N}]{2,}/gu)) {
					const range = document.createRange();
					range.setStart(node, match.index);
					range.setEnd(node, match.index + match[0].length);
					const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
					if (lines.size === 0) continue;
					words++;
					if (lines.size > 1) broken.push(match[0]);
				}
			}
		}
		return { broken, words };
	}, selector);
	expect(result.broken, `words broken across lines in ${selector} on ${page.url()}`).toEqual([]);
	return result.words;
}
