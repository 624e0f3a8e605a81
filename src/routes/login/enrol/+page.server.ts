import { fail } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import type { Actions, PageServerLoad } from './$types';
import { beginEnrolment, confirmEnrolment } from '$lib/server/accounts/sessions.service';
import { localizeHref } from '$lib/i18n';
import { now } from '$lib/server/clock';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { requesterOf } from '$lib/server/http/requester';
import { safeNext, setSessionCookie, staffRedirect } from '$lib/server/http/staff-session';
import { getConfig } from '$lib/server/config';
import { staffText } from '$lib/staff-text';

const ENROL_FORM = v.object({ pending: text(400), code: text(20), manualKey: text(100) });

function enrolment(session: NonNullable<App.Locals['staff']>) {
	const started = beginEnrolment(session, getConfig().appSecret);
	return {
		pending: started.pending,
		manualKey: started.manualKey,
		qrSvg: renderSVG(started.uri, { border: 2 })
	};
}

export const load: PageServerLoad = ({ locals, url }) => {
	const session = locals.staff;
	if (!session) staffRedirect(locals, '/login');
	if (session.complete) staffRedirect(locals, safeNext(url.searchParams.get('next')) ?? '/account');
	if (session.enrolled) staffRedirect(locals, `/login/verify${url.search}`);
	return enrolment(session);
};

export const actions: Actions = {
	default: async (event) => {
		const session = event.locals.staff;
		if (!session || session.complete || session.enrolled) staffRedirect(event.locals, '/login');
		const text = staffText(event.locals.locale);
		const form = await readFormWith(event, ENROL_FORM);
		const { pending, code, manualKey } = form.values;
		// The same key stays on the page after a mistake: the person has already scanned it.
		const again = { pending, manualKey };
		if (!form.ok)
			return fail(400, { ...again, errors: [{ field: 'code', message: text.formControl }] });
		if (!code)
			return fail(400, { ...again, errors: [{ field: 'code', message: text.codeMissing }] });
		const { clientAddress, secret } = requesterOf(event);
		const result = await confirmEnrolment(session, pending, code, {
			clientAddress,
			secret,
			now: now()
		});
		if (result.kind === 'throttled') {
			const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
			return fail(429, { ...again, errors: [{ field: 'code', message: text.throttled(minutes) }] });
		}
		if (result.kind === 'refused') {
			return fail(400, { ...again, errors: [{ field: 'code', message: text.codeRefused }] });
		}
		setSessionCookie(event.cookies, result.token);
		return {
			recoveryCodes: result.recoveryCodes,
			next: localizeHref(safeNext(event.url.searchParams.get('next')) ?? '/account', {
				locale: event.locals.locale
			})
		};
	}
};
