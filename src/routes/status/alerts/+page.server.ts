import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { now } from '$lib/server/clock';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { requesterOf } from '$lib/server/http/requester';
import {
	CONFIRM_LINK_DAYS,
	parseEmail,
	requestStatusAlert
} from '$lib/server/alerts/alerts.service';
import { validateLookupForm } from '$lib/server/proceedings/lookup-form';
import { getConfig } from '$lib/server/config';

const ALERT_FORM = v.object({ number: text(100), birthDate: text(10), email: text(300) });

/** Only the result of a sign-up lives here; the form is on the status result page. */
export const load: PageServerLoad = async ({ request, locals, setHeaders }) => {
	if (request.method === 'GET') redirect(303, localizeHref('/status', { locale: locals.locale }));
	setHeaders({ 'cache-control': 'no-store' });
};

export const actions: Actions = {
	/**
	 * Sign-up for e-mail alerts from the status result page. The form carries the number and the
	 * date of birth again (hidden, POST body only) and they are checked exactly like a lookup.
	 * Its own route, not a named action on /status: Kit forbids named actions beside a default
	 * one, and the lookup's URL must stay `/status` (tests/status.e2e.ts).
	 */
	default: async (event) => {
		const form = await readFormWith(event, ALERT_FORM);
		const alert = form.values;
		if (!form.ok) {
			// The hidden fields are written by the result page: altered, they find nothing.
			if (form.errors.some((e) => e.field !== 'email')) return fail(404, { notFound: true });
			return fail(400, { alert: { ...alert, error: 'control' as const } });
		}
		const email = parseEmail(form.data.email);
		if (!email.ok) return fail(400, { alert: { ...alert, error: email.error } });

		const at = now();
		const [year = '', month = '', day = ''] = alert.birthDate.split('-');
		const parsed = validateLookupForm({ number: alert.number, day, month, year }, at);
		// The result page wrote these hidden fields: unreadable only if altered, so "not found".
		if (!parsed.ok) return fail(404, { notFound: true });
		const config = getConfig();
		const result = await requestStatusAlert({
			number: parsed.number,
			birthDate: parsed.birthDate,
			email: email.email,
			...requesterOf(event),
			now: at,
			origin: config.publicOrigin
		});
		if (result.kind === 'throttled') {
			event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			return fail(429, { retryMinutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) });
		}
		if (result.kind === 'not_found') return fail(404, { notFound: true });
		return { sent: { email: email.email, days: String(CONFIRM_LINK_DAYS) } };
	}
};
