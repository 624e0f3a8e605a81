import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { localizeHref } from '$lib/i18n';
import { claimOffer } from '$lib/server/booking/waitlist.service';
import { now } from '$lib/server/clock';
import { HOLD_COOKIE } from '$lib/server/http/private-cookies';

/** The link in a waitlist offer: the held seat moves into the hold cookie, the booking goes on. */
export const load: PageServerLoad = async ({ params, cookies, locals }) => {
	const at = now();
	const target = await claimOffer(params.token, at);
	if (!target) error(404, 'Not found');
	cookies.set(HOLD_COOKIE, params.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: Math.max(60, Math.floor((target.expiresAt.getTime() - at.getTime()) / 1000))
	});
	redirect(
		303,
		localizeHref(`/book/${target.serviceSlug}/${target.branchSlug}/details`, {
			locale: locals.locale
		})
	);
};
