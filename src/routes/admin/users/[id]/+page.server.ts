import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { ROLES } from '$lib/server/accounts/roles';
import { changeUser, getUser, type UserChange } from '$lib/server/accounts/users.service';
import { allBranches } from '$lib/server/booking/schedule.service';
import { now } from '$lib/server/clock';
import { readForm } from '$lib/server/http/form';
import { formAccess } from '$lib/server/http/staff-forms';
import { asStaff } from '$lib/server/http/staff-session';

export const load: PageServerLoad = (event) =>
	asStaff(event, async (actor) => {
		const user = await getUser(actor, event.params.id, now());
		if (!user) error(404, 'Not found');
		return { user, branches: await allBranches(actor), roles: [...ROLES] };
	});

function change(event: RequestEvent, read: (form: FormData) => UserChange) {
	return asStaff(event, async (actor) => {
		const result = await changeUser(actor, event.params.id, read(await readForm(event)), now());
		if (result.kind === 'not_found') error(404, 'Not found');
		if (result.kind === 'refused') return fail(400, { refused: true });
		return { done: true, password: result.password ?? null };
	});
}

export const actions: Actions = {
	access: (event) => change(event, (form) => ({ kind: 'access', ...formAccess(form) })),
	disable: (event) => change(event, () => ({ kind: 'disable' })),
	enable: (event) => change(event, () => ({ kind: 'enable' })),
	resetPassword: (event) => change(event, () => ({ kind: 'reset_password' })),
	resetSecondFactor: (event) => change(event, () => ({ kind: 'reset_second_factor' }))
};
