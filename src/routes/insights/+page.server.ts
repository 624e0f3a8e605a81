import type { PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { asStaff, staffLocale } from '$lib/server/http/staff-session';
import { periodFromQuery } from '$lib/server/insights/period';
import { filtersFromQuery } from '$lib/server/insights/filters';
import { insightsOverview } from '$lib/server/insights/report.service';
import { hasRole } from '$lib/server/accounts/access';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const at = now();
		const period = periodFromQuery(event.url.searchParams, at);
		const filters = filtersFromQuery(event.url.searchParams);
		const lang = staffLocale(event.locals);
		const overview = await insightsOverview(actor, lang, period, filters, at);
		return { period, filters, ...overview, canSetCosts: hasRole(actor, 'admin') };
	});
