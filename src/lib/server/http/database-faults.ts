// Faults answered as overload (issue 12): a request whose database work failed because the
// database was overloaded or out of reach (handleError marks it: `locals.overloaded`) gets a
// translated 503 with Retry-After instead of a 500. Booking writes get their 429 from booking
// admission first.
import type { Handle } from '@sveltejs/kit';
import { delocalizePath, localeFromPath } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { plainRefusal } from './plain-page';

export const FAULT_RETRY_AFTER_SECONDS = 5;

export const databaseFaults: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (response.status < 500 || !event.locals.overloaded) return response;
	const headers = { 'retry-after': String(FAULT_RETRY_AFTER_SECONDS), 'cache-control': 'no-store' };
	if (delocalizePath(event.url.pathname).startsWith('/api/'))
		return Response.json({ ok: false, error: 'try_again' }, { status: 503, headers });
	const locale = localeFromPath(event.url.pathname);
	const o = { locale };
	return plainRefusal(event, {
		status: 503,
		locale,
		title: m.guard_busy_title({}, o),
		text: m.guard_busy_text({}, o),
		back: { href: event.url.pathname, label: m.guard_back({}, o) },
		headers
	});
};
