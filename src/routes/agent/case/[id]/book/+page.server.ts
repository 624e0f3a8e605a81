import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	branchChoices,
	listServices,
	timeChoices
} from '$lib/server/booking/booking-offer.service';
import type { DetailsValues } from '$lib/server/booking/details-form';
import { now } from '$lib/server/clock';
import { openCase } from '$lib/server/escalation/agent-console.service';
import { bookOnBehalf } from '$lib/server/booking/hotline-booking.service';
import { formText, SLUG_PATTERN } from '$lib/server/http/form';
import { asStaff, staffLocale } from '$lib/server/http/staff-session';
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

/** Booking for the caller, one question per step: action, branch, then time and details. */
export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const at = now();
		const opened = await openCase(actor, event.params.id, at, staffLocale(event.locals));
		if (opened.kind === 'not_found') error(404, 'Not found');
		const draft = opened.context?.bookingDraft;
		const param = (name: string) => {
			const value = event.url.searchParams.get(name) ?? '';
			return SLUG_PATTERN.test(value) ? value : '';
		};
		const service = param('service') || draft?.serviceSlug || '';
		const branch = param('branch') || (service === draft?.serviceSlug ? draft.branchSlug : '');
		const callerLocale = opened.context?.locale ?? 'cs';
		if (!service) return { step: 'service' as const, services: await listServices(), callerLocale };
		if (!branch) {
			const choices = await branchChoices(service, at);
			if (!choices) error(404, 'Not found');
			return { step: 'branch' as const, service, regions: choices.regions, callerLocale };
		}
		const times = await timeChoices(service, branch, at);
		if (!times) error(404, 'Not found');
		return {
			step: 'time' as const,
			service,
			branch: { slug: times.branch.slug, name: times.branch.name },
			needsProceeding: times.service.needsProceeding,
			days: times.days,
			callerLocale
		};
	});

export const actions: Actions = {
	book: (event) =>
		asStaff(event, async (actor) => {
			const form = await event.request.formData();
			const slotId = Number(formText(form, 'slot', 20));
			const values = Object.fromEntries(
				FIELDS.map((f) => [f, formText(form, f, 200)])
			) as unknown as DetailsValues;
			const { appSecret, publicOrigin } = getConfig();
			const result = await bookOnBehalf(
				actor,
				event.params.id,
				{
					serviceSlug: formText(form, 'service', 80),
					branchSlug: formText(form, 'branch', 80),
					slotId,
					values
				},
				{ secret: appSecret, origin: publicOrigin },
				now()
			);
			if (result.kind === 'booked') return { booked: result };
			if (result.kind === 'not_found') error(404, 'Not found');
			if (result.kind === 'invalid') return fail(400, { values, slotId, errors: result.errors });
			return fail(409, { values, slotId, errors: [{ field: 'times', code: result.kind }] });
		})
};
