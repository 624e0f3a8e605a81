// Text folding for checklist search, and scrubbing of what people typed before it is stored.
// Imported by database start-up (tsx CLI): relative imports only.

/**
 * Lower case without diacritics, words separated by single spaces: "Zaměstnanecká karta" →
 * "zamestnanecka karta", "Thẻ lao động" → "the lao dong", "Картка" → "картка". People type
 * without diacritics on foreign keyboards; both sides are folded the same way.
 */
export function foldForSearch(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

const MAX_TERMS = 8;

/**
 * A `to_tsquery('simple', …)` expression matching documents that contain every word typed, each
 * as a prefix ("zamest" finds "zamestnanecka"); null when nothing searchable was typed. Words are
 * letters and digits only, so nothing typed can change the query's syntax.
 */
export function searchQueryTerms(typed: string): string | null {
	const words = foldForSearch(typed).split(' ').filter(Boolean).slice(0, MAX_TERMS);
	return words.length === 0 ? null : words.map((w) => `${w}:*`).join(' & ');
}

/**
 * What of free text may be kept for the reports: the words, not what could identify someone.
 * E-mail addresses and anything containing a digit (proceeding, passport and phone numbers,
 * dates) are dropped, as are very long tokens; at most `maxLength` characters.
 */
export function scrubFreeText(typed: string, maxLength: number): string {
	return typed
		.replace(/\S+@\S+/g, ' ')
		.split(/\s+/)
		.filter((word) => word && !/\d/.test(word) && word.length <= 30)
		.join(' ')
		.slice(0, maxLength)
		.trim();
}

/** What of a search query is kept (table `search_queries`): scrubbed, lower case, 80 characters. */
export function scrubQuery(typed: string): string {
	return scrubFreeText(typed.toLowerCase(), 80);
}
