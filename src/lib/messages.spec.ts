import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const LOCALES = ['cs', 'en', 'uk', 'ru', 'vi'] as const;
const read = (locale: string): Record<string, string> => {
	const { $schema: _, ...messages } = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
	return messages;
};
const catalogues = Object.fromEntries(LOCALES.map((l) => [l, read(l)]));
const keys = Object.keys(catalogues.cs!);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Values that are the same in every language: names and codes. */
const SAME_EVERYWHERE = new Set(['site_name']);
/** Words a language shares with English ("E-mail" is Czech too). */
const SAME_AS_ENGLISH: Record<string, string[]> = { cs: ['contact_email_heading'] };

describe('messages', () => {
	it.each(LOCALES)('%s has every key, none empty', (locale) => {
		const catalogue = catalogues[locale]!;
		expect(Object.keys(catalogue).sort()).toEqual([...keys].sort());
		for (const key of keys) expect(catalogue[key]?.trim(), `${locale}.${key}`).toBeTruthy();
	});

	it.each(LOCALES)('%s keeps every placeholder of the Czech text', (locale) => {
		for (const key of keys) {
			expect(placeholders(catalogues[locale]![key]!), `${locale}.${key}`).toEqual(
				placeholders(catalogues.cs![key]!)
			);
		}
	});

	it.each(['cs', 'uk', 'ru', 'vi'])(
		'%s is really translated, not English left in place',
		(locale) => {
			const untranslated = keys.filter(
				(k) =>
					!SAME_EVERYWHERE.has(k) &&
					!SAME_AS_ENGLISH[locale]?.includes(k) &&
					catalogues[locale]![k] === catalogues.en![k]
			);
			expect(untranslated).toEqual([]);
		}
	);

	it.each(['uk', 'ru'])('%s is written in Cyrillic', (locale) => {
		for (const key of keys) {
			// Czech terms a person must use at the office may stand in parentheses.
			const text = catalogues[locale]![key]!.replace(/\{\w+\}/g, '').replace(/\([^)]*\)/g, '');
			const latinWords = (text.match(/[A-Za-z]{4,}/g) ?? []).filter(
				(w) => !['Pobyt', 'WCAG', 'JavaScript'].includes(w)
			);
			expect(latinWords, `${locale}.${key}`).toEqual([]);
		}
	});

	it.each(LOCALES)(
		'%s keeps a count with its unit on one line ("59 хв", not "59" then "хв")',
		(locale) => {
			// A throttled form's "try again in {minutes} min" broke between the number and its unit
			// at 360 px; every count placeholder before a word is followed by a no-break space.
			for (const key of keys) {
				const text = catalogues[locale]![key]!;
				expect(text, `${locale}.${key}`).not.toMatch(/\{(minutes|days|limit)\} \p{L}/u);
			}
		}
	);
});
