import { describe, expect, it } from 'vitest';
import { localeToOffer } from './locale-offer';

const headers = (acceptLanguage: string, site = 'none') =>
	new Headers({ 'accept-language': acceptLanguage, 'sec-fetch-site': site });

describe('offering the visitor’s language on Czech pages', () => {
	it('offers the most preferred supported language', () => {
		expect(localeToOffer(headers('uk-UA,uk;q=0.9,ru;q=0.8,en;q=0.6'), 'cs')).toBe('uk');
		expect(localeToOffer(headers('de-DE,de;q=0.9,vi;q=0.5'), 'cs')).toBe('vi');
		expect(localeToOffer(headers('en;q=0.4,ru;q=0.9'), 'cs')).toBe('ru');
	});

	it('offers nothing to people who prefer Czech or nothing we have', () => {
		expect(localeToOffer(headers('cs-CZ,cs;q=0.9,en;q=0.8'), 'cs')).toBeNull();
		expect(localeToOffer(headers('de-DE,fr;q=0.5'), 'cs')).toBeNull();
		expect(localeToOffer(headers(''), 'cs')).toBeNull();
		expect(localeToOffer(headers('uk;q=0'), 'cs')).toBeNull();
	});

	it('offers nothing on translated pages or after the visitor chose Czech on our site', () => {
		expect(localeToOffer(headers('uk'), 'uk')).toBeNull();
		expect(localeToOffer(headers('uk', 'same-origin'), 'cs')).toBeNull();
	});
});
