import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as v from 'valibot';
import {
	branchChoices,
	listServices,
	timeChoices
} from '$lib/server/booking/booking-offer.service';
import { controlErrors, DETAILS_FORM } from '$lib/server/booking/details-form';
import { now } from '$lib/server/clock';
import { openCase } from '$lib/server/escalation/agent-console.service';
import { bookOnBehalf } from '$lib/server/booking/hotline-booking.service';
import { readFormWith, SLUG_PATTERN, text, wholeNumber } from '$lib/server/http/form';
import { asStaff, staffLocale } from '$lib/server/http/staff-session';
import { getConfig } from '$lib/server/config';

const BOOK_FORM = v.object({
	...DETAILS_FORM.entries,
	slot: wholeNumber('times'),
	service: text(80),
	branch: text(80)
});

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
			const choices = await branchChoices(service, at, 'hotline');
			if (!choices) error(404, 'Not found');
			return { step: 'branch' as const, service, regions: choices.regions, callerLocale };
		}
		const times = await timeChoices(service, branch, at, 'hotline');
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
			const form = await readFormWith(event, BOOK_FORM);
			const { slot, service, branch, ...values } = form.values;
			const slotId = Number(slot) || 0;
			const refused = form.ok ? [] : form.errors.filter((e) => e.field !== 'slot');
			if (refused.length > 0) return fail(400, { values, slotId, errors: controlErrors(refused) });
			const { appSecret, publicOrigin } = getConfig();
			const result = await bookOnBehalf(
				actor,
				event.params.id,
				{
					serviceSlug: service,
					branchSlug: branch,
					slotId: form.ok ? form.data.slot : 0,
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
