import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { holdFor } from '$lib/server/booking/booking-offer.service';
import { keepDetails } from '$lib/server/booking/hold.service';
import { validateDetails, type DetailsValues } from '$lib/server/booking/details-form';
import { now } from '$lib/server/clock';
import { pragueDate } from '$lib/server/content/content.service';
import { formText } from '$lib/server/http/form';
import { HOLD_COOKIE, PROCEEDING_COOKIE } from '$lib/server/http/private-cookies';
import { getConfig } from '$lib/server/startup';

const FIELDS = [
	'fullName',
	'day',
	'month',
	'year',
	'nationality',
	'documentNumber',
	'email',
	'phone',
	'proceeding'
] as const;

export const load: PageServerLoad = async ({ params, cookies, locals }) => {
	const hold = await holdFor(cookies.get(HOLD_COOKIE), params.service, params.branch, now());
	if (!hold) {
		redirect(
			303,
			localizeHref(`/book/${params.service}/${params.branch}?expired`, { locale: locals.locale })
		);
	}
	// Coming from a status result: its proceeding number (what the person typed comes first).
	return { hold, proceeding: cookies.get(PROCEEDING_COOKIE) ?? '' };
};

export const actions: Actions = {
	default: async ({ params, cookies, locals, request, setHeaders }) => {
		const token = cookies.get(HOLD_COOKIE);
		const at = now();
		const hold = await holdFor(token, params.service, params.branch, at);
		const back = localizeHref(`/book/${params.service}/${params.branch}`, {
			locale: locals.locale
		});
		if (!hold || !token) redirect(303, `${back}?expired`);
		const form = await request.formData();
		const values = Object.fromEntries(
			FIELDS.map((f) => [f, formText(form, f, 200)])
		) as unknown as DetailsValues;
		const result = validateDetails(values, hold.service.needsProceeding, pragueDate(at));
		if (!result.ok) return fail(400, { values, errors: result.errors });
		const kept = await keepDetails(token, result.details, {
			secret: getConfig().appSecret,
			now: at
		});
		if (kept === 'expired') redirect(303, `${back}?expired`);
		if (kept !== 'kept') {
			setHeaders({ 'retry-after': String(kept.throttledSeconds) });
			return fail(429, {
				values,
				errors: [],
				throttledMinutes: Math.ceil(kept.throttledSeconds / 60)
			});
		}
		redirect(303, `${back}/check`);
	}
};
