import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signOut } from '$lib/server/accounts/sessions.service';
import { deleteSessionCookie } from '$lib/server/http/staff-session';

export const load: PageServerLoad = () => redirect(303, '/account');

export const actions: Actions = {
	// Ends the session on the server, not just the cookie.
	default: async ({ locals, cookies }) => {
		if (locals.staff) await signOut(locals.staff);
		deleteSessionCookie(cookies);
		redirect(303, '/login');
	}
};
