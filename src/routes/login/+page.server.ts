import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signIn } from '$lib/server/accounts/sessions.service';
import { now } from '$lib/server/clock';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { requesterOf } from '$lib/server/http/requester';
import { safeNext, setSessionCookie, staffRedirect } from '$lib/server/http/staff-session';
import { staffText } from '$lib/staff-text';

const SIGN_IN_FORM = v.object({ email: text(200), password: text(1000), altcha: text(8000) });

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.staff?.complete)
		staffRedirect(locals, safeNext(url.searchParams.get('next')) ?? '/account');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const text = staffText(event.locals.locale);
		const form = await readFormWith(event, SIGN_IN_FORM);
		const email = form.values.email;
		if (!form.ok) {
			const errors = form.errors.map((e) => ({ field: e.field, message: text.formControl }));
			return fail(400, { email, errors });
		}
		const { password } = form.data;
		const errors = [
			...(email ? [] : [{ field: 'email', message: text.emailMissing }]),
			...(password ? [] : [{ field: 'password', message: text.passwordMissing }])
		];
		if (errors.length > 0) return fail(400, { email, errors });
		const { clientAddress, secret } = requesterOf(event);
		const at = now();
		const proof = form.data.altcha || null;
		const result = await signIn(email, password, { clientAddress, secret, now: at, proof });
		if (result.kind === 'throttled') {
			event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
			const message = result.proofRequired ? text.signInProof : text.throttled(minutes);
			return fail(429, {
				email,
				proofRequired: result.proofRequired,
				errors: [{ field: 'email', message }]
			});
		}
		if (result.kind === 'refused') {
			return fail(400, { email, errors: [{ field: 'email', message: text.refused }] });
		}
		setSessionCookie(event.cookies, result.token);
		const next = safeNext(event.url.searchParams.get('next'));
		const query = next ? `?next=${encodeURIComponent(next)}` : '';
		staffRedirect(event.locals, `/login/${result.next}${query}`);
	}
};
