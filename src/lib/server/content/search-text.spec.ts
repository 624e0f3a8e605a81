import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, scrubQuery, searchQueryTerms } from './search-text';

describe('search text', () => {
	it('folds case and diacritics in every public script', () => {
		expect(foldForSearch('Zaměstnanecká KARTA')).toBe('zamestnanecka karta');
		expect(foldForSearch('Thẻ lao động (zaměstnanecká karta)')).toBe(
			'the lao dong zamestnanecka karta'
		);
		expect(foldForSearch('Картка працівника')).toBe('картка працівника');
		expect(foldForSearch('  Паспорт, виза! ')).toBe('паспорт виза');
	});

	it('turns typed words into a prefix query of letters and digits only', () => {
		expect(searchQueryTerms('Zaměstnan karta')).toBe('zamestnan:* & karta:*');
		expect(searchQueryTerms("pas' | !foo & (bar)")).toBe('pas:* & foo:* & bar:*');
		expect(searchQueryTerms(' ,.; ')).toBeNull();
	});

	it('never lets typed text into tsquery syntax', () => {
		fc.assert(
			fc.property(fc.string(), (typed) => {
				const terms = searchQueryTerms(typed);
				if (terms !== null) expect(terms).toMatch(/^[\p{L}\p{N}]+:\*( & [\p{L}\p{N}]+:\*)*$/u);
			})
		);
	});

	it('keeps the words of a query, never numbers or e-mail addresses', () => {
		expect(scrubQuery('Pas OAM-51727-4/DP-2025 narozen 27.3.1990 jan@example.cz')).toBe(
			'pas narozen'
		);
		expect(scrubQuery('Biometrie')).toBe('biometrie');
		expect(scrubQuery('x'.repeat(200))).toBe('');
	});
});
