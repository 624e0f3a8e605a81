import type { PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { describeHotline } from '$lib/server/escalation/hotline.service';
import { currentHotline } from '$lib/server/escalation/hotline-settings.service';
import { getConfig } from '$lib/server/config';

/**
 * The offline page is precached by the service worker when a release installs, so the numbers
 * and hours here are those in force then; "open now" would be stale, so it is not shown.
 */
export const load: PageServerLoad = async ({ locals }) => ({
	hotline: describeHotline(await currentHotline(), locals.locale, now()),
	email: getConfig().contactEmail
});
