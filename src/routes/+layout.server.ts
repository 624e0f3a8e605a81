import type { LayoutServerLoad } from './$types';
import { delocalizePath } from '$lib/i18n';
import { now } from '$lib/server/clock';
import { hotlineStatusFor } from '$lib/server/escalation/hotline.service';
import { currentHotline } from '$lib/server/escalation/hotline-settings.service';
import { BACK_OFFICE } from '$lib/server/http/staff-session';

/**
 * Every public page says whether the hotline is open (issue "Hotline escalation"), computed per
 * request: the pages carry no client script (ADR 0002). A page the service worker serves from
 * its cache shows the state of its last visit. Not the offline page, which is precached for the
 * whole release, nor the back office.
 */
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const path = delocalizePath(url.pathname);
	// The back office has a header of its own: Czech and English only, no public switcher.
	if (BACK_OFFICE.test(path)) return { hotlineStatus: null, backOffice: true };
	if (path === '/offline') return { hotlineStatus: null, backOffice: false };
	return {
		hotlineStatus: hotlineStatusFor(await currentHotline(), locals.locale, now()),
		backOffice: false
	};
};
