import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { unsubscribeLinkState, unsubscribeStatusAlert } from '$lib/server/alerts/alerts.service';

// Mail scanners open every link in a message: GET only shows the button, POST unsubscribes.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const state = await unsubscribeLinkState(params.token);
	if (state === 'unknown') error(404, 'unknown');
	return { state };
};

export const actions: Actions = {
	// Reads no field: an RFC 8058 one-click POST (`List-Unsubscribe=One-Click`) would do too, if
	// Kit's origin check let a mail provider's cross-site POST through (it does not).
	// `load` runs after the action too, and sets the headers.
	default: async ({ params }) => {
		const outcome = await unsubscribeStatusAlert(params.token, now());
		if (outcome === 'unknown') return fail(404, { outcome });
		return { outcome };
	}
};
