import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { timeChoices } from '$lib/server/booking/booking-flow.service';
import { holdSlot, HOLD_LIMITS, noteThrottledHold } from '$lib/server/booking/bookings.service';
import { now } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { formText } from '$lib/server/http/form';
import { setHoldCookie } from '$lib/server/http/hold-cookie';
import { requesterOf } from '$lib/server/http/requester';
import { limitKey, Limits } from '$lib/server/rate-limit/limiter';

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
		const slotId = Number(formText(await event.request.formData(), 'slot', 20));
		const times = await timeChoices(params.service, params.branch, now());
		if (!times) error(404, 'Not found');
		const offered = times.days.some((d) => d.times.some((t) => t.slotId === slotId));
		if (!Number.isInteger(slotId) || slotId <= 0) return fail(400, { error: 'missing' as const });
		const { clientAddress, secret } = requesterOf(event);
		const limit = await new Limits(getDb(), HOLD_LIMITS).consume({
			'hold:addr': limitKey(secret, 'hold', clientAddress)
		});
		if (!limit.allowed) {
			noteThrottledHold(params.service);
			event.setHeaders({ 'retry-after': String(limit.retryAfterSeconds) });
			return fail(429, {
				error: 'throttled' as const,
				minutes: Math.ceil(limit.retryAfterSeconds / 60)
			});
		}
		const held = offered
			? await holdSlot(slotId, now(), params.service)
			: { kind: 'full' as const };
		if (held.kind === 'full') return fail(409, { error: 'gone' as const });
		setHoldCookie(cookies, held.token);
		redirect(
			303,
			localizeHref(`/book/${params.service}/${params.branch}/details`, { locale: locals.locale })
		);
	}
};
