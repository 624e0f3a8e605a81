import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { branchChoices } from '$lib/server/booking/booking-offer.service';
import { now } from '$lib/server/clock';
import { formText } from '$lib/server/http/form';
import { setProceedingCookie } from '$lib/server/http/private-cookies';
import {
	formatProceedingNumber,
	parseProceedingNumber
} from '$lib/server/proceedings/proceeding-number';

export const load: PageServerLoad = async ({ params }) => {
	const choices = await branchChoices(params.service, now());
	if (!choices) error(404, 'Not found');
	return choices;
};

export const actions: Actions = {
	// From a status result's "book" step: remember the proceeding to prefill the details step.
	fromStatus: async ({ params, request, cookies, locals }) => {
		const parsed = parseProceedingNumber(formText(await request.formData(), 'proceeding', 60));
		if (parsed.ok) setProceedingCookie(cookies, formatProceedingNumber(parsed.value));
		redirect(303, localizeHref(`/book/${params.service}`, { locale: locals.locale }));
	}
};
