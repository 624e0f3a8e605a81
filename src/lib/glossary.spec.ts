import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readChecklistFiles } from './server/content/content-files';
import type { Localized } from './server/content/content.schema';
import { glossaryViolations, unusedTerms, type Glossary, type GlossaryText } from './glossary';

const LOCALES = ['cs', 'en', 'uk', 'ru', 'vi'] as const;
type Locale = (typeof LOCALES)[number];

const glossary = (locale: Locale): Glossary =>
	JSON.parse(readFileSync(`messages/glossary/${locale}.json`, 'utf8'));

function messageTexts(locale: Locale): GlossaryText[] {
	const { $schema: _, ...messages } = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
	return Object.entries(messages as Record<string, string>).map(([key, text]) => ({
		where: `messages/${locale}.json ${key}`,
		text
	}));
}

/** The latest version of every checklist (older versions are history and never change). */
const files = await readChecklistFiles('content');
const latest = [...new Set(files.map((f) => f.slug))].map(
	(slug) => files.filter((f) => f.slug === slug).sort((a, b) => b.version - a.version)[0]!
);

function checklistTexts(locale: Locale): GlossaryText[] {
	const out: GlossaryText[] = [];
	const add = (where: string, text: Localized | null | undefined) => {
		if (text) out.push({ where, text: text[locale] });
	};
	for (const file of latest) {
		const at = `${file.slug}@${file.version}`;
		add(`${at} title`, file.title);
		add(`${at} summary`, file.summary);
		for (const item of file.items) {
			add(`${at} ${item.key}.title`, item.title);
			add(`${at} ${item.key}.why`, item.why);
			add(`${at} ${item.key}.condition`, item.condition);
			add(`${at} ${item.key}.link`, item.link?.label);
		}
	}
	return out;
}

const corpus = (locale: Locale) => [...messageTexts(locale), ...checklistTexts(locale)];

describe('one term per concept (messages/glossary)', () => {
	it.each(LOCALES)('%s: every concept has its Czech official term and a term', (locale) => {
		for (const c of glossary(locale).concepts) {
			expect(c.czech.trim(), c.concept).toBeTruthy();
			expect(c.term.trim(), c.concept).toBeTruthy();
			expect(() => new RegExp(c.term, 'u')).not.toThrow();
		}
	});

	it.each(LOCALES)('%s: no message or checklist names a concept a second way', (locale) => {
		expect(glossaryViolations(glossary(locale), corpus(locale))).toEqual([]);
	});

	it.each(LOCALES)('%s: every glossary term is actually used', (locale) => {
		expect(unusedTerms(glossary(locale), corpus(locale))).toEqual([]);
	});

	it('fails on a planted second term, naming the concept, the place and the right term', () => {
		const planted: GlossaryText[] = [
			...corpus('uk'),
			{ where: 'messages/uk.json planted', text: 'Отримання посвідки на проживання' }
		];
		expect(glossaryViolations(glossary('uk'), planted)).toEqual([
			{
				concept: 'residence_card',
				where: 'messages/uk.json planted',
				found: 'посвідки',
				term: glossary('uk').concepts.find((c) => c.concept === 'residence_card')!.term
			}
		]);
		const vi = glossaryViolations(glossary('vi'), [
			{
				where: 'x',
				text: 'Đặt lịch hẹn tại văn phòng; Thẻ xanh EU; bản dịch công chứng sang tiếng Séc'
			}
		]);
		expect(vi.map((v) => [v.concept, v.found])).toEqual([
			['eu_blue_card', 'Thẻ xanh'],
			['branch', 'văn phòng'],
			['court_translator', 'bản dịch công chứng sang tiếng Séc']
		]);
	});
});
