// The guard at the edge for every form (docs/adr/0008): a form post must be form-encoded and
// readable, or it is refused here with a translated 415 or 400 (413 past the body limit), before
// any action runs. The body is read once; actions take it from `locals.form` (http/form.ts).
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { delocalizePath, localeFromPath } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { plainRefusal } from './plain-page';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/** Posts to pages (form actions); machine endpoints under /api read their own bodies. */
export function isFormPost(event: Pick<RequestEvent, 'request' | 'url'>): boolean {
	const method = event.request.method;
	if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
	return !delocalizePath(event.url.pathname).startsWith('/api/');
}

function refuse(event: RequestEvent, status: 400 | 413 | 415): Response {
	const locale = localeFromPath(event.url.pathname);
	const o = { locale };
	return plainRefusal(event, {
		status,
		locale,
		title: m.guard_unreadable_title({}, o),
		text: m.guard_unreadable_text({}, o),
		back: { href: event.url.pathname, label: m.guard_back({}, o) }
	});
}

export const formGuard: Handle = async ({ event, resolve }) => {
	if (!isFormPost(event)) return resolve(event);
	const mediaType = event.request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
	if (!mediaType || !FORM_TYPES.has(mediaType)) return refuse(event, 415);
	try {
		// Read once, not cloned (a clone tees the body's stream: a tenth of a small form's cost in
		// bench:booking's profile); every action reads it from `locals.form` (http/form.ts).
		event.locals.form = await event.request.formData();
	} catch (e) {
		// adapter-node errors the body's stream with a 413 past BODY_SIZE_LIMIT.
		return refuse(event, (e as { status?: number }).status === 413 ? 413 : 400);
	}
	return resolve(event);
};
