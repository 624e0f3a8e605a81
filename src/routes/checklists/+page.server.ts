import type { PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { listChecklists } from '$lib/server/content/content.service';

export const load: PageServerLoad = async ({ locals }) => ({
	groups: await listChecklists(locals.locale, now())
});
