import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import type { CounterStep } from '$lib/server/booking/bookings.repository';
import { counterDay, counterStep } from '$lib/server/booking/counter.service';
import { ownBranch } from '$lib/server/booking/schedule.service';
import { parseDate } from '$lib/server/booking/slot-plan';
import { now } from '$lib/server/clock';
import { pragueDate } from '$lib/server/content/content.service';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { asStaff, branchParam } from '$lib/server/http/staff-session';
import { staffText } from '$lib/staff-text';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const asked = event.url.searchParams.get('date') ?? '';
		const date = parseDate(asked) ? asked : pragueDate(now());
		const day = await counterDay(actor, branchParam(event.params), date, now());
		if (!day) error(404, 'Not found');
		return { day };
	});

const STEP_FORM = v.object({ reference: text(20) });

function step(event: RequestEvent, which: CounterStep) {
	return asStaff(event, async (actor) => {
		if (!(await ownBranch(actor, branchParam(event.params)))) error(404, 'Not found');
		const form = await readFormWith(event, STEP_FORM);
		const reference = form.values.reference;
		if (!form.ok) {
			const message = staffText(event.locals.locale).formControl;
			return fail(400, { reference, errors: [{ field: 'reference', message }] });
		}
		const result = await counterStep(actor, branchParam(event.params), reference, which, now());
		if (result === 'not_found') {
			const message = staffText(event.locals.locale).counterNotFound;
			return fail(400, { reference, errors: [{ field: 'reference', message }] });
		}
		return { saved: true };
	});
}

export const actions: Actions = {
	arrived: (event) => step(event, 'arrived'),
	done: (event) => step(event, 'done'),
	noShow: (event) => step(event, 'no_show')
};
