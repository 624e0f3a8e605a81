import type { Handle } from '@sveltejs/kit';
import { delocalizePath, localeFromPath } from '$lib/i18n';
import { paraglideMiddleware } from '$lib/paraglide/server';

/**
 * Locale from the URL prefix; `<html lang>` follows it. Machine endpoints (`/api/…`, also under a
 * prefix such as `/uk/api/…`) render no page and take their locale straight from the prefix:
 * they skip the middleware, which clones every request.
 */
export const i18n: Handle = ({ event, resolve }) => {
	const { pathname } = event.url;
	if (delocalizePath(pathname).startsWith('/api/')) {
		event.locals.locale = localeFromPath(pathname);
		return resolve(event);
	}
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});
};
