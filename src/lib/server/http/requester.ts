import type { RequestEvent } from '@sveltejs/kit';
import type { Locale } from '$lib/paraglide/runtime';
import { getConfig } from '../config';

/** Who is asking, as the throttled services need it: address (keyed-hashed there), locale, key. */
export function requesterOf(event: RequestEvent): {
	clientAddress: string;
	locale: Locale;
	secret: string;
} {
	return {
		clientAddress: event.getClientAddress(),
		locale: event.locals.locale,
		secret: getConfig().appSecret
	};
}
