import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { timeChoices } from '$lib/server/booking/booking-offer.service';
import { holdOfferedTime } from '$lib/server/booking/hold.service';
import { now } from '$lib/server/clock';
import { releaseNotices } from '$lib/server/draw/releases.service';
import * as v from 'valibot';
import { readFormWith, text, wholeNumber } from '$lib/server/http/form';
import { setHoldCookie } from '$lib/server/http/private-cookies';
import { requesterOf } from '$lib/server/http/requester';

const HOLD_FORM = v.object({ slot: wholeNumber('missing'), altcha: text(8000) });

export const load: PageServerLoad = async ({ params, url }) => {
	const at = now();
	const times = await timeChoices(params.service, params.branch, at);
	if (!times) error(404, 'Not found');
	const releases = await releaseNotices(times.branch.id, times.service.id, at);
	return { ...times, releases, expired: url.searchParams.has('expired') };
};

export const actions: Actions = {
	// Holding takes a seat in one conditional statement (bookings.repository.ts): a double click or
	// a crowd on the same time can never take more seats than exist.
	hold: async (event) => {
		const { params, cookies, locals } = event;
		const form = await readFormWith(event, HOLD_FORM);
		if (!form.ok) {
			const slotId = Number(form.values.slot) || undefined;
			return form.errors.some((e) => e.field === 'slot')
				? fail(400, { error: 'missing' as const })
				: fail(400, { error: 'proof' as const, slotId });
		}
		const slotId = form.data.slot;
		const { clientAddress, secret } = requesterOf(event);
		const held = await holdOfferedTime(params.service, params.branch, slotId, {
			clientAddress,
			secret,
			now: now(),
			proof: form.data.altcha || null
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
