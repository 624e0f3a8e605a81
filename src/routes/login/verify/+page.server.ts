import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { verifySecondFactor } from '$lib/server/accounts/sessions.service';
import { now } from '$lib/server/clock';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { requesterOf } from '$lib/server/http/requester';
import { safeNext, setSessionCookie, staffRedirect } from '$lib/server/http/staff-session';
import { staffText } from '$lib/staff-text';

const CODE_FORM = v.object({ code: text(20) });

export const load: PageServerLoad = ({ locals, url }) => {
	const session = locals.staff;
	if (session?.complete)
		staffRedirect(locals, safeNext(url.searchParams.get('next')) ?? '/account');
	if (!session) staffRedirect(locals, '/login');
	if (!session.enrolled) staffRedirect(locals, `/login/enrol${url.search}`);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const session = event.locals.staff;
		if (!session || session.complete) staffRedirect(event.locals, '/login');
		const text = staffText(event.locals.locale);
		const form = await readFormWith(event, CODE_FORM);
		if (!form.ok) return fail(400, { errors: [{ field: 'code', message: text.formControl }] });
		const { code } = form.data;
		if (!code) return fail(400, { errors: [{ field: 'code', message: text.codeMissing }] });
		const { clientAddress, secret } = requesterOf(event);
		const result = await verifySecondFactor(session, code, { clientAddress, secret, now: now() });
		if (result.kind === 'throttled') {
			event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
			return fail(429, { errors: [{ field: 'code', message: text.throttled(minutes) }] });
		}
		if (result.kind === 'refused') {
			return fail(400, { errors: [{ field: 'code', message: text.codeRefused }] });
		}
		setSessionCookie(event.cookies, result.token);
		staffRedirect(event.locals, safeNext(event.url.searchParams.get('next')) ?? '/account');
	}
};
