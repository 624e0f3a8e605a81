import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { nationalityOptions } from '$lib/countries';
import { localizeHref } from '$lib/i18n';
import { holdFor, serviceBySlug } from '$lib/server/booking/booking-offer.service';
import { keepDetails } from '$lib/server/booking/hold.service';
import { readDetailsForm } from '$lib/server/booking/details-form';
import { now } from '$lib/server/clock';
import { pragueDate } from '$lib/server/content/content.service';
import { readForm } from '$lib/server/http/form';
import { HOLD_COOKIE, PROCEEDING_COOKIE } from '$lib/server/http/private-cookies';
import { getConfig } from '$lib/server/config';

export const load: PageServerLoad = async ({ params, cookies, locals }) => {
	const hold = await holdFor(cookies.get(HOLD_COOKIE), params.service, params.branch, now());
	if (!hold) {
		redirect(
			303,
			localizeHref(`/book/${params.service}/${params.branch}?expired`, { locale: locals.locale })
		);
	}
	// Coming from a status result: its proceeding number (what the person typed comes first).
	return {
		hold,
		proceeding: cookies.get(PROCEEDING_COOKIE) ?? '',
		nationalities: nationalityOptions(locals.locale)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { params, cookies, locals, setHeaders } = event;
		const token = cookies.get(HOLD_COOKIE);
		const at = now();
		const back = localizeHref(`/book/${params.service}/${params.branch}`, {
			locale: locals.locale
		});
		// The hold is checked by the statement that keeps the details (and, for a form with
		// mistakes, by this page's load, which sends an expired hold back to the times).
		const service = await serviceBySlug(params.service);
		if (!service || !token) redirect(303, `${back}?expired`);
		const { values, result } = readDetailsForm(
			await readForm(event),
			service.needsProceeding,
			pragueDate(at)
		);
		if (!result.ok) return fail(400, { values, errors: result.errors });
		const kept = await keepDetails(token, result.details, {
			secret: getConfig().appSecret,
			now: at,
			serviceSlug: params.service,
			branchSlug: params.branch
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
