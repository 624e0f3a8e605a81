import { describe, expect, it } from 'vitest';
import { parseChecklistFile, readChecklistFiles, ContentFileError } from './content-files';
import type { Localized } from './content.schema';

const LOCALES = ['cs', 'en', 'uk', 'ru', 'vi'] as const;
const files = await readChecklistFiles('content');

/** Texts that may read the same as English: proper names, numbers and codes. */
const SAME_AS_ENGLISH = new Set<string>(['Pobyt']);
const isNumberOrCode = (text: string) => /^[\p{Lu}\d\s.,:/§()–-]+$/u.test(text);

/** Every localized text of a checklist, with where it is. */
function texts(file: (typeof files)[number]): { where: string; text: Localized }[] {
	const out = [
		{ where: 'title', text: file.title },
		{ where: 'summary', text: file.summary }
	];
	for (const item of file.items) {
		out.push({ where: `${item.key}.title`, text: item.title });
		out.push({ where: `${item.key}.why`, text: item.why });
		if (item.condition) out.push({ where: `${item.key}.condition`, text: item.condition });
		if (item.link) out.push({ where: `${item.key}.link`, text: item.link.label });
	}
	return out;
}

describe('checklist content files', () => {
	it('are all there and valid: version 1 and the corrected version 2 of each', () => {
		expect(files.map((f) => f.slug)).toHaveLength(22);
		expect(new Set(files.map((f) => f.slug)).size).toBe(11);
		for (const slug of new Set(files.map((f) => f.slug))) {
			expect(files.filter((f) => f.slug === slug).map((f) => f.version)).toEqual([1, 2]);
		}
	});

	it('version 2 names the source and review date of every item it corrected (issue 15)', () => {
		const v2 = files.filter((f) => f.version === 2);
		for (const file of v2) {
			const v1 = files.find((f) => f.slug === file.slug && f.version === 1)!;
			for (const item of file.items) {
				const before = v1.items.find((i) => i.key === item.key);
				if (JSON.stringify(before) === JSON.stringify(item)) continue;
				expect(item.source, `${file.slug} ${item.key}`).toEqual({
					title: expect.any(String),
					url: expect.stringMatching(/^https:\/\//),
					reviewed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)
				});
			}
			expect(JSON.stringify(file)).not.toContain('frs.gov.cz');
		}
	});

	it.each(files.map((f) => [f.slug, f] as const))(
		'%s has every text in all five locales, none empty',
		(_, file) => {
			for (const { where, text } of texts(file)) {
				for (const locale of LOCALES) {
					expect(text[locale]?.trim(), `${file.slug} ${where} ${locale}`).toBeTruthy();
				}
			}
		}
	);

	it.each(files.map((f) => [f.slug, f] as const))(
		'%s is really translated, not English left in place',
		(_, file) => {
			const untranslated: string[] = [];
			for (const { where, text } of texts(file)) {
				for (const locale of ['cs', 'uk', 'ru', 'vi'] as const) {
					if (
						text[locale] === text.en &&
						!SAME_AS_ENGLISH.has(text.en) &&
						!isNumberOrCode(text.en)
					) {
						untranslated.push(`${where} ${locale}`);
					}
				}
			}
			expect(untranslated).toEqual([]);
		}
	);

	it('refuses a file with a missing translation, naming the file and the field', () => {
		const broken = structuredClone(files[0]!) as unknown as {
			items: { title: Partial<Localized> }[];
		};
		delete broken.items[0]!.title.vi;
		expect(() => parseChecklistFile(broken, 'broken.json')).toThrow(ContentFileError);
		expect(() => parseChecklistFile(broken, 'broken.json')).toThrow(
			/broken\.json: items\.0\.title\.vi/
		);
	});
});
