import type { PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { DATASETS, openDataMonths } from '$lib/server/insights/open-data.service';

export const load: PageServerLoad = async () => ({
	datasets: [...DATASETS],
	months: await openDataMonths(now())
});
