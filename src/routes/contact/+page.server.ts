import type { PageServerLoad } from './$types';
import { describeHotline } from '$lib/server/escalation/hotline.service';
import { currentHotline } from '$lib/server/escalation/hotline-settings.service';
import { now } from '$lib/server/clock';
import { getConfig } from '$lib/server/config';

export const load: PageServerLoad = async ({ locals }) => ({
	hotline: describeHotline(await currentHotline(), locals.locale, now()),
	email: getConfig().contactEmail
});
