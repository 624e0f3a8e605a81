import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import * as v from 'valibot';
import { readFormWith, text } from '$lib/server/http/form';
import { asStaff, staffLocale } from '$lib/server/http/staff-session';
import { COST_CHANNELS, setUnitCosts, unitCosts } from '$lib/server/insights/report.service';
import { insightsText } from '$lib/insights-text';
import { staffText } from '$lib/staff-text';
import { requireRole } from '$lib/server/accounts/access';

const COSTS_FORM = v.object(Object.fromEntries(COST_CHANNELS.map((c) => [c, text(20)])));

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		requireRole(actor, 'admin');
		return { costs: await unitCosts(actor) };
	});

export const actions: Actions = {
	default: (event) =>
		asStaff(event, async (actor) => {
			const read = await readFormWith(event, COSTS_FORM);
			const values = read.values;
			if (!read.ok) {
				const message = staffText(staffLocale(event.locals)).formControl;
				return fail(400, { values, errors: read.errors.map((e) => ({ field: e.field, message })) });
			}
			const result = await setUnitCosts(actor, values, now());
			if (result.kind === 'invalid') {
				const t = insightsText(staffLocale(event.locals));
				return fail(400, {
					values,
					errors: result.channels.map((field) => ({ field, message: t.costsInvalid }))
				});
			}
			return { saved: true };
		})
};
