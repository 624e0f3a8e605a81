import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/clock';
import { withdrawCallback } from '$lib/server/escalation/callbacks.service';
import { CALLBACK_COOKIE } from '$lib/server/http/private-cookies';

export const load: PageServerLoad = ({ cookies, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	return { pending: !!cookies.get(CALLBACK_COOKIE) };
};

export const actions: Actions = {
	withdraw: async ({ cookies }) => {
		const token = cookies.get(CALLBACK_COOKIE) ?? '';
		cookies.delete(CALLBACK_COOKIE, { path: '/' });
		return { withdrawn: await withdrawCallback(token, now()) };
	}
};
