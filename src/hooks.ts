import type { Reroute } from '@sveltejs/kit';
import { delocalizePath, localeFromPath, localizeHref } from '$lib/i18n';
import {
	defineCustomClientStrategy,
	defineCustomServerStrategy,
	isLocale
} from '$lib/paraglide/runtime';

// The URL prefix decides the language, on the server (per request) and in the browser.
defineCustomServerStrategy('custom-prefix', {
	getLocale: (request) => (request ? localeFromPath(new URL(request.url).pathname) : undefined)
});
defineCustomClientStrategy('custom-prefix', {
	getLocale: () => localeFromPath(location.pathname),
	// Paraglide calls this once on start with the locale just read from the URL: only a real
	// change of language navigates.
	setLocale: (locale) => {
		if (isLocale(locale) && locale !== localeFromPath(location.pathname))
			location.href = localizeHref(location.pathname + location.search, { locale });
	}
});

/** `/uk/status` and `/status` are the same route; the prefix only chooses the language. */
export const reroute: Reroute = ({ url }) => delocalizePath(url.pathname);
