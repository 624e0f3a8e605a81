import { baseLocale, locales } from '$lib/paraglide/runtime';
import { ENHANCEMENTS } from './enhancement-names';

const prefix = (locale: string) => (locale === baseLocale ? '' : `/${locale}`);

/** The translated offline page of every locale, precached by the service worker. */
export const OFFLINE_PAGES = locales.map((locale) => `${prefix(locale)}/offline`);

/** The page a callback request made offline gets (it waits in the service worker's queue). */
export const CALLBACK_QUEUED_PAGES = locales.map(
	(locale) => `${prefix(locale)}/help/callback-queued`
);

/** The queued-callback page in the language of the URL's locale prefix. */
export function callbackQueuedPageFor(pathname: string): string {
	return offlinePageFor(pathname).replace(/\/offline$/, '/help/callback-queued');
}

export const PUBLIC_HOME_PAGES = locales.map((locale) => prefix(locale) || '/');

/** The offline page in the language of the URL's locale prefix. */
export function offlinePageFor(pathname: string): string {
	const first = pathname.split('/')[1] ?? '';
	const locale = (locales as readonly string[]).includes(first) ? first : baseLocale;
	return `${prefix(locale)}/offline`;
}

/** The enhancement modules as pages request them (src/lib/enhancements.ts), for offline use. */
export function enhancementUrls(version: string): string[] {
	return ENHANCEMENTS.map((name) => `/_app/enhance/${name}.js?v=${version}`);
}
