import type { Filters } from './report.service';

const SLUG = /^[a-z0-9-]{1,60}$/;
const LOCALE = /^(cs|en|uk|ru|vi)$/;

/** Branch, action and language from the query string; anything malformed means "all". */
export function filtersFromQuery(params: URLSearchParams): Filters {
	const pick = (name: string, pattern: RegExp) => {
		const value = params.get(name) ?? '';
		return pattern.test(value) ? value : null;
	};
	return {
		branch: pick('branch', SLUG),
		service: pick('service', SLUG),
		locale: pick('language', LOCALE)
	};
}
