import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { BOOKING_HORIZON_DAYS, timeChoices } from '$lib/server/booking/booking-flow.service';
import { parseDate } from '$lib/server/booking/slot-plan';
import { joinWaitlist } from '$lib/server/booking/waitlist.service';
import { now } from '$lib/server/clock';
import { pragueDate } from '$lib/server/content/content.service';
import { getDb } from '$lib/server/db';
import { formText } from '$lib/server/http/form';
import { requesterOf } from '$lib/server/http/requester';
import { limitKey, Limits } from '$lib/server/rate-limit/limiter';

const WAITLIST_LIMITS = [{ name: 'waitlist:addr', points: 10, durationSeconds: 3600 }];

export const load: PageServerLoad = async ({ params }) => {
	const times = await timeChoices(params.service, params.branch, now());
	if (!times) error(404, 'Not found');
	return { service: times.service.slug, branch: times.branch, today: pragueDate(now()) };
};

export const actions: Actions = {
	default: async (event) => {
		const { params, locals } = event;
		const times = await timeChoices(params.service, params.branch, now());
		if (!times) error(404, 'Not found');
		const form = await event.request.formData();
		const values = {
			email: formText(form, 'email'),
			from: formText(form, 'from', 10),
			to: formText(form, 'to', 10)
		};
		const errors: { field: string; code: 'email' | 'range' }[] = [];
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(values.email))
			errors.push({ field: 'email', code: 'email' });
		const today = pragueDate(now());
		const a = parseDate(values.from);
		const b = parseDate(values.to);
		const span =
			a && b
				? (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000
				: -1;
		if (!a || !b || values.from < today || span < 0 || span > BOOKING_HORIZON_DAYS) {
			errors.push({ field: 'from', code: 'range' });
		}
		if (errors.length > 0) return fail(400, { values, errors });
		const { clientAddress, secret } = requesterOf(event);
		const limit = await new Limits(getDb(), WAITLIST_LIMITS).consume({
			'waitlist:addr': limitKey(secret, 'waitlist', clientAddress)
		});
		if (!limit.allowed) {
			event.setHeaders({ 'retry-after': String(limit.retryAfterSeconds) });
			return fail(429, { values, throttled: Math.ceil(limit.retryAfterSeconds / 60), errors: [] });
		}
		await joinWaitlist({
			serviceId: times.service.id,
			branchId: times.branch.id,
			fromDate: values.from,
			toDate: values.to,
			email: values.email,
			locale: locals.locale,
			now: now()
		});
		return { joined: true };
	}
};
