import { baseLocale, getLocale, isLocale, type Locale } from '$lib/paraglide/runtime';

/**
 * The locale lives in the URL as a path prefix: `/` Czech (the base), `/en/`, `/uk/`, `/ru/`,
 * `/vi/` the same paths. Paraglide's own URL strategy needs a ~6 KB URLPattern polyfill in
 * every page's JavaScript for what is here a prefix test (docs/adr/0001).
 */
export function localeFromPath(pathname: string): Locale {
	const first = pathname.split('/')[1] ?? '';
	return first !== baseLocale && isLocale(first) ? first : baseLocale;
}

/** `/uk/status` → `/status`; paths without a prefix are returned unchanged. */
export function delocalizePath(pathname: string): string {
	const locale = localeFromPath(pathname);
	if (locale === baseLocale) return pathname;
	return pathname.slice(locale.length + 1) || '/';
}

/** A path (or path with query/hash) in the given locale; the current locale when omitted. */
export function localizeHref(href: string, options: { locale?: Locale } = {}): string {
	const locale = options.locale ?? getLocale();
	const match = /^([^?#]*)(.*)$/.exec(href)!;
	const path = delocalizePath(match[1] || '/');
	if (locale === baseLocale) return `${path}${match[2]}`;
	return `/${locale}${path === '/' ? '' : path}${match[2]}`;
}
