import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { timeChoices } from '$lib/server/booking/booking-offer.service';
import { holdOfferedTime } from '$lib/server/booking/hold.service';
import { now } from '$lib/server/clock';
import { formText } from '$lib/server/http/form';
import { setHoldCookie } from '$lib/server/http/private-cookies';
import { requesterOf } from '$lib/server/http/requester';

export const load: PageServerLoad = async ({ params, url }) => {
	const times = await timeChoices(params.service, params.branch, now());
	if (!times) error(404, 'Not found');
	return { ...times, expired: url.searchParams.has('expired') };
};

export const actions: Actions = {
	// Holding takes a seat in one conditional statement (bookings.repository.ts): a double click or
	// a crowd on the same time can never take more seats than exist.
	hold: async (event) => {
		const { params, cookies, locals } = event;
		const form = await event.request.formData();
		const slotId = Number(formText(form, 'slot', 20));
		if (!Number.isInteger(slotId) || slotId <= 0) return fail(400, { error: 'missing' as const });
		const { clientAddress, secret } = requesterOf(event);
		const held = await holdOfferedTime(params.service, params.branch, slotId, {
			clientAddress,
			secret,
			now: now(),
			proof: formText(form, 'altcha', 8000) || null
		});
		if (held.kind === 'not_found') error(404, 'Not found');
		if (held.kind === 'proof_failed') return fail(400, { error: 'proof' as const, slotId });
		if (held.kind === 'throttled') {
			event.setHeaders({ 'retry-after': String(held.retryAfterSeconds) });
			return fail(429, {
				error: 'throttled' as const,
				slotId,
				minutes: Math.ceil(held.retryAfterSeconds / 60)
			});
		}
		if (held.kind === 'full') return fail(409, { error: 'gone' as const });
		setHoldCookie(cookies, held.token);
		redirect(
			303,
			localizeHref(`/book/${params.service}/${params.branch}/details`, { locale: locals.locale })
		);
	}
};
