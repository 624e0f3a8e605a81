import type { PageServerLoad } from './$types';
import { describeHotline } from '$lib/server/escalation/hotline.service';
import { localeToOffer } from '$lib/server/http/locale-offer';
import { now } from '$lib/server/clock';
import { getConfig } from '$lib/server/startup';

export const load: PageServerLoad = ({ request, locals, setHeaders }) => {
	// The hotline's open/closed line changes with time, and the offer with the request.
	setHeaders({ 'cache-control': 'no-cache', vary: 'Accept-Language' });
	return {
		hotline: describeHotline(getConfig().hotline, locals.locale, now()),
		offer: localeToOffer(request.headers, locals.locale)
	};
};
