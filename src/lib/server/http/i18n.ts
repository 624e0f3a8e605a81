import type { Handle } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { localeFromPath } from '$lib/i18n';
import { baseLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';

/**
 * The locale is the URL prefix; messages read it from Kit's own request store, so no request is
 * cloned for it (paraglide's middleware cloned every one: a measurable share of each booking
 * step, docs/adr/0003). Outside a request (mail, jobs) it is the base locale, never a crash.
 */
overwriteGetLocale((): Locale => {
	try {
		return getRequestEvent().locals.locale ?? baseLocale;
	} catch {
		return baseLocale;
	}
});

export const i18n: Handle = ({ event, resolve }) => {
	const locale = localeFromPath(event.url.pathname);
	event.locals.locale = locale;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
	});
};
