import { baseLocale, isLocale, type Locale } from '$lib/paraglide/runtime';

/**
 * The language to offer (never force) on a Czech page: the visitor's most preferred supported
 * language per Accept-Language, when it is not Czech and the visitor did not arrive from one
 * of our own pages (coming from our own switcher means Czech was chosen).
 */
export function localeToOffer(headers: Headers, current: Locale): Locale | null {
	if (current !== baseLocale) return null;
	if (headers.get('sec-fetch-site') === 'same-origin') return null;
	const ranked = (headers.get('accept-language') ?? '')
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
			return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q[1]) : 1, index };
		})
		.filter((e) => e.lang && e.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const { lang } of ranked) {
		if (lang === baseLocale) return null;
		if (isLocale(lang)) return lang;
	}
	return null;
}
