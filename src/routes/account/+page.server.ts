import type { Actions, PageServerLoad } from './$types';
import { signOutEverywhere } from '$lib/server/accounts/sessions.service';
import { asStaff, deleteSessionCookie, staffRedirect } from '$lib/server/http/staff-session';

/** Back-office areas and the roles that open them. */
const AREAS = [
	{ key: 'admin', href: '/admin', roles: ['admin'] },
	{ key: 'audit', href: '/admin/audit', roles: ['admin'] },
	{ key: 'hotline', href: '/admin/hotline', roles: ['admin'] },
	{ key: 'staff', href: '/staff', roles: ['branch_staff'] },
	{ key: 'agent', href: '/agent', roles: ['agent'] },
	{ key: 'editor', href: '/editor/checklists', roles: ['content_editor'] },
	{ key: 'insights', href: '/insights', roles: ['analyst', 'admin'] }
] as const;

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => ({
		displayName: actor.displayName,
		roles: [...actor.roles],
		areas: AREAS.filter((a) => a.roles.some((r) => actor.roles.has(r))).map((a) => ({
			key: a.key,
			href: a.href
		}))
	}));

export const actions: Actions = {
	everywhere: async (event) => {
		const session = event.locals.staff;
		if (session?.complete) await signOutEverywhere(session);
		deleteSessionCookie(event.cookies);
		staffRedirect(event.locals, '/login');
	}
};
