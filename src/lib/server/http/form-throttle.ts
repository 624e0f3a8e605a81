// Every public form is throttled per address (issue 12, point 3). Most public forms have limits
// of their own, fitted to what they do (a status lookup, a hold, a callback, a draw entry). The
// forms behind a link's token or a cookie — cancel or move a booking, change or withdraw a draw
// entry, withdraw a callback or a shared context, confirm or stop e-mail alerts — and the step
// from a status result to a booking had none: one address could post to them without end. They
// share one budget per address here, checked before the action runs (one statement, keyed
// hashes only; docs/adr/0003). `form-throttle.spec.ts` fails when a public form is in neither list.
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { localeFromPath } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getConfig } from '../config';
import { limitKey, Limits } from '../rate-limit/limiter';
import { isFormPost } from './form-guard';
import { plainRefusal } from './plain-page';

/** Public forms with no limit of their own: they share `form:addr`. */
export const SHARED_BUDGET_FORMS = [
	'/book/[service]',
	'/booking/[token]',
	'/booking/[token]/reschedule',
	'/draw/[token]',
	'/help/callback-requested',
	'/help/shared',
	'/status/alerts/confirm/[token]',
	'/status/alerts/unsubscribe/[token]'
] as const;

/** Public forms with limits of their own, and where those are. */
export const OWN_LIMIT_FORMS: Record<string, string> = {
	'/status': 'proceedings.service LOOKUP_LIMITS (lookup:addr, lookup:addr+number, lookup:number)',
	'/status/alerts': 'the status lookup it makes (LOOKUP_LIMITS) and alert:email',
	'/help': 'contexts.service share:addr; callbacks.service callback:addr, callback:phone',
	'/book/[service]/[branch]': 'booking-limits hold:addr, hold:nojs',
	'/book/[service]/[branch]/details': 'booking-limits details:person, and the hold it needs',
	'/book/[service]/[branch]/check': 'the hold it confirms (hold:addr); a repeat is idempotent',
	'/book/[service]/[branch]/waitlist': 'booking-limits waitlist:addr',
	'/draw/release/[id]': 'releases.service draw:addr, draw:nojs',
	'/feedback': 'satisfaction.service satisfaction:addr',
	'/login': 'sessions.service signin:addr, signin:account+addr, signin:account',
	'/login/enrol': 'sessions.service second-factor:account',
	'/login/verify': 'sessions.service second-factor:account'
};

/** Enough for a person managing their bookings and entries; not for a script. */
export const FORM_ADDRESS_LIMIT = { name: 'form:addr', points: 60, durationSeconds: 10 * 60 };

const SHARED = new Set<string>(SHARED_BUDGET_FORMS);

/** `limits` and `secret` are for tests; otherwise the app's database and secret. */
export function formThrottle(
	limits = new Limits([FORM_ADDRESS_LIMIT]),
	secret = () => getConfig().appSecret
): Handle {
	return async ({ event, resolve }) => {
		if (!isFormPost(event) || !event.route.id || !SHARED.has(event.route.id)) return resolve(event);
		const address = event.getClientAddress();
		const outcome = await limits.consume({
			[FORM_ADDRESS_LIMIT.name]: limitKey(secret(), FORM_ADDRESS_LIMIT.name, address)
		});
		if (outcome.allowed) return resolve(event);
		return tooMany(event, outcome.retryAfterSeconds);
	};
}

function tooMany(event: RequestEvent, retryAfterSeconds: number): Response {
	const locale = localeFromPath(event.url.pathname);
	const o = { locale };
	const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
	return plainRefusal(event, {
		status: 429,
		locale,
		title: m.limits_too_many_title({}, o),
		text: m.limits_too_many_text({ minutes }, o),
		back: { href: event.url.pathname, label: m.guard_back({}, o) },
		headers: { 'retry-after': String(retryAfterSeconds) }
	});
}

/** Public forms (outside the back office) in neither list: each must be throttled somewhere. */
export function unthrottledForms(routeIds: string[], isBackOffice: (id: string) => boolean) {
	return routeIds.filter(
		(id) => !isBackOffice(id) && !SHARED.has(id) && !Object.hasOwn(OWN_LIMIT_FORMS, id)
	);
}
