import type { Actions, PageServerLoad } from './$types';
import { signOut } from '$lib/server/accounts/sessions.service';
import { deleteSessionCookie, staffRedirect } from '$lib/server/http/staff-session';

export const load: PageServerLoad = ({ locals }) => staffRedirect(locals, '/account');

export const actions: Actions = {
	// Ends the session on the server, not just the cookie.
	default: async ({ locals, cookies }) => {
		if (locals.staff) await signOut(locals.staff);
		deleteSessionCookie(cookies);
		staffRedirect(locals, '/login');
	}
};
