import { error, redirect, type Cookies, type Handle, type RequestEvent } from '@sveltejs/kit';
import { delocalizePath, localizeHref } from '$lib/i18n';
import type { Locale } from '$lib/paraglide/runtime';
import { BACK_OFFICE } from '$lib/private-paths';
import { AccessDenied, type Actor } from '../accounts/access';
import { validateSession } from '../accounts/sessions.service';
import { now } from '../clock';

export const SESSION_COOKIE = 'pobyt_staff';

/** Paths of the back office: the only ones that read the staff cookie. */
export { BACK_OFFICE };

/**
 * HttpOnly, SameSite=Lax (a context link from an e-mail must arrive signed in), Secure except on
 * http://localhost (Kit's default). A browser-session cookie: the server alone decides expiry
 * (idle, absolute), and closing the browser on a shared counter PC forgets it too.
 */
export function setSessionCookie(cookies: Cookies, token: string): void {
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax' });
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** The back office speaks Czech and English only (DESIGN.md, issue 11 point 11). */
export const STAFF_LOCALES: readonly Locale[] = ['cs', 'en'];

/**
 * Validates the staff session on back-office paths; those pages are never cached anywhere. A
 * back-office path under another locale's prefix (`/uk/login`) goes to the Czech back office:
 * it would otherwise be Czech text marked as another language.
 */
export const staffSession: Handle = async ({ event, resolve }) => {
	event.locals.staff = null;
	const path = delocalizePath(event.url.pathname);
	if (!BACK_OFFICE.test(path)) return resolve(event);
	if (!STAFF_LOCALES.includes(event.locals.locale))
		return new Response(null, {
			status: 307,
			headers: { location: path + event.url.search, 'cache-control': 'no-store' }
		});
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = await validateSession(token, now());
		if (session) {
			event.locals.staff = session;
		} else {
			deleteSessionCookie(event.cookies);
		}
	}
	const response = await resolve(event);
	response.headers.set('cache-control', 'no-store');
	return response;
};

/** The back office's language (Czech, or English under /en/), for content services translate. */
export function staffLocale(locals: App.Locals): Locale {
	return locals.locale === 'en' ? 'en' : 'cs';
}

/** Redirects within the back office, keeping the language prefix (`/en/…`). */
export function staffRedirect(locals: App.Locals, path: string): never {
	redirect(303, localizeHref(path, { locale: locals.locale }));
}

/** Characters a browser drops or rewrites in a URL (tab, line breaks, all controls, separators). */
const UNSAFE_IN_NEXT =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF\\]/;

/**
 * A same-site path to return to after sign-in, or null. Browsers strip tab and line breaks from a
 * URL and read `\` as `/`, so `/\t/evil.example` or `/\\evil.example` would leave the site:
 * only a path made of visible characters is accepted, without a backslash, which stays on this
 * origin when resolved and does not start with `//` once its dot segments are resolved.
 */
export function safeNext(next: string | null): string | null {
	if (!next || next.length > 2000 || !next.startsWith('/') || UNSAFE_IN_NEXT.test(next))
		return null;
	let decoded: string;
	try {
		decoded = decodeURIComponent(next);
	} catch {
		return null;
	}
	// Encoded, the same tricks (`/%2F%2Fevil`, `/%5Cevil`, `/%09/evil`) must not survive either.
	if (UNSAFE_IN_NEXT.test(decoded) || decoded.startsWith('//')) return null;
	const base = 'http://same.invalid';
	let url: URL;
	try {
		url = new URL(next, base);
	} catch {
		return null;
	}
	if (url.origin !== base || url.pathname.startsWith('//')) return null;
	return url.pathname + url.search + url.hash;
}

/**
 * Runs a back-office load or action for the signed-in staff member. Not signed in (or second
 * factor pending): to /login, back here afterwards. A service refusing the actor: 403.
 */
export async function asStaff<T>(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	work: (actor: Actor) => Promise<T>
): Promise<T> {
	const session = event.locals.staff;
	if (!session?.complete) {
		staffRedirect(
			event.locals,
			`/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`
		);
	}
	try {
		return await work(session.actor);
	} catch (e) {
		if (e instanceof AccessDenied) error(403, 'Forbidden');
		throw e;
	}
}

/** The branch id in a `/staff/[branch]/…` URL; anything that is not one is a 404. */
export function branchParam(params: { branch: string }): number {
	const id = Number(params.branch);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Not found');
	return id;
}
