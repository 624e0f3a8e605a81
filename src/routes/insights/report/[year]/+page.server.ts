import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { asStaff, staffLocale } from '$lib/server/http/staff-session';
import { yearlyReport } from '$lib/server/insights/report.service';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const year = Number(event.params.year);
		if (!/^\d{4}$/.test(event.params.year) || year < 2000 || year > 2100) error(404, 'Not found');
		return { report: await yearlyReport(actor, staffLocale(event.locals), year, now()) };
	});
