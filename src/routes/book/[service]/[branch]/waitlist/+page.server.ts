import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { MAX_HORIZON_DAYS, timeChoices } from '$lib/server/booking/booking-offer.service';
import { joinWaitlistAt } from '$lib/server/booking/waitlist.service';
import { daysBetween } from '$lib/server/booking/slot-plan';
import { now } from '$lib/server/clock';
import { pragueDate } from '$lib/server/content/content.service';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { requesterOf } from '$lib/server/http/requester';

const WAITLIST_FORM = v.object({ email: text(200), from: text(10), to: text(10) });

export const load: PageServerLoad = async ({ params }) => {
	const times = await timeChoices(params.service, params.branch, now());
	if (!times) error(404, 'Not found');
	return { service: times.service.slug, branch: times.branch, today: pragueDate(now()) };
};

export const actions: Actions = {
	default: async (event) => {
		const { params, locals } = event;
		const form = await readFormWith(event, WAITLIST_FORM);
		const values = form.values;
		if (!form.ok) {
			const errors = form.errors.map((e) => ({
				field: e.field === 'email' ? 'email' : 'from',
				code: 'control' as const
			}));
			return fail(400, { values, errors });
		}
		const errors: { field: string; code: 'email' | 'range' | 'control' }[] = [];
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
