import type { PageServerLoad } from './$types';
import { describeHotline } from '$lib/server/escalation/hotline.service';
import { currentHotline } from '$lib/server/escalation/hotline-settings.service';
import { localeToOffer } from '$lib/server/http/locale-offer';
import { now } from '$lib/server/clock';

export const load: PageServerLoad = async ({ request, locals, setHeaders }) => {
	// The hotline's open/closed line changes with time, and the offer with the request.
	setHeaders({ 'cache-control': 'no-cache', vary: 'Accept-Language' });
	return {
		hotline: describeHotline(await currentHotline(), locals.locale, now()),
		offer: localeToOffer(request.headers, locals.locale)
	};
};
