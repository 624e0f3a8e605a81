import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import {
	CONFIRM_LINK_DAYS,
	confirmLinkState,
	confirmStatusAlert
} from '$lib/server/alerts/alerts.service';

// Mail scanners open every link in a message: GET only shows the button, POST confirms.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const state = await confirmLinkState(params.token, now());
	if (state === 'expired') error(410, 'expired');
	if (state === 'unknown') error(404, 'unknown');
	return { state, days: String(CONFIRM_LINK_DAYS) };
};

export const actions: Actions = {
	// `load` runs after the action too, and sets the headers.
	default: async ({ params }) => {
		const outcome = await confirmStatusAlert(params.token, now());
		if (outcome === 'expired') return fail(410, { outcome });
		if (outcome === 'unknown') return fail(404, { outcome });
		return { outcome };
	}
};
