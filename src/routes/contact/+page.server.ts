import type { PageServerLoad } from './$types';
import { describeHotline } from '$lib/server/escalation/hotline.service';
import { now } from '$lib/server/clock';
import { getConfig } from '$lib/server/startup';

export const load: PageServerLoad = ({ locals }) => {
	const config = getConfig();
	return {
		hotline: describeHotline(config.hotline, locals.locale, now()),
		email: config.contactEmail
	};
};
