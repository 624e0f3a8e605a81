import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { MAX_HORIZON_DAYS, timeChoices } from '$lib/server/booking/booking-offer.service';
import { joinWaitlistAt } from '$lib/server/booking/waitlist.service';
import { daysBetween } from '$lib/server/booking/slot-plan';
import { now } from '$lib/server/clock';
import { pragueDate } from '$lib/server/content/content.service';
import { formText } from '$lib/server/http/form';
import { requesterOf } from '$lib/server/http/requester';

export const load: PageServerLoad = async ({ params }) => {
	const times = await timeChoices(params.service, params.branch, now());
	if (!times) error(404, 'Not found');
	return { service: times.service.slug, branch: times.branch, today: pragueDate(now()) };
};

export const actions: Actions = {
	default: async (event) => {
		const { params, locals } = event;
		const form = await event.request.formData();
		const values = {
			email: formText(form, 'email'),
			from: formText(form, 'from', 10),
			to: formText(form, 'to', 10)
		};
		const errors: { field: string; code: 'email' | 'range' }[] = [];
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(values.email))
			errors.push({ field: 'email', code: 'email' });
		const span = daysBetween(values.from, values.to);
		if (span === null || values.from < pragueDate(now()) || span < 0 || span > MAX_HORIZON_DAYS) {
			errors.push({ field: 'from', code: 'range' });
		}
		if (errors.length > 0) return fail(400, { values, errors });
		const { clientAddress, secret } = requesterOf(event);
		const outcome = await joinWaitlistAt(
			params.service,
			params.branch,
			{ fromDate: values.from, toDate: values.to, email: values.email, locale: locals.locale },
			{ clientAddress, secret, now: now() }
		);
		if (outcome === 'not_found') error(404, 'Not found');
		if (outcome !== 'joined') {
			event.setHeaders({ 'retry-after': String(outcome.throttledSeconds) });
			return fail(429, { values, throttled: Math.ceil(outcome.throttledSeconds / 60), errors: [] });
		}
		return { joined: true };
	}
};
