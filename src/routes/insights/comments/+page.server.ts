import type { PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { asStaff } from '$lib/server/http/staff-session';
import { periodFromQuery } from '$lib/server/insights/period';
import { filtersFromQuery } from '$lib/server/insights/filters';
import { LOCALES, TASKS } from '$lib/server/insights/report.service';
import { satisfactionComments } from '$lib/server/insights/satisfaction.service';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const at = now();
		const period = periodFromQuery(event.url.searchParams, at);
		const { locale } = filtersFromQuery(event.url.searchParams);
		const task = event.url.searchParams.get('task') || null;
		return {
			period,
			task,
			locale,
			tasks: [...TASKS],
			locales: [...LOCALES],
			comments: await satisfactionComments(actor, period, task, locale, at)
		};
	});
